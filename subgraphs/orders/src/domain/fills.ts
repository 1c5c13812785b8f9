import { type Dec } from '@trading/platform';
import { transactCash, withAccountLock } from '@trading/ledger';
import { addToHoldingItem, costShareOf, getHolding, sellReservedItem } from '../data/holdings';
import { fillOrderItem, getOrder, type OrderRecord } from '../data/orders';
import { publishOrderUpdated } from './events';
import { limitReached, tradeTotal } from './order-request';
import type { TradingDeps } from './deps';

/**
 * Fills an OPEN limit order at `price`, in one transaction under the user's lock: the order becomes FILLED on
 * condition that it is still OPEN, the cash moves with its ledger entry (a buy pays `quantity x price` rounded up,
 * which is at most its reservation, and releases the whole reservation in the same update of the user item, so the
 * unused part is back in the available cash; a sell receives the proceeds rounded down), and the holding changes
 * (a sell's units leave the holding with their reservation). Resolves to the filled order, or null when the order
 * is no longer OPEN or the price does not reach its limit: a tick processed twice, by two instances, or racing a
 * cancel fills at most once because the condition on the order's status decides.
 */
export async function fillOpenOrder(deps: TradingDeps, order: Pick<OrderRecord, 'userId' | 'id'>, price: Dec): Promise<OrderRecord | null> {
  const { db } = deps;
  const filled = await withAccountLock(deps.coordination.locks, order.userId, () =>
    transactCash<OrderRecord | null>(
      db,
      order.userId,
      async () => {
        const current = await getOrder(db, order.userId, order.id);
        if (current?.status !== 'OPEN' || !current.limitPrice || !limitReached(current.side, current.limitPrice, price)) return { replay: null };
        const filledAt = new Date().toISOString();
        const total = tradeTotal(current.side, current.quantity, price);
        const result: OrderRecord = { ...current, status: 'FILLED', price, total, filledAt };
        const orderItem = fillOrderItem(db, current, { price, total, filledAt });
        if (current.side === 'BUY') {
          const reserved = current.reservedCash;
          // Cannot happen (the limit bounds the price, the reservation was priced at the limit): refuse, never overdraw.
          if (!reserved || total.gt(reserved)) throw new Error(`limit buy ${current.id} would cost ${total.toFixed()}, beyond its reservation`);
          return {
            movement: { type: 'BUY' as const, amount: total.negated(), orderId: current.id, reservedChange: reserved.negated() },
            items: [addToHoldingItem(db, current.userId, current.symbol, current.quantity, total), orderItem],
            result: () => result,
          };
        }
        const holding = await getHolding(db, current.userId, current.symbol);
        if (!holding || holding.reserved.lt(current.quantity)) {
          // A cancel that committed after the order was read released the units: then the order is no longer OPEN.
          if ((await getOrder(db, current.userId, current.id))?.status !== 'OPEN') return { replay: null };
          throw new Error(`limit sell ${current.id} finds its units no longer reserved`);
        }
        return {
          movement: { type: 'SELL' as const, amount: total, orderId: current.id },
          items: [sellReservedItem(db, holding, current.quantity, costShareOf(holding, current.quantity)), orderItem],
          result: () => result,
        };
      },
      { cache: deps.accounts },
    ),
  );
  if (filled) {
    deps.metrics?.recordFilled(filled);
    publishOrderUpdated(deps, filled);
  }
  return filled;
}
