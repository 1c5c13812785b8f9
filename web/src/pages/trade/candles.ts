import type { CandleInterval, ChartCandleFragment } from '../../gql/graphql';
import { toDec } from '../../money/decimal';
import { formatPrice } from '../../money/format';
import { describeChange, describeTrend } from '../../charts/trend';

/** The ranges the chart offers, each as the candles that fill it (every one within its interval's retention). */
export const CHART_RANGES = {
  '1H': { interval: 'ONE_MINUTE', last: 60, spoken: 'last hour', candle: '1-minute' },
  '1D': { interval: 'FIVE_MINUTES', last: 288, spoken: 'last day', candle: '5-minute' },
  '1W': { interval: 'ONE_HOUR', last: 168, spoken: 'last week', candle: 'hourly' },
  '1M': { interval: 'ONE_HOUR', last: 720, spoken: 'last 30 days', candle: 'hourly' },
} as const satisfies Record<string, { interval: CandleInterval; last: number; spoken: string; candle: string }>;

export type ChartRange = keyof typeof CHART_RANGES;

export const CHART_RANGE_KEYS = Object.keys(CHART_RANGES) as ChartRange[];

/** The range the Trade page opens with; its candles come with the page's one query. */
export const DEFAULT_RANGE: ChartRange = '1D';

/** Candlesticks or a line of the closes. */
export type ChartKind = 'candles' | 'line';

/**
 * The candles with a live one merged in: the current candle again (same start) replaces the last, the next one is
 * appended (dropping the oldest beyond `max`), an older one is ignored. Earlier candles keep their identity, so the chart
 * can tell an update of the last candle from a new series.
 */
export function withLiveCandle<T extends Pick<ChartCandleFragment, 'start'>>(candles: readonly T[], live: T, max: number): readonly T[] {
  const last = candles[candles.length - 1];
  if (!last) return [live];
  const [lastStart, liveStart] = [Date.parse(last.start), Date.parse(live.start)];
  if (liveStart === lastStart) return [...candles.slice(0, -1), live];
  if (liveStart < lastStart) return candles;
  const next = [...candles, live];
  return next.length > max ? next.slice(next.length - max) : next;
}

/**
 * The chart in words: "Bitcoin (BTC), last day in 5-minute candles: opened $96,012.10, now $95,214.37 (down 0.83%);
 * high $96,500.00, low $94,990.00."
 */
export function describeCandles(asset: { symbol: string; name: string }, range: ChartRange, candles: readonly ChartCandleFragment[]): string {
  const { spoken, candle } = CHART_RANGES[range];
  const what = `${asset.name} (${asset.symbol}), ${spoken} in ${candle} candles`;
  const first = candles[0];
  const last = candles[candles.length - 1];
  if (!first || !last) return `${what}: no prices in this range yet.`;
  let [high, low] = [toDec(first.high), toDec(first.low)];
  for (const { high: candleHigh, low: candleLow } of candles) {
    if (toDec(candleHigh).gt(high)) high = toDec(candleHigh);
    if (toDec(candleLow).lt(low)) low = toDec(candleLow);
  }
  const trend = describeTrend([first.open, last.close])!;
  return `${what}: opened ${formatPrice(first.open)}, now ${formatPrice(last.close)} (${describeChange(trend)}); high ${formatPrice(high)}, low ${formatPrice(low)}.`;
}
