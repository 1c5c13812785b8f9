import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { describeError } from '../../apollo/errors';
import { graphql } from '../../gql';
import type { OpenOrderFragment } from '../../gql/graphql';
import { formatPrice, formatQuantity, formatUsd } from '../../money/format';
import { EmptyState } from '../../ui/states';
import { formatDateTime } from '../../ui/time';

export const OpenOrderFragmentDoc = graphql(`
  fragment OpenOrder on Order {
    id
    side
    status
    quantity
    limitPrice
    reservedCash
    createdAt
    asset {
      symbol
    }
  }
`);

export const CancelOrderDocument = graphql(`
  mutation CancelOrder($id: ID!) {
    cancelOrder(id: $id) {
      id
      status
      cancelledAt
      user {
        ...AccountAfterTrade
      }
    }
  }
`);

/** The trader's open limit orders for this asset, each with a cancel button; a filled or cancelled one drops out at once. */
export function OpenOrders({ orders, symbol }: { orders: readonly OpenOrderFragment[]; symbol: string }) {
  const [cancelOrder] = useMutation(CancelOrderDocument);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Status comes from the normalized Order, which fills and cancellations update in place.
  const open = orders.filter((order) => order.status === 'OPEN' && order.asset.symbol === symbol);

  const cancel = async (id: string) => {
    setCancelling(id);
    setError(null);
    try {
      await cancelOrder({ variables: { id } });
    } catch (failure) {
      setError(describeError(failure).message);
    } finally {
      setCancelling(null);
    }
  };

  return (
    <div>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      {open.length === 0 ? (
        <EmptyState title="No open limit orders.">A limit order waits here until the price reaches its limit.</EmptyState>
      ) : (
        <ul className="open-orders">
          {open.map((order) => (
            <li key={order.id} className="open-order">
              <span>
                <span className={order.side === 'BUY' ? 'side-buy' : 'side-sell'}>{order.side === 'BUY' ? 'Buy' : 'Sell'}</span>{' '}
                {formatQuantity(order.quantity)} {order.asset.symbol} at{' '}
                <span className="num">{order.limitPrice ? formatPrice(order.limitPrice) : '—'}</span>
                <span className="muted small">
                  {' '}
                  · {formatDateTime(order.createdAt)}
                  {order.reservedCash ? ` · ${formatUsd(order.reservedCash)} reserved` : ''}
                </span>
              </span>
              <button
                type="button"
                className="button secondary small"
                disabled={cancelling === order.id}
                onClick={() => void cancel(order.id)}
                aria-label={`Cancel limit ${order.side === 'BUY' ? 'buy' : 'sell'} of ${formatQuantity(order.quantity)} ${order.asset.symbol}`}
              >
                {cancelling === order.id ? 'Cancelling…' : 'Cancel'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
