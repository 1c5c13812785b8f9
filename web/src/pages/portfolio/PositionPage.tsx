import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { graphql } from '../../gql';
import { LedgerTable } from '../../ledger/LedgerTable';
import { LivePrice } from '../../live/LivePrice';
import { useLivePrices } from '../../live/useLivePrices';
import { formatPrice, formatQuantity, formatUsd } from '../../money/format';
import { valueAtLivePrice } from '../../money/valuation';
import { OrderTable } from '../../orders/OrderTable';
import { Pnl } from '../../ui/Pnl';
import { PageSkeleton, QueryError } from '../../ui/states';

/** The latest orders of the asset shown here; the order history page has them all. */
const ORDERS_SHOWN = 20;
/** How far back the cash movements reach: the ledger is not filtered by asset, so its entries are matched here. */
const LEDGER_SIZE = 100;

export const PositionPageDocument = graphql(`
  query PositionPage($symbol: String!, $orders: Int!, $ledger: Int!) {
    asset(symbol: $symbol) {
      symbol
      name
      price
    }
    me {
      id
      holdings {
        ...PositionRow
      }
      orders(first: $orders, filter: { symbol: $symbol }) {
        edges {
          node {
            ...OrderRow
          }
        }
      }
      transactions(first: $ledger) {
        edges {
          node {
            ...LedgerRow
            order {
              id
              asset {
                symbol
              }
            }
          }
        }
      }
    }
  }
`);

export default function PositionPage() {
  const symbol = (useParams().symbol ?? '').toUpperCase();
  const { data, error, refetch } = useQuery(PositionPageDocument, { variables: { symbol, orders: ORDERS_SHOWN, ledger: LEDGER_SIZE } });
  useLivePrices(data?.asset ? [symbol] : []);

  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!data?.me) return <PageSkeleton title={`${symbol} position`} />;

  const asset = data.asset;
  const holding = data.me.holdings.find((candidate) => candidate.asset.symbol === symbol) ?? null;
  const orders = data.me.orders.edges.map((edge) => edge.node);
  const entries = data.me.transactions.edges.map((edge) => edge.node).filter((entry) => entry.order?.asset.symbol === symbol);
  const live = holding ? valueAtLivePrice(holding) : null;

  return (
    <section className="page" aria-labelledby="position-title">
      <p className="muted small">
        <Link to="/portfolio">← Portfolio</Link>
      </p>
      <div className="section-head">
        <h1 id="position-title">
          {asset?.name ?? symbol} <span className="muted">{symbol}</span>
        </h1>
        <Link to={`/trade/${symbol}`} className="button primary">
          Trade {symbol}
        </Link>
      </div>
      {holding && live ? (
        <dl className="stats">
          <div className="stat">
            <dt>Quantity</dt>
            <dd className="num">{formatQuantity(holding.quantity)}</dd>
            {holding.reservedQuantity !== '0' ? (
              <dd className="muted small">{formatQuantity(holding.reservedQuantity)} reserved for open sells</dd>
            ) : null}
          </div>
          <div className="stat">
            <dt>Average cost</dt>
            <dd className="num">{formatPrice(holding.averageCost)}</dd>
            <dd className="muted small">
              now <LivePrice price={holding.asset.price} />
            </dd>
          </div>
          <div className="stat">
            <dt>Market value</dt>
            <dd className="num">{formatUsd(live.marketValue)}</dd>
          </div>
          <div className="stat">
            <dt>Unrealized P&amp;L</dt>
            <dd>
              <Pnl value={live.unrealizedPnl} percent={live.unrealizedPnlPercent} />
            </dd>
          </div>
        </dl>
      ) : (
        <p className="muted">You hold no {symbol} now.</p>
      )}
      <div className="section-head">
        <h2>Orders</h2>
        <Link to={`/orders?asset=${encodeURIComponent(symbol)}`}>All {symbol} orders →</Link>
      </div>
      <OrderTable orders={orders} caption={`Your latest ${symbol} orders`} emptyText={`No ${symbol} orders yet.`} />
      <h2>Cash movements</h2>
      <LedgerTable entries={entries} caption={`Cash movements of your ${symbol} orders, among your last ${LEDGER_SIZE}`} />
    </section>
  );
}
