import {
  Dec,
  ErrorCode,
  fingerprintOf,
  parsePositiveDecimal,
  PRICE_SCALE,
  QUANTITY_SCALE,
  ROUND_DOWN,
  ROUND_UP,
  roundCash,
  userError,
  validRequestKey,
} from '@trading/platform';
import type { OrderSide, OrderType, PlaceOrderInput } from '../generated/resolvers';

/** Largest quantity one order may name (syntax bound; funds and holdings are the real limits). */
const MAX_QUANTITY = new Dec('1000000000000');
/** Largest limit price (the catalog's own bound on prices). */
const MAX_LIMIT_PRICE = new Dec('1000000000000');
/** Smallest order value in USD: below a cent, rounding would make trades free or worthless. */
export const MIN_ORDER_VALUE = new Dec('0.01');
const SYMBOL = /^[A-Za-z0-9]{1,12}$/;

/** A validated `placeOrder` input. */
export interface OrderRequest {
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: Dec;
  /** Set for LIMIT orders only. */
  limitPrice: Dec | null;
  clientOrderId: string | null;
  /** Identifies the request behind a clientOrderId: a retry must send the same one. */
  fingerprint: string;
}

/** A symbol argument in upper case; BAD_USER_INPUT naming `field` when it cannot be a symbol (any case is fine). */
export function normaliseSymbol(symbol: string, field: string): string {
  if (!SYMBOL.test(symbol)) throw userError(ErrorCode.BAD_USER_INPUT, `${field} must be 1 to 12 letters or digits, e.g. "BTC"`, { field });
  return symbol.toUpperCase();
}

/** Checks a `placeOrder` input field by field (BAD_USER_INPUT naming the field) and normalizes it. */
export function parseOrderRequest(input: PlaceOrderInput): OrderRequest {
  const symbol = normaliseSymbol(input.symbol, 'symbol');
  const quantity = parsePositiveDecimal(input.quantity, { field: 'quantity', scale: QUANTITY_SCALE, max: MAX_QUANTITY });
  let limitPrice: Dec | null = null;
  if (input.type === 'LIMIT') {
    if (input.limitPrice == null) throw userError(ErrorCode.BAD_USER_INPUT, 'A LIMIT order needs a limitPrice', { field: 'limitPrice' });
    limitPrice = parsePositiveDecimal(input.limitPrice, { field: 'limitPrice', scale: PRICE_SCALE, max: MAX_LIMIT_PRICE });
  } else if (input.type === 'MARKET') {
    if (input.limitPrice != null)
      throw userError(ErrorCode.BAD_USER_INPUT, 'A MARKET order executes at the current price: leave limitPrice out', { field: 'limitPrice' });
  } else {
    throw userError(ErrorCode.BAD_USER_INPUT, `Order type ${String(input.type)} is not supported`, { field: 'type' });
  }
  const clientOrderId = input.clientOrderId == null ? null : validRequestKey(input.clientOrderId, 'clientOrderId');
  // A MARKET order's fingerprint is what it was before limit orders existed, so keys used then still match.
  const fingerprint = fingerprintOf({
    symbol,
    side: input.side,
    type: input.type,
    quantity: quantity.toFixed(),
    ...(limitPrice ? { limitPrice: limitPrice.toFixed() } : {}),
  });
  return { symbol, side: input.side, type: input.type, quantity, limitPrice, clientOrderId, fingerprint };
}

/** Refuses an order worth less than MIN_ORDER_VALUE at `price` (a limit order is valued at its limit). */
export function checkOrderValue(quantity: Dec, price: Dec): void {
  if (quantity.times(price).lt(MIN_ORDER_VALUE)) {
    throw userError(ErrorCode.BAD_USER_INPUT, `The order's value must be at least ${MIN_ORDER_VALUE.toFixed()} USD`, { field: 'quantity' });
  }
}

/** True when a limit order may execute at `price`: a buy at or below its limit, a sell at or above it. */
export function limitReached(side: OrderSide, limitPrice: Dec, price: Dec): boolean {
  return side === 'BUY' ? price.lte(limitPrice) : price.gte(limitPrice);
}

/** Cash a trade moves: buyers pay `quantity x price` rounded up to the cent, sellers receive it rounded down. */
export function tradeTotal(side: OrderSide, quantity: Dec, price: Dec): Dec {
  return roundCash(quantity.times(price), side === 'BUY' ? ROUND_UP : ROUND_DOWN);
}

/**
 * Cash a limit buy sets aside: what it would cost at its limit. A fill at any price the limit allows costs at most
 * this (`tradeTotal` is monotonic in the price), so a fill never needs more than the reservation.
 */
export function cashReservation(quantity: Dec, limitPrice: Dec): Dec {
  return tradeTotal('BUY', quantity, limitPrice);
}
