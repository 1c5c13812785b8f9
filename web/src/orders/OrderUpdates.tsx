import { useApolloClient } from '@apollo/client/react';
import { graphql } from '../gql';
import type { OrderUpdatesSubscription } from '../gql/graphql';
import { useResilientSubscription } from '../live/useResilientSubscription';
import { formatPrice, formatQuantity, formatUsd } from '../money/format';
import { useToast } from '../ui/Toasts';
import { addToOpenOrders } from './account-after-trade';

// `reservedCash` because a new OPEN order joins the cached open-order lists (OpenOrder): a missing field would refetch them.
export const OrderUpdatesDocument = graphql(`
  subscription OrderUpdates {
    orderUpdated {
      ...OrderRow
      cancelledAt
      reservedCash
      user {
        ...AccountAfterTrade
      }
    }
  }
`);

type UpdatedOrder = OrderUpdatesSubscription['orderUpdated'];

/** What a person reads when one of their orders changes. */
export function describeOrderUpdate(order: UpdatedOrder): { text: string; tone: 'info' | 'gain' | 'loss' } | null {
  const what = `${order.side === 'BUY' ? 'buy' : 'sell'} of ${formatQuantity(order.quantity)} ${order.asset.symbol}`;
  // A market order fills in the answer to placeOrder, and the order form confirms it there.
  if (order.status === 'FILLED' && order.type === 'LIMIT' && order.price && order.total) {
    return { text: `Filled: ${what} at ${formatPrice(order.price)} (${formatUsd(order.total)}).`, tone: order.side === 'BUY' ? 'gain' : 'loss' };
  }
  if (order.status === 'CANCELLED') return { text: `Cancelled: limit ${what}.`, tone: 'info' };
  if (order.status === 'REJECTED') return { text: `Rejected: limit ${what}.`, tone: 'loss' };
  return null;
}

/**
 * Follows the signed-in trader's orders for as long as they are signed in, on every page. Each event is written to
 * the cache (the order, the balance, holdings and portfolio with it), a new OPEN order joins the open-order lists, and
 * fills and cancellations are announced. Limit orders fill here, while the trader may be anywhere in the app.
 */
export function OrderUpdates({ userId }: { userId: string }) {
  const client = useApolloClient();
  const toast = useToast();
  useResilientSubscription(OrderUpdatesDocument, {
    variables: {},
    onData: ({ orderUpdated }) => {
      if (orderUpdated.status === 'OPEN') addToOpenOrders(client.cache, userId, orderUpdated);
      const notice = describeOrderUpdate(orderUpdated);
      if (notice) toast(notice.text, notice.tone);
    },
    // An overflowing or interrupted stream may have missed events: bring the pages on screen up to date once.
    onRestart: () => void client.refetchQueries({ include: 'active' }),
  });
  return null;
}
