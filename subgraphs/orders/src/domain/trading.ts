import { type Database, type Dec, ErrorCode, findRequestKey, newId, replay, requestKeyItem, type TransactItem, userError } from '@trading/platform';
import { availableCash, readCashAccount, reserveCashItem, transactCash, withAccountLock } from '@trading/ledger';
import {
  addToHoldingItem,
  costShareOf,
  getHolding,
  type HoldingRecord,
  removeFromHoldingItem,
  reserveHoldingItem,
  unreservedQuantity,
} from '../data/holdings';
import { getOrder, putOrderItem, type OrderRecord } from '../data/orders';
import type { PriceLookup, Quote } from '../data/prices';
import { transactPlanned } from '../data/transact';
import type { PlaceOrderInput } from '../generated/resolvers';
import { publishOrderUpdated } from './events';
import type { TradingDeps } from './deps';
import { fillOpenOrder } from './fills';
import { cashReservation, checkOrderValue, limitReached, type OrderRequest, parseOrderRequest, tradeTotal } from './order-request';

type Placed = OrderRecord & { replayed?: boolean };

/**
 * Places an order for a user. A MARKET order, or a LIMIT order whose limit the current price already reaches,
 * executes at once at the current price: the order record, the cash movement with its ledger entry and the holding
 * change are one DynamoDB transaction whose conditions (ledger sequence, reservations, `balance >= cost`,
 * `quantity >= sold`) make a race or a crash unable to leave a half-applied or overdrawn trade. Any other LIMIT order
 * is accepted OPEN in one transaction that reserves its cash (buy) or units (sell); the matcher fills it later.
 */
export async function placeOrder(deps: TradingDeps, userId: string, input: PlaceOrderInput): Promise<OrderRecord> {
  const request = parseOrderRequest(input);
  const { replayed, ...placed } = await withAccountLock<Placed>(deps.coordination.locks, userId, async () => {
    if (request.clientOrderId) {
      // A retry answers with the order it placed, before looking at prices again.
      const earlier = await replayedOrder(deps.db, userId, request);
      if (earlier) return earlier;
    }
    const quote = await quoteFor(deps.prices, request.symbol);
    checkOrderValue(request.quantity, request.limitPrice ?? quote.price);
    if (!request.limitPrice || limitReached(request.side, request.limitPrice, quote.price)) return execute(deps, userId, request, quote.price);
    return accept(deps.db, userId, request, request.limitPrice);
  });
  // A replayed retry changed nothing, so there is nothing to announce.
  if (replayed) return placed;
  // An accepted limit buy reserved cash: this process's guess of the account would fail its next condition.
  if (placed.status === 'OPEN' && placed.side === 'BUY') deps.accounts?.forget(userId);
  deps.metrics?.recordPlaced(placed);
  publishOrderUpdated(deps, placed);
  return placed.status === 'OPEN' ? await matchAfterAcceptance(deps, placed) : placed;
}

/** The order a clientOrderId already placed (marked as replayed), or null when the key is unused. */
async function replayedOrder(db: Database, userId: string, request: OrderRequest): Promise<Placed | null> {
  const used = await findRequestKey(db, userId, 'order', request.clientOrderId!);
  if (!used) return null;
  return { ...(await replay(used, request.fingerprint, 'clientOrderId', (id) => getOrder(db, userId, id))), replayed: true };
}

async function quoteFor(prices: PriceLookup, symbol: string): Promise<Quote> {
  const quote = (await prices.quotes([symbol])).get(symbol);
  if (!quote) throw userError(ErrorCode.NOT_FOUND, `There is no asset with the symbol ${symbol}`, { field: 'symbol' });
  if (!quote.active) throw userError(ErrorCode.BAD_USER_INPUT, `${symbol} is delisted and cannot be traded`, { field: 'symbol' });
  return quote;
}

function keyItems(db: Database, userId: string, request: OrderRequest, orderId: string): TransactItem[] {
  return request.clientOrderId
    ? [requestKeyItem(db, { userId, kind: 'order', clientKey: request.clientOrderId, fingerprint: request.fingerprint, resultId: orderId })]
    : [];
}

