import { Dec, ErrorCode, toDec, userError } from '@trading/platform';
import type { CandleInterval } from '../generated/resolvers';
import type { AssetRecord } from '../data/assets';
import type { CandleStore } from '../data/candles';
import { bucketStart, INTERVALS, RUN_LENGTH, runStart, seriesKey, type CandleView } from './candles';
import { percentChange } from './prices';

/** The most candles one call returns. */
export const MAX_CANDLES = 1000;
/** How many candles a call without `from` or `last` returns. */
export const DEFAULT_CANDLES = 100;

/** What `Asset.candles` is asked for. */
export interface CandleQuery {
  interval: CandleInterval;
  from?: Date | null;
  to?: Date | null;
  last?: number | null;
}

const refuse = (field: string, message: string) => userError(ErrorCode.BAD_USER_INPUT, message, { field });

const days = (seconds: number) => `${seconds / 86_400} days`;

/**
 * A symbol's candles of one interval, oldest first (see `Asset.candles` for the arguments). BAD_USER_INPUT (with
 * the field) for a `last` outside 1 to 1,000, `from` after `to`, a `from` older than the interval's retention, or a
 * range of more than 1,000 candles without `last`. Candles older than the retention are never returned, whether
 * or not the database has deleted them yet (the embedded one has no TTL).
 */
export async function readCandles(store: CandleStore, symbol: string, query: CandleQuery, now = new Date()): Promise<CandleView[]> {
  const { interval } = query;
  const { seconds: length, retentionSeconds } = INTERVALS[interval];
  if (query.last != null && (!Number.isInteger(query.last) || query.last < 1 || query.last > MAX_CANDLES))
    throw refuse('last', `last must be a whole number from 1 to ${MAX_CANDLES}`);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const to = query.to ? Math.floor(query.to.getTime() / 1000) : nowSeconds;
  const from = query.from ? Math.floor(query.from.getTime() / 1000) : null;
  if (from !== null && from > to) throw refuse('from', 'from must not be after to');
  const oldest = retentionSeconds === null ? 0 : nowSeconds - retentionSeconds;
  if (from !== null && from < oldest)
    throw refuse('from', `${interval} candles are kept ${days(retentionSeconds!)}: from must be at most that far back`);
  // A candle is in the range when it ends after `from` and starts at or before `to`; none older than the retention.
  const first = bucketStart(interval, Math.max(from ?? oldest, oldest));
  const lastBucket = bucketStart(interval, to);
  if (lastBucket < first) return [];
  const series = seriesKey(symbol, interval);
  if (from !== null) {
    const count = (lastBucket - first) / length + 1;
    if (query.last == null && count > MAX_CANDLES)
      throw refuse('from', `The range holds up to ${count} ${interval} candles, more than ${MAX_CANDLES}: narrow it or pass last`);
    const runs = await store.runs(series, runStart(interval, first), runStart(interval, lastBucket));
    const candles = runs.flatMap((run) => run.candles).filter((c) => c.start >= first && c.start <= lastBucket);
    return query.last == null ? candles : candles.slice(-query.last);
  }
  const wanted = query.last ?? DEFAULT_CANDLES;
  // Newest runs first, as many as `wanted` candles can span (plus the one under way), then oldest first again.
  const runs = await store.runs(series, runStart(interval, first), runStart(interval, lastBucket), {
    newestFirst: true,
    limit: Math.ceil(wanted / RUN_LENGTH) + 1,
  });
  const candles: CandleView[] = [];
  for (const run of runs) {
    for (let i = run.candles.length - 1; i >= 0 && candles.length < wanted; i -= 1) {
      const candle = run.candles[i]!;
      if (candle.start >= first && candle.start <= lastBucket) candles.push(candle);
    }
    if (candles.length >= wanted) break;
  }
  return candles.reverse();
}

/** Open, high, low and close over the last 24 hours, and the change; what `Asset.stats24h` returns. */
export interface Stats24h {
  open: Dec;
  high: Dec;
  low: Dec;
  close: Dec;
  change: Dec;
  changePercent: Dec;
}

/** The whole hour that began 24 hours before `now` (epoch seconds): where the 24-hour figures start. */
export function dayWindowStart(now: Date): number {
  return bucketStart('ONE_HOUR', Math.floor(now.getTime() / 1000) - 86_400);
}

/**
 * The last 24 hours of an asset from its hourly candles: the open of the first candle since the hour that began 24
 * hours ago, the extremes of those candles and the current price, which is the close. With no candles in the
 * window (an asset the feed has not moved since it was added) every figure is the current price.
 */
export async function stats24h(store: CandleStore, asset: Pick<AssetRecord, 'symbol' | 'price'>, now = new Date()): Promise<Stats24h> {
  const since = dayWindowStart(now);
  const series = seriesKey(asset.symbol, 'ONE_HOUR');
  const runs = await store.runs(series, runStart('ONE_HOUR', since), runStart('ONE_HOUR', Math.floor(now.getTime() / 1000)));
  const candles = runs.flatMap((run) => run.candles).filter((candle) => candle.start >= since);
  const close = asset.price;
  let open = close;
  let high = close;
  let low = close;
  if (candles.length > 0) {
    open = toDec(candles[0]!.open);
    for (const candle of candles) {
      high = Dec.max(high, toDec(candle.high));
      low = Dec.min(low, toDec(candle.low));
    }
    high = Dec.max(high, open);
    low = Dec.min(low, open);
  }
  return { open, high, low, close, change: close.minus(open), changePercent: percentChange(open, close) };
}
