import { ulid } from 'ulid';
import {
  type Coordination,
  type Database,
  Dec,
  ErrorCode,
  findRequestKey,
  fingerprintOf,
  type Logger,
  parsePositiveDecimal,
  QUANTITY_SCALE,
  replay,
  requestKeyItem,
  ROUND_DOWN,
  ROUND_UP,
  roundCash,
  transactCash,
  userError,
  validRequestKey,
  withAccountLock,
} from '@trading/platform';
import { addToHoldingItem, getHolding, removeFromHoldingItem } from '../data/holdings';
import { getOrder, putOrderItem, type OrderRecord } from '../data/orders';
import type { PriceSource } from '../data/prices';
import type { PlaceOrderInput } from '../generated/resolvers';

/** Largest quantity one order may name (syntax bound; funds and holdings are the real limits). */
const MAX_QUANTITY = new Dec('1000000000000');
/** Smallest order value in USD: below a cent, rounding would make trades free or worthless. */
export const MIN_ORDER_VALUE = new Dec('0.01');
const SYMBOL = /^[A-Za-z0-9]{1,12}$/;

/** The topic on which every order change is published. */
export const ORDER_UPDATED = 'order.updated';

export interface TradingDeps {
  db: Database;
  coordination: Coordination;
  prices: PriceSource;
  log: Logger;
}

/**
 * Places and executes a MARKET order for a user. The order record, the cash movement with its ledger entry and the
 * holding change are one DynamoDB transaction whose conditions (ledger sequence, `balance >= cost`,
 * `quantity >= sold`) make a race or a crash unable to leave a half-applied or overdrawn trade.
 */
export async function placeMarketOrder(deps: TradingDeps, userId: string, input: PlaceOrderInput): Promise<OrderRecord> {
  if (!SYMBOL.test(input.symbol))
    throw userError(ErrorCode.BAD_USER_INPUT, 'symbol must be 1 to 12 letters or digits, e.g. "BTC"', { field: 'symbol' });
  const symbol = input.symbol.toUpperCase();
  const quantity = parsePositiveDecimal(input.quantity, { field: 'quantity', scale: QUANTITY_SCALE, max: MAX_QUANTITY });
  if (input.type !== 'MARKET') throw userError(ErrorCode.BAD_USER_INPUT, `Order type ${input.type} is not supported`, { field: 'type' });
  const clientOrderId = input.clientOrderId == null ? null : validRequestKey(input.clientOrderId, 'clientOrderId');
  const fingerprint = fingerprintOf({ symbol, side: input.side, type: input.type, quantity: quantity.toFixed() });

  const order = await withAccountLock(deps.coordination.locks, userId, async () => {
    if (clientOrderId) {
      // A retry answers with the order it placed, before looking at prices again.
      const used = await findRequestKey(deps.db, userId, 'order', clientOrderId);
      if (used) return { ...(await replay(used, fingerprint, 'clientOrderId', (id) => getOrder(deps.db, userId, id))), replayed: true };
    }
    const quote = (await deps.prices.quotes([symbol])).get(symbol);
    if (!quote) throw userError(ErrorCode.NOT_FOUND, `There is no asset with the symbol ${symbol}`, { field: 'symbol' });
    if (!quote.active) throw userError(ErrorCode.BAD_USER_INPUT, `${symbol} is delisted and cannot be traded`, { field: 'symbol' });
    const value = quantity.times(quote.price);
    if (value.lt(MIN_ORDER_VALUE)) {
      throw userError(ErrorCode.BAD_USER_INPUT, `The order's value must be at least ${MIN_ORDER_VALUE.toFixed()} USD`, { field: 'quantity' });
    }
    // The platform never gives away fractions of a cent: buyers pay rounded up, sellers receive rounded down.
    const total = roundCash(value, input.side === 'BUY' ? ROUND_UP : ROUND_DOWN);
    const now = new Date().toISOString();
    const record: OrderRecord = {
      userId,
      id: ulid(),
      symbol,
      side: input.side,
      type: 'MARKET',
      status: 'FILLED',
      ...(clientOrderId ? { clientOrderId } : {}),
      quantity,
      price: quote.price,
      total,
      createdAt: now,
      filledAt: now,
    };
    const keyItems = clientOrderId
      ? [requestKeyItem(deps.db, { userId, kind: 'order', clientKey: clientOrderId, fingerprint, resultId: record.id })]
      : [];

    return transactCash<OrderRecord & { replayed?: boolean }>(deps.db, userId, async () => {
      if (clientOrderId) {
        // Another process may have used the key since the check above (the transaction's condition would refuse).
        const used = await findRequestKey(deps.db, userId, 'order', clientOrderId);
        if (used) return { replay: { ...(await replay(used, fingerprint, 'clientOrderId', (id) => getOrder(deps.db, userId, id))), replayed: true } };
      }
      if (input.side === 'BUY') {
        return {
          movement: { type: 'BUY' as const, amount: total.negated(), orderId: record.id },
          items: [addToHoldingItem(deps.db, userId, symbol, quantity, total), putOrderItem(deps.db, record), ...keyItems],
          result: () => record,
        };
      }
      const holding = await getHolding(deps.db, userId, symbol);
      if (!holding || holding.quantity.lt(quantity)) throw insufficientHoldings(symbol, quantity, holding?.quantity);
      const costShare = quantity.eq(holding.quantity) ? holding.costBasis : roundCash(holding.costBasis.times(quantity).dividedBy(holding.quantity));
      return {
        movement: { type: 'SELL' as const, amount: total, orderId: record.id },
        items: [removeFromHoldingItem(deps.db, holding, quantity, costShare), putOrderItem(deps.db, record), ...keyItems],
        result: () => record,
      };
    });
  });

  const { replayed, ...placed } = order;
  // A replayed retry changed nothing, so there is nothing to announce.
  if (!replayed) {
    deps.coordination.events
      .publish(ORDER_UPDATED, { userId, orderId: placed.id, status: placed.status })
      .catch((err: unknown) => deps.log.error({ err }, 'could not publish an order event'));
  }
  return placed;
}

function insufficientHoldings(symbol: string, wanted: Dec, held?: Dec) {
  const have = held ? `only ${held.toFixed()}` : 'none';
  return userError(ErrorCode.INSUFFICIENT_HOLDINGS, `Cannot sell ${wanted.toFixed()} ${symbol}: you hold ${have}`, { field: 'quantity' });
}
