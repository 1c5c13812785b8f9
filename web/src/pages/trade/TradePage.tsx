import { useQuery } from '@apollo/client/react';
import { lazy, Suspense, useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { UTCTimestamp } from 'lightweight-charts';
import { graphql } from '../../gql';
import { LivePrice } from '../../live/LivePrice';
import { type PriceTick, useLivePrices } from '../../live/useLivePrices';
import { formatCompactUsd, formatQuantity, formatUsd } from '../../money/format';
import { useSessionStore } from '../../session/SessionContext';
import { Change } from '../../ui/Pnl';
import { EmptyState, PageSkeleton, QueryError, Skeleton } from '../../ui/states';
import { CATEGORY_LABELS } from '../markets/categories';
import { OpenOrders } from './OpenOrders';
import { OrderForm } from './OrderForm';
import type { PricePoint } from './PriceChart';

// The chart library is the largest dependency: it loads after the form, in its own chunk.
const PriceChart = lazy(() => import('./PriceChart'));

export const TradePageDocument = graphql(`
  query TradePage($symbol: String!) {
    asset(symbol: $symbol) {
      symbol
      name
      description
      category
      price
      change24h
      marketCap
      active
    }
    me {
      id
      portfolio {
        availableCash
        reservedCash
      }
      holdings {
        ...PositionRow
      }
      orders(status: OPEN, first: 50) {
        edges {
          node {
            ...OpenOrder
          }
        }
      }
    }
  }
`);

/** How many points the chart keeps: about ten minutes of ticks. */
const MAX_POINTS = 600;

function pointAt(iso: string, price: string): PricePoint {
  return { time: Math.floor(Date.parse(iso) / 1000) as UTCTimestamp, value: Number(price) };
}

/** Adds a point, one per second at most (the chart needs strictly increasing times). */
function addPoint(points: readonly PricePoint[], point: PricePoint): PricePoint[] {
  const last = points[points.length - 1];
  if (last && point.time < last.time) return [...points];
  const kept = last && last.time === point.time ? points.slice(0, -1) : points;
  return [...kept, point].slice(-MAX_POINTS);
}

export default function TradePage() {
  const { symbol: rawSymbol = '' } = useParams();
  const symbol = rawSymbol.toUpperCase();
  const store = useSessionStore();
  const { data, error, refetch } = useQuery(TradePageDocument, { variables: { symbol } });
  const [points, setPoints] = useState<{ symbol: string; points: PricePoint[] }>({ symbol, points: [] });

  // The chart starts at the price of the moment; the API keeps no price history (see README).
  const asset = data?.asset;
  if (asset && (points.symbol !== symbol || points.points.length === 0)) {
    setPoints({ symbol, points: [pointAt(new Date().toISOString(), asset.price)] });
  }
  const onTick = useCallback(
    (tick: PriceTick) => {
      if (tick.symbol !== symbol) return;
      setPoints((current) => ({ symbol, points: addPoint(current.symbol === symbol ? current.points : [], pointAt(tick.changedAt, tick.price)) }));
    },
    [symbol],
  );
  useLivePrices(asset ? [asset.symbol] : [], onTick);

  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!data) return <PageSkeleton title={`Trade ${symbol}`} />;
  if (!asset)
    return (
      <section className="page narrow">
        <h1>No asset {symbol}</h1>
        <EmptyState title="There is no asset with this symbol.">
          Find one in the <Link to="/markets">markets</Link>.
        </EmptyState>
      </section>
    );

  const me = data.me;
  const holding = me?.holdings.find((candidate) => candidate.asset.symbol === asset.symbol) ?? null;
  const openOrders = me?.orders.edges.map((edge) => edge.node) ?? [];
  const canTrade = store.role === 'CUSTOMER';

  return (
    <section className="page trade" aria-labelledby="trade-title">
      <header className="trade-header">
        <div>
          <h1 id="trade-title">
            {asset.name} <span className="muted">{asset.symbol}</span>
          </h1>
          <p className="muted small">
            {CATEGORY_LABELS[asset.category]} · market cap {formatCompactUsd(asset.marketCap)}
          </p>
        </div>
        <div className="trade-price" role="group" aria-label={`${asset.symbol} price`}>
          <LivePrice price={asset.price} className="big" />
          <Change value={asset.change24h} />
        </div>
      </header>

      <div className="trade-grid">
        <div className="panel chart-panel">
          <h2 className="visually-hidden">Price chart</h2>
          <Suspense fallback={<Skeleton lines={6} label="Loading the chart" />}>
            <PriceChart points={points.symbol === symbol ? points.points : []} label={`Live price of ${asset.name}, updated with every tick`} />
          </Suspense>
          <p className="muted small">{asset.description}</p>
        </div>

        <div className="panel">
          <h2>Place an order</h2>
          {me && canTrade ? (
            <>
              <p className="muted small">
                You hold {formatQuantity(holding?.quantity ?? '0')} {asset.symbol} · available cash {formatUsd(me.portfolio.availableCash)}
              </p>
              <OrderForm userId={me.id} asset={asset} availableCash={me.portfolio.availableCash} holding={holding} />
            </>
          ) : (
            <p className="muted">Administrator accounts operate the platform and do not trade.</p>
          )}
        </div>

        {me && canTrade ? (
          <div className="panel">
            <h2>Your open orders for {asset.symbol}</h2>
            <OpenOrders orders={openOrders} symbol={asset.symbol} />
          </div>
        ) : null}
      </div>
    </section>
  );
}
