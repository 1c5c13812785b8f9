import { CASH_SCALE, Dec, decimalPlacesTyped, parseAmount, QUANTITY_SCALE, ROUND_DOWN, ROUND_UP, toDec } from '../../money/decimal';
import { formatQuantity, formatUsd } from '../../money/format';

export type Side = 'BUY' | 'SELL';
export type OrderKind = 'MARKET' | 'LIMIT';
/** Whether the trader types a number of units or a sum of dollars. */
export type AmountUnit = 'QUANTITY' | 'USD';

/** What the order form holds, as typed. */
export interface OrderDraft {
  side: Side;
  type: OrderKind;
  unit: AmountUnit;
  amount: string;
  limitPrice: string;
}

/** What the trader has to trade with, and the asset's current price. */
export interface TradingPosition {
  symbol: string;
  /** Current price of one unit (USD). */
  price: string;
  /** Cash that can be spent now: balance minus what open limit buys reserve. */
  availableCash: string;
  /** Units held, including those reserved by open limit sells. */
  heldQuantity: string;
  /** Units reserved by open limit sells. */
  reservedQuantity: string;
}

/** What the order would do, at the price used for the preview. */
export interface OrderPreview {
  quantity: Dec;
  /** The market price, or the limit price for a LIMIT order. */
  unitPrice: Dec;
  /** A buy's cost (rounded up to the cent) or a sell's proceeds (rounded down), as the platform computes them. */
  total: Dec;
  availableCashAfter: Dec;
  unitsAfter: Dec;
}

export interface OrderCheck {
  preview: OrderPreview | null;
  /** Problems with what was typed, by field. */
  errors: { amount?: string; limitPrice?: string };
  /** Why the order cannot be sent with this balance or these holdings. */
  refusal: string | null;
}

/** The smallest order the platform accepts, in USD. */
export const MINIMUM_ORDER_USD = '0.01';

function readLimitPrice(text: string): { value: Dec | null; error?: string } {
  if (text.trim() === '') return { value: null, error: 'Enter a limit price.' };
  const value = parseAmount(text);
  if (!value || value.isZero()) return { value: null, error: 'Enter a price above zero, e.g. 25000.50.' };
  if (decimalPlacesTyped(text) > QUANTITY_SCALE) return { value: null, error: 'Use at most 8 decimal places.' };
  return { value };
}

/**
 * Checks an order before it is sent, with the platform's own arithmetic: a buy costs quantity x price rounded up to
 * the cent, a sell pays rounded down, an order is worth at least $0.01; a buy must be covered by the available cash
 * and a sell by the units not already reserved. A USD amount buys (or sells) as many units as it covers, to 8 decimals.
 */
export function checkOrder(draft: OrderDraft, position: TradingPosition): OrderCheck {
  const errors: OrderCheck['errors'] = {};
  let unitPrice: Dec = toDec(position.price);
  if (draft.type === 'LIMIT') {
    const limit = readLimitPrice(draft.limitPrice);
    if (limit.error) errors.limitPrice = limit.error;
    if (limit.value) unitPrice = limit.value;
  }

  if (draft.amount.trim() === '') errors.amount = draft.unit === 'USD' ? 'Enter an amount in USD.' : 'Enter a quantity.';
  const amount = errors.amount ? null : parseAmount(draft.amount);
  if (!errors.amount && (!amount || amount.isZero())) errors.amount = 'Enter a number above zero, e.g. 0.5.';
  else if (amount && draft.unit === 'QUANTITY' && decimalPlacesTyped(draft.amount) > QUANTITY_SCALE) errors.amount = 'Use at most 8 decimal places.';
  else if (amount && draft.unit === 'USD' && decimalPlacesTyped(draft.amount) > CASH_SCALE)
    errors.amount = 'Use dollars and cents (at most 2 decimal places).';
  if (errors.amount || errors.limitPrice || !amount) return { preview: null, errors, refusal: null };

  const quantity = draft.unit === 'USD' ? amount.div(unitPrice).toDecimalPlaces(QUANTITY_SCALE, ROUND_DOWN) : amount;
  if (quantity.isZero()) return { preview: null, errors: { amount: `Too small to buy any ${position.symbol} at this price.` }, refusal: null };

  const gross = quantity.times(unitPrice);
  const total = gross.toDecimalPlaces(CASH_SCALE, draft.side === 'BUY' ? ROUND_UP : ROUND_DOWN);
  const availableCash = toDec(position.availableCash);
  const held = toDec(position.heldQuantity);
  const sellable = Dec.max(held.minus(toDec(position.reservedQuantity)), 0);
  const preview: OrderPreview =
    draft.side === 'BUY'
      ? { quantity, unitPrice, total, availableCashAfter: availableCash.minus(total), unitsAfter: held.plus(quantity) }
      : { quantity, unitPrice, total, availableCashAfter: availableCash.plus(total), unitsAfter: held.minus(quantity) };

  let refusal: string | null = null;
  if (total.lt(MINIMUM_ORDER_USD)) refusal = `An order must be worth at least ${formatUsd(MINIMUM_ORDER_USD)}.`;
  else if (draft.side === 'BUY' && total.gt(availableCash))
    refusal = `This costs ${formatUsd(total)}, more than your available cash of ${formatUsd(availableCash)}.`;
  else if (draft.side === 'SELL' && quantity.gt(sellable))
    refusal = sellable.isZero()
      ? `You have no ${position.symbol} to sell.`
      : `You can sell at most ${formatQuantity(sellable)} ${position.symbol}${held.gt(sellable) ? ' (the rest is reserved by open orders)' : ''}.`;
  return { preview, errors, refusal };
}
