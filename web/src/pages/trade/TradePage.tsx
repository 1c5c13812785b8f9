import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { graphql } from '../../gql';
import { LivePrice } from '../../live/LivePrice';
import { useLivePrices } from '../../live/useLivePrices';
import { formatCompactUsd, formatQuantity, formatUsd } from '../../money/format';
import { useSessionStore } from '../../session/SessionContext';
import { Change } from '../../ui/Pnl';
import { EmptyState, PageSkeleton, QueryError } from '../../ui/states';
import { CATEGORY_LABELS } from '../markets/categories';
import { CHART_RANGES, DEFAULT_RANGE } from './candles';
import { MarketStats } from './MarketStats';
import { OpenOrders } from './OpenOrders';
import { OrderForm } from './OrderForm';
import { TradeChart } from './TradeChart';

// The chart opens full: the default range's candles come with the page, in its one request.
export const TradePageDocument = graphql(`
  query TradePage($symbol: String!, $interval: CandleInterval!, $last: Int!) {
    asset(symbol: $symbol) {
      symbol
      name
      description
      category
      price
      change24h
      marketCap
      active
      ...MarketStats
      candles(interval: $interval, last: $last) {
        ...ChartCandle
      }
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

const PAGE_RANGE = { interval: CHART_RANGES[DEFAULT_RANGE].interval, last: CHART_RANGES[DEFAULT_RANGE].last };

export default function TradePage() {
  const { symbol: rawSymbol = '' } = useParams();
  const symbol = rawSymbol.toUpperCase();
  const store = useSessionStore();
  const { data, error, refetch } = useQuery(TradePageDocument, { variables: { symbol, ...PAGE_RANGE } });
  const asset = data?.asset;
  useLivePrices(asset ? [asset.symbol] : []);

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
      <MarketStats asset={asset} />

      <div className="trade-grid">
        <div className="panel chart-panel">
          <h2 className="visually-hidden">Price chart</h2>
          <TradeChart key={asset.symbol} asset={asset} pageRange={DEFAULT_RANGE} />
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
            <div className="section-head">
              <h2>Your open orders for {asset.symbol}</h2>
              <Link to={`/orders?asset=${asset.symbol}`}>All {asset.symbol} orders →</Link>
            </div>
            <OpenOrders orders={openOrders} symbol={asset.symbol} />
          </div>
        ) : null}
      </div>
    </section>
  );
}