/** Executes an order at `price` now: one transaction of cash, holding, order and key. */
function execute({ db, accounts }: TradingDeps, userId: string, request: OrderRequest, price: Dec): Promise<Placed> {
  const { symbol, quantity } = request;
  // The platform never gives away fractions of a cent: buyers pay rounded up, sellers receive rounded down.
  const total = tradeTotal(request.side, quantity, price);
  // The id carries the same instant as createdAt, so a time range of orders is exactly a range of ids.
  const placedAt = Date.now();
  const now = new Date(placedAt).toISOString();
  const record: OrderRecord = {
    userId,
    id: newId(placedAt),
    symbol,
    side: request.side,
    type: request.type,
    status: 'FILLED',
    ...(request.clientOrderId ? { clientOrderId: request.clientOrderId } : {}),
    quantity,
    ...(request.limitPrice ? { limitPrice: request.limitPrice } : {}),
    price,
    total,
    createdAt: now,
    filledAt: now,
  };
  const written = [putOrderItem(db, record), ...keyItems(db, userId, request, record.id)];

  return transactCash<Placed>(
    db,
    userId,
    async () => {
      if (request.clientOrderId) {
        // Another process may have used the key since the check above (the transaction's condition would refuse).
        const earlier = await replayedOrder(db, userId, request);
        if (earlier) return { replay: earlier };
      }
      if (request.side === 'BUY') {
        return {
          movement: { type: 'BUY' as const, amount: total.negated(), orderId: record.id },
          items: [addToHoldingItem(db, userId, symbol, quantity, total), ...written],
          result: () => record,
        };
      }
      const holding = await sellableHolding(db, userId, symbol, quantity);
      return {
        movement: { type: 'SELL' as const, amount: total, orderId: record.id },
        items: [removeFromHoldingItem(db, holding, quantity, costShareOf(holding, quantity)), ...written],
        result: () => record,
      };
    },
    { cache: accounts },
  );
}

/**
 * Accepts a limit order OPEN: one transaction puts the order and reserves what it needs, cash for a buy (on the
 * user item, conditioned on the available cash) or units for a sell (on the holding, conditioned on the units not
 * reserved yet). No cash moves and no ledger entry is written until it fills.
 */
function accept(db: Database, userId: string, request: OrderRequest, limitPrice: Dec): Promise<Placed> {
  const reservedCash = request.side === 'BUY' ? cashReservation(request.quantity, limitPrice) : null;
  const placedAt = Date.now();
  const record: OrderRecord = {
    userId,
    id: newId(placedAt),
    symbol: request.symbol,
    side: request.side,
    type: 'LIMIT',
    status: 'OPEN',
    ...(request.clientOrderId ? { clientOrderId: request.clientOrderId } : {}),
    quantity: request.quantity,
    limitPrice,
    ...(reservedCash ? { reservedCash } : {}),
    createdAt: new Date(placedAt).toISOString(),
  };
  const written = [putOrderItem(db, record), ...keyItems(db, userId, request, record.id)];

  return transactPlanned<Placed>(db, async () => {
    if (request.clientOrderId) {
      const earlier = await replayedOrder(db, userId, request);
      if (earlier) return { replay: earlier };
    }
    if (reservedCash) {
      const account = await readCashAccount(db, userId);
      if (!account) throw userError(ErrorCode.UNAUTHENTICATED, 'This account no longer exists: sign in again', { reason: 'ACCOUNT_GONE' });
      const available = availableCash(account);
      if (available.lt(reservedCash)) {
        throw userError(
          ErrorCode.INSUFFICIENT_FUNDS,
          `Insufficient funds: this limit order reserves ${reservedCash.toFixed()} USD and ${available.toFixed()} USD is available`,
          { balance: account.balance.toFixed(), available: available.toFixed() },
        );
      }
      return { items: [reserveCashItem(db, account, reservedCash), ...written], result: record };
    }
    const holding = await sellableHolding(db, userId, request.symbol, request.quantity);
    return { items: [reserveHoldingItem(db, holding, request.quantity), ...written], result: record };
  });
}

/** The holding to sell from, when it has `quantity` units not reserved by open limit sells; else INSUFFICIENT_HOLDINGS. */
async function sellableHolding(db: Database, userId: string, symbol: string, quantity: Dec): Promise<HoldingRecord> {
  const holding = await getHolding(db, userId, symbol);
  if (holding && unreservedQuantity(holding).gte(quantity)) return holding;
  const have = !holding
    ? 'none'
    : holding.reserved.isZero()
      ? `only ${holding.quantity.toFixed()}`
      : `${holding.quantity.toFixed()}, of which ${holding.reserved.toFixed()} are reserved by open limit sells`;
  throw userError(ErrorCode.INSUFFICIENT_HOLDINGS, `Cannot sell ${quantity.toFixed()} ${symbol}: you hold ${have}`, {
    field: 'quantity',
  });
}

/**
 * The price may have reached the limit between the quote read at acceptance and the commit, and the matcher may
 * have handled that tick before the order existed: one more look at the price closes the gap. The order is already
 * accepted, so a failure here is logged; the next tick fills it.
 */
async function matchAfterAcceptance(deps: TradingDeps, order: OrderRecord): Promise<OrderRecord> {
  try {
    const quote = (await deps.prices.quotes([order.symbol])).get(order.symbol);
    if (!quote?.active || !limitReached(order.side, order.limitPrice!, quote.price)) return order;
    return (await fillOpenOrder(deps, order, quote.price)) ?? (await getOrder(deps.db, order.userId, order.id)) ?? order;
  } catch (err) {
    deps.log.error({ err, orderId: order.id }, 'could not check a new limit order against the current price');
    return order;
  }
}
