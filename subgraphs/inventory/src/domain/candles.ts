import { CANDLE_INTERVALS, Dec } from '@trading/platform';
import type { CandleInterval } from '../generated/resolvers';

/** What each candle interval is: its length and how long its candles are kept (null: for good). */
export const INTERVALS: Readonly<Record<CandleInterval, { seconds: number; retentionSeconds: number | null }>> = CANDLE_INTERVALS;

/** Every interval, shortest first. */
export const INTERVAL_NAMES = Object.keys(INTERVALS) as CandleInterval[];

/**
 * Candles are stored in runs of this many consecutive intervals, one DynamoDB item each (an hour of one-minute
 * candles, 60 days of daily ones): one Query reads a long range in a few items, and a backfill writes about a
 * hundred items per asset instead of thousands.
 */
export const RUN_LENGTH = 60;

/** One candle; `start` in epoch seconds, aligned to its interval. */
export interface CandleRecord {
  start: number;
  open: Dec;
  high: Dec;
  low: Dec;
  close: Dec;
}

/** A candle as the API returns it: decimals as canonical strings. */
export interface CandleView {
  start: number;
  open: string;
  high: string;
  low: string;
  close: string;
}

/** The start of the interval that `epochSeconds` falls in. */
export function bucketStart(interval: CandleInterval, epochSeconds: number): number {
  const length = INTERVALS[interval].seconds;
  return Math.floor(epochSeconds / length) * length;
}

/** The start of the run of RUN_LENGTH intervals that `epochSeconds` falls in. */
export function runStart(interval: CandleInterval, epochSeconds: number): number {
  const length = INTERVALS[interval].seconds * RUN_LENGTH;
  return Math.floor(epochSeconds / length) * length;
}

/** The key of a symbol's candles of one interval (the table's partition key), e.g. `BTC#ONE_MINUTE`. */
export function seriesKey(symbol: string, interval: CandleInterval): string {
  return `${symbol}#${interval}`;
}

/**
 * A candle after a price change from `previous` to `price` within its interval: a candle that did not exist yet
 * opens at `previous` (the price in force when the interval began, since nothing changed it inside the interval
 * before), so every price of the interval lies within low and high, and the close is the latest price.
 */
export function applyPriceChange(candle: CandleRecord | undefined, start: number, previous: Dec, price: Dec): CandleRecord {
  if (!candle) return { start, open: previous, high: Dec.max(previous, price), low: Dec.min(previous, price), close: price };
  return { start, open: candle.open, high: Dec.max(candle.high, price), low: Dec.min(candle.low, price), close: price };
}

/** The decimals of a candle as strings. */
export function candleView(candle: CandleRecord): CandleView {
  return { start: candle.start, open: candle.open.toFixed(), high: candle.high.toFixed(), low: candle.low.toFixed(), close: candle.close.toFixed() };
}
