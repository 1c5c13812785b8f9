import type { CandleInterval } from '../generated/resolvers';
import type { AssetRecord } from '../data/assets';
import type { CandleRun } from '../data/candles';
import { generator, toUnits, unitsToString, walkUnits, type Volatility } from '../feed/simulated-market';
import { bucketStart, INTERVALS, runStart, seriesKey, type CandleView } from './candles';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/** How far back each interval is backfilled: 48 hours of minutes, 7 days of 5 minutes, 30 of hours, a year of days. */
export const BACKFILL_SPANS: Readonly<Record<CandleInterval, number>> = {
  ONE_MINUTE: 2 * DAY,
  FIVE_MINUTES: 7 * DAY,
  ONE_HOUR: 30 * DAY,
  ONE_DAY: 365 * DAY,
};

/**
 * The simulated path, newest part first: a step every `step` seconds over `span` seconds. Finer near now, where
 * the short candles need several prices each (two per minute), coarser further back, where only longer candles
 * reach (four per day a year ago): about 13,000 steps per asset.
 */
const SEGMENTS: readonly { span: number; step: number }[] = [
  { span: 2 * DAY, step: 30 },
  { span: 5 * DAY, step: 2 * MINUTE },
  { span: 23 * DAY, step: 15 * MINUTE },
  { span: 335 * DAY, step: 6 * HOUR },
];

/** Settings of the simulated history. */
export interface BackfillSettings {
  /** Seed of the walk: the same seed, prices and instant give the same history. */
  seed: number;
  /**
   * Typical size of a day's move: each step moves at most `dailyVolatility * sqrt(3 * step / 1 day)` of the price
   * (uniformly, as the live simulator does), so a day's moves add up to about this share; default 0.03 (3 %).
   */
  dailyVolatility?: number;
}

/** A 32-bit seed per asset from the history's seed and the symbol (FNV-1a), so each asset has its own walk. */
function assetSeed(seed: number, symbol: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (const char of symbol) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

/** The step bound for a step of `seconds`, as an exact fraction (to 1e-12: a setting, not money). */
function stepVolatility(dailyVolatility: number, seconds: number): Volatility {
  const bound = dailyVolatility * Math.sqrt((3 * seconds) / DAY);
  return { numerator: BigInt(Math.round(bound * 1e12)), denominator: 10n ** 12n };
}

/**
 * The prices of the simulated past of one asset, oldest first, ending at its stored price at `now`: the live
 * simulator's walk (`walkUnits`) taken backwards from the price, so the history joins the present exactly.
 * Assets that never move (stablecoins, delisted ones) keep their price throughout.
 */
export function simulatedPath(
  asset: Pick<AssetRecord, 'symbol' | 'price' | 'category' | 'active'>,
  now: number,
  settings: BackfillSettings,
): { times: number[]; units: bigint[] } {
  const moves = asset.active && asset.category !== 'STABLECOIN';
  const random = generator(assetSeed(settings.seed, asset.symbol));
  const daily = settings.dailyVolatility ?? 0.03;
  const times = [now];
  const units = [toUnits(asset.price)];
  let t = now;
  let price = units[0]!;
  for (const segment of SEGMENTS) {
    const volatility = stepVolatility(daily, segment.step);
    for (let k = segment.span / segment.step; k > 0; k -= 1) {
      t -= segment.step;
      if (moves) price = walkUnits(price, volatility, random());
      times.push(t);
      units.push(price);
    }
  }
  return { times: times.reverse(), units: units.reverse() };
}

/**
 * The candles of one interval over a path, from `from` (epoch seconds) to the interval under way at the path's
 * end: each opens at the price in force when it began, closes at the last price within it, and its high and low
 * hold every price between. Every interval gets a candle.
 */
export function pathCandles(path: { times: number[]; units: bigint[] }, interval: CandleInterval, from: number, text = pathText(path)): CandleView[] {
  const { seconds } = INTERVALS[interval];
  const { times, units } = path;
  const end = times.at(-1)!;
  const candles: CandleView[] = [];
  let i = 0;
  // The point in force when a candle begins: the last one before it (the first point, before the path). A point
  // exactly at the start belongs to the candle: the open is the price just before, the previous candle's close.
  let current = 0;
  for (let start = bucketStart(interval, from); start <= end; start += seconds) {
    while (i < times.length && times[i]! < start) current = i++;
    const open = current;
    let high = open;
    let low = open;
    while (i < times.length && times[i]! < start + seconds) {
      current = i++;
      if (units[current]! > units[high]!) high = current;
      if (units[current]! < units[low]!) low = current;
    }
    candles.push({ start, open: text(open), high: text(high), low: text(low), close: text(current) });
  }
  return candles;
}

/** Each point's price as a string, made once however many candles show it. */
function pathText(path: { units: bigint[] }): (index: number) => string {
  const made: string[] = [];
  return (index) => (made[index] ??= unitsToString(path.units[index]!));
}

/** The backfilled runs of one asset at every interval, ending with the candles under way at `now` (epoch seconds). */
export function backfillRuns(
  asset: Pick<AssetRecord, 'symbol' | 'price' | 'category' | 'active'>,
  now: number,
  settings: BackfillSettings,
): CandleRun[] {
  const path = simulatedPath(asset, now, settings);
  const text = pathText(path);
  const runs: CandleRun[] = [];
  for (const interval of Object.keys(BACKFILL_SPANS) as CandleInterval[]) {
    const byRun = new Map<number, CandleView[]>();
    for (const candle of pathCandles(path, interval, now - BACKFILL_SPANS[interval], text)) {
      const start = runStart(interval, candle.start);
      let list = byRun.get(start);
      if (!list) byRun.set(start, (list = []));
      list.push(candle);
    }
    for (const [start, candles] of byRun) runs.push({ series: seriesKey(asset.symbol, interval), interval, start, candles, version: null });
  }
  return runs;
}
