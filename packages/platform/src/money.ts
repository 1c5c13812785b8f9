import { Decimal } from 'decimal.js';
import { ErrorCode, userError } from './errors';

/**
 * The one decimal type for money, prices and quantities. 60 significant digits is far beyond anything stored
 * (DynamoDB numbers hold 38), so intermediate products are exact; exponent notation is never produced.
 */
export const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -100, toExpPos: 100 });
export type Dec = Decimal;

/** Cash (USD) is held to the cent. */
export const CASH_SCALE = 2;
/** Asset quantities are held to 8 decimal places (one satoshi for BTC). */
export const QUANTITY_SCALE = 8;
/** Asset prices are held to 8 decimal places (enough for sub-cent tokens). */
export const PRICE_SCALE = 8;

export const ZERO = new Dec(0);

/** What an input decimal must satisfy; every rule is reported by name in the error. */
export interface DecimalRule {
  /** The argument's name, reported in `extensions.field`. */
  field: string;
  /** Most decimal places allowed (trailing zeros do not count). */
  scale: number;
  /** Largest value allowed. */
  max: Dec;
  /** Accept zero too (for bounds such as a minimum price); default false. */
  allowZero?: boolean;
}

const DECIMAL_SYNTAX = /^\d+(\.\d+)?$/;
/** Longer strings are refused before any parsing: nothing we accept needs more. */
const MAX_INPUT_LENGTH = 40;

/**
 * Parses a client-supplied decimal string strictly: plain digits with an optional fraction, greater than zero
 * (or zero with `allowZero`),
 * within `rule.scale` and `rule.max`. Signs, exponents, NaN, Infinity, spaces and numbers sent as JSON
 * numbers are refused with BAD_USER_INPUT.
 */
export function parsePositiveDecimal(raw: unknown, rule: DecimalRule): Dec {
  const refuse = (why: string) => userError(ErrorCode.BAD_USER_INPUT, `${rule.field} ${why}`, { field: rule.field });
  if (typeof raw !== 'string') throw refuse('must be a decimal string such as "12.34"');
  if (raw.length > MAX_INPUT_LENGTH) throw refuse(`must be at most ${MAX_INPUT_LENGTH} characters`);
  if (/^-\d/.test(raw)) throw refuse('must be greater than zero');
  if (!DECIMAL_SYNTAX.test(raw)) throw refuse('must be a plain decimal number such as "12.34" (no sign, exponent or spaces)');
  const value = new Dec(raw);
  if (value.isZero() && !rule.allowZero) throw refuse('must be greater than zero');
  if (value.decimalPlaces() > rule.scale) throw refuse(`must have at most ${rule.scale} decimal places`);
  if (value.gt(rule.max)) throw refuse(`must be at most ${rule.max.toFixed()}`);
  return value;
}

/** Reads a decimal that came from our own storage or services (already validated); throws on garbage. */
export function toDec(value: string | number | { toString(): string }): Dec {
  return new Dec(typeof value === 'number' ? value : value.toString());
}

/** Canonical wire form: no exponent, no trailing zeros beyond the value ("10000", "0.00001234"). */
export function formatDecimal(value: Dec): string {
  return value.toFixed();
}

/** Cash amount rounded to the cent in the given direction. */
export function roundCash(value: Dec, rounding: Decimal.Rounding = Decimal.ROUND_HALF_UP): Dec {
  return value.toDecimalPlaces(CASH_SCALE, rounding);
}

export const ROUND_UP = Decimal.ROUND_UP;
export const ROUND_DOWN = Decimal.ROUND_DOWN;
