import { type Dec, type DecimalValue, toDec } from '../money/decimal';

/** How a series of prices or values went: from its first to its last, with its extremes. */
export interface Trend {
  first: Dec;
  last: Dec;
  high: Dec;
  low: Dec;
  /** (last - first) / first in percent, to two places (half up); null when the series starts at zero. */
  changePercent: Dec | null;
  direction: 'up' | 'down' | 'unchanged';
}

/** The trend of a series of exact decimals, oldest first; null for an empty one. */
export function describeTrend(values: readonly DecimalValue[]): Trend | null {
  if (values.length === 0) return null;
  const decimals = values.map(toDec);
  const first = decimals[0]!;
  const last = decimals[decimals.length - 1]!;
  let [high, low] = [first, first];
  for (const value of decimals) {
    if (value.gt(high)) high = value;
    if (value.lt(low)) low = value;
  }
  const change = last.minus(first);
  return {
    first,
    last,
    high,
    low,
    changePercent: first.isZero() ? null : change.div(first).times(100).toDecimalPlaces(2),
    direction: change.isZero() ? 'unchanged' : change.isNegative() ? 'down' : 'up',
  };
}

/** "up 4.20%", "down 0.35%", "unchanged": the words of a change, without its sign. */
export function describeChange(trend: Trend): string {
  if (trend.direction === 'unchanged') return 'unchanged';
  return trend.changePercent ? `${trend.direction} ${trend.changePercent.abs().toFixed(2)}%` : trend.direction;
}
