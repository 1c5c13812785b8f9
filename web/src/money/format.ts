import { CASH_SCALE, Dec, type DecimalValue, QUANTITY_SCALE, toDec } from './decimal';

/** Puts thousands separators into a plain decimal string such as "-1234567.89". */
function group(fixed: string): string {
  const negative = fixed.startsWith('-');
  const unsigned = negative ? fixed.slice(1) : fixed;
  const [whole = '0', fraction] = unsigned.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** "-0.00" reads as a loss of nothing: show it as "0.00". */
function withoutNegativeZero(fixed: string): string {
  return /^-0(\.0+)?$/.test(fixed) ? fixed.slice(1) : fixed;
}

function usd(fixed: string, signed: boolean): string {
  const clean = withoutNegativeZero(fixed);
  const negative = clean.startsWith('-');
  const body = group(negative ? clean.slice(1) : clean);
  const sign = negative ? '-' : signed && !/^0(\.0+)?$/.test(clean) ? '+' : '';
  return `${sign}$${body}`;
}

/** USD to the cent with separators: "$1,234.56", "-$4.00". Half-up rounding, exactly as the platform values cash. */
export function formatUsd(value: DecimalValue): string {
  return usd(toDec(value).toFixed(CASH_SCALE), false);
}

/** A gain or loss in USD with its sign: "+$12.30", "-$4.00", "$0.00". */
export function formatSignedUsd(value: DecimalValue): string {
  return usd(toDec(value).toFixed(CASH_SCALE), true);
}

/** Decimal places that show a unit price sensibly: cents for $1 and up, more for cheaper assets. */
export function priceDecimals(value: DecimalValue): number {
  const abs = toDec(value).abs();
  if (abs.gte(1)) return 2;
  if (abs.gte('0.01')) return 4;
  return 8;
}

/** A unit price in USD: "$95,214.37", "$0.5123", "$0.00001234". */
export function formatPrice(value: DecimalValue): string {
  const decimal = toDec(value);
  return usd(decimal.toFixed(priceDecimals(decimal)), false);
}

/** A change of a unit price with its sign, as precise as the price it changes: "+$1,234.56", "-$0.0012", "$0.00". */
export function formatSignedPrice(change: DecimalValue, of: DecimalValue): string {
  return usd(toDec(change).toFixed(priceDecimals(of)), true);
}

/** A price with every decimal it has, for people who set prices: "$1.2345", "$95,214.37000001". */
export function formatExactPrice(value: DecimalValue): string {
  const decimal = toDec(value);
  return usd(decimal.decimalPlaces() < 2 ? decimal.toFixed(2) : decimal.toFixed(), false);
}

/** A quantity of units, up to 8 decimals without trailing zeros: "0.25", "1,500", "0.00000001". */
export function formatQuantity(value: DecimalValue): string {
  const fixed = toDec(value)
    .toFixed(QUANTITY_SCALE)
    .replace(/\.?0+$/, '');
  return group(withoutNegativeZero(fixed));
}

/** A percentage with its sign, to two places: "+1.42%", "-2.15%", "0.00%". */
export function formatPercent(value: DecimalValue): string {
  const fixed = withoutNegativeZero(toDec(value).toFixed(2));
  const sign = fixed.startsWith('-') || /^0(\.0+)?$/.test(fixed) ? '' : '+';
  return `${sign}${fixed}%`;
}

const COMPACT_UNITS: ReadonlyArray<[string, string]> = [
  ['1e12', 'T'],
  ['1e9', 'B'],
  ['1e6', 'M'],
];

/** Large USD amounts in short form for tables: "$1.90T", "$380.03B", "$12,345.00" below a million. */
export function formatCompactUsd(value: DecimalValue): string {
  const decimal = toDec(value);
  for (const [size, unit] of COMPACT_UNITS) {
    const divisor = new Dec(size);
    if (decimal.abs().gte(divisor)) return `${usd(decimal.div(divisor).toFixed(2), false)}${unit}`;
  }
  return formatUsd(decimal);
}

/** Whether a signed amount is a gain, a loss or neither: the colour of P&L. */
export function tone(value: DecimalValue): 'gain' | 'loss' | 'flat' {
  const decimal = toDec(value);
  return decimal.isZero() ? 'flat' : decimal.isNegative() ? 'loss' : 'gain';
}
