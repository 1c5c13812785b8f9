import { Link } from 'react-router';
import { graphql } from '../gql';
import type { OrderRowFragment } from '../gql/graphql';
import { formatPrice, formatQuantity, formatUsd } from '../money/format';
import { EmptyState } from '../ui/states';
import { formatShortDateTime } from '../ui/time';

export const OrderRowFragmentDoc = graphql(`
  fragment OrderRow on Order {
    id
    side
    type
    status
    quantity
    limitPrice
    price
    total
    createdAt
    filledAt
    asset {
      symbol
      name
    }
  }
`);

const STATUS_LABEL: Record<OrderRowFragment['status'], string> = { OPEN: 'Open', FILLED: 'Filled', CANCELLED: 'Cancelled', REJECTED: 'Rejected' };

/** One order in a table: when, what, how much, at what price, and where it stands. */
export function OrderRow({ order }: { order: OrderRowFragment }) {
  const atPrice = order.price ?? order.limitPrice;
  return (
    <tr>
      <td data-label="Placed" className="nowrap">
        {formatShortDateTime(order.createdAt)}
      </td>
      <td data-label="Order">
        <span className={order.side === 'BUY' ? 'side-buy' : 'side-sell'}>{order.side === 'BUY' ? 'Buy' : 'Sell'}</span>{' '}
        <Link to={`/trade/${order.asset.symbol}`}>{order.asset.symbol}</Link>{' '}
        <span className="muted">{order.type === 'LIMIT' ? 'limit' : 'market'}</span>
      </td>
      <td data-label="Quantity" className="num">
        {formatQuantity(order.quantity)}
      </td>
      <td data-label="Price" className="num">
        {atPrice ? formatPrice(atPrice) : '—'}
        {!order.price && order.limitPrice ? <span className="muted"> limit</span> : null}
      </td>
      <td data-label="Total" className="num">
        {order.total ? formatUsd(order.total) : '—'}
      </td>
      <td data-label="Status">
        <span className={`badge status-${order.status.toLowerCase()}`}>{STATUS_LABEL[order.status]}</span>
      </td>
    </tr>
  );
}

/** A table of orders, or what to do when there are none. */
export function OrderTable({
  orders,
  caption,
  emptyText = 'No orders yet.',
}: {
  orders: readonly OrderRowFragment[];
  caption: string;
  emptyText?: string;
}) {
  if (orders.length === 0)
    return (
      <EmptyState title={emptyText}>
        Place one from the <Link to="/markets">markets</Link>.
      </EmptyState>
    );
  return (
    <table className="table stack-on-phone">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Placed</th>
          <th scope="col">Order</th>
          <th scope="col" className="num">
            Quantity
          </th>
          <th scope="col" className="num">
            Price
          </th>
          <th scope="col" className="num">
            Total
          </th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <OrderRow key={order.id} order={order} />
        ))}
      </tbody>
    </table>
  );
}
