import Decimal from 'decimal.js';

/**
 * Exact decimals for money, prices and quantities, configured like the platform's: 60 significant digits, half-up
 * rounding, and never exponent notation in strings. JavaScript numbers never hold money here.
 */
export const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -100, toExpPos: 100 });
export type Dec = Decimal;

/** A Decimal scalar as the API sends it, or a value already computed. */
export type DecimalValue = string | Decimal;

/** Cash is held to the cent. */
export const CASH_SCALE = 2;
/** Quantities and prices have at most 8 decimal places. */
export const QUANTITY_SCALE = 8;

export const ZERO = new Dec(0);
export const ROUND_UP = Decimal.ROUND_UP;
export const ROUND_DOWN = Decimal.ROUND_DOWN;

/** The value as a Decimal. */
export function toDec(value: DecimalValue): Decimal {
  return value instanceof Decimal ? value : new Dec(value);
}

/** Sums exact decimals; zero for an empty list. */
export function sum(values: Iterable<DecimalValue>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(toDec(value));
  return total;
}

const DECIMAL_TEXT = /^\d+(\.\d+)?$/;

/**
 * Reads what a person typed as an exact non-negative decimal ("1,000.50" and " 2 " are accepted; "1e3", "-1" and
 * "abc" are not). Null when it is not a number.
 */
export function parseAmount(text: string): Decimal | null {
  const cleaned = text.trim().replace(/,/g, '');
  if (!DECIMAL_TEXT.test(cleaned)) return null;
  return new Dec(cleaned);
}

/** How many digits follow the decimal point in what was typed ("1.50" has 2). */
export function decimalPlacesTyped(text: string): number {
  const cleaned = text.trim().replace(/,/g, '');
  const dot = cleaned.indexOf('.');
  return dot < 0 ? 0 : cleaned.length - dot - 1;
}
