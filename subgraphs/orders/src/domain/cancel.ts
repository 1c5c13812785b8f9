import { ErrorCode, findRequestKey, fingerprintOf, replay, requestKeyItem, userError, validRequestKey } from '@trading/platform';
import { releaseCashItem, withAccountLock } from '@trading/ledger';
import { releaseHoldingItem } from '../data/holdings';
import { cancelOrderItem, getOrder, type OrderRecord } from '../data/orders';
import { transactPlanned } from '../data/transact';
import { publishOrderUpdated } from './events';
import type { TradingDeps } from './deps';

/**
 * Cancels one of the user's OPEN limit orders: one transaction marks it CANCELLED on condition that it is still
 * OPEN (so a cancel racing a fill, or another cancel, has exactly one winner) and releases its reservation. NOT_FOUND
 * when the user has no such order; BAD_USER_INPUT on `id` (with `orderStatus`) when it is not OPEN. With an
 * idempotency key, a retry returns the cancelled order and writes nothing.
 */
export async function cancelOrder(
  deps: Pick<TradingDeps, 'db' | 'coordination' | 'log' | 'metrics' | 'accounts'>,
  userId: string,
  id: string,
  idempotencyKey?: string | null,
) {
  const { db } = deps;
  const key = idempotencyKey == null ? null : validRequestKey(idempotencyKey, 'idempotencyKey');
  const fingerprint = fingerprintOf({ orderId: id });
  const { replayed, ...cancelled } = await withAccountLock(deps.coordination.locks, userId, () =>
    transactPlanned<OrderRecord & { replayed?: boolean }>(db, async () => {
      if (key) {
        const used = await findRequestKey(db, userId, 'cancel', key);
        if (used)
          return { replay: { ...(await replay(used, fingerprint, 'idempotencyKey', (orderId) => getOrder(db, userId, orderId))), replayed: true } };
      }
      // `id` is a ULID by now (parseId at the resolver).
      const order = await getOrder(db, userId, id);
      if (!order) throw userError(ErrorCode.NOT_FOUND, 'You have no order with this id', { field: 'id' });
      if (order.status !== 'OPEN') {
        throw userError(ErrorCode.BAD_USER_INPUT, `Only an OPEN order can be cancelled; this one is ${order.status}`, {
          field: 'id',
          orderStatus: order.status,
        });
      }
      const cancelledAt = new Date().toISOString();
      const release =
        order.side === 'BUY' ? releaseCashItem(db, userId, reservedCashOf(order)) : releaseHoldingItem(db, userId, order.symbol, order.quantity);
      return {
        items: [
          cancelOrderItem(db, order, cancelledAt),
          release,
          ...(key ? [requestKeyItem(db, { userId, kind: 'cancel', clientKey: key, fingerprint, resultId: order.id })] : []),
        ],
        result: { ...order, status: 'CANCELLED' as const, cancelledAt },
      };
    }),
  );
  if (!replayed) {
    // The reservation changed: this process's guess of the account would fail its next condition.
    if (cancelled.side === 'BUY') deps.accounts?.forget(userId);
    deps.metrics?.cancelled.inc();
    publishOrderUpdated(deps, cancelled);
  }
  return cancelled;
}

function reservedCashOf(order: OrderRecord) {
  if (!order.reservedCash) throw new Error(`open limit buy ${order.id} has no reservation`);
  return order.reservedCash;
}
