import type { CandleInterval, PortfolioPointFragment } from '../gql/graphql';
import { toDec } from '../money/decimal';

/** The spans the portfolio chart offers. */
export type HistoryRange = '1W' | '1M' | 'ALL';

export const HISTORY_RANGES: ReadonlyArray<readonly [HistoryRange, string]> = [
  ['1W', '1W'],
  ['1M', '1M'],
  ['ALL', 'All'],
];

/** What each range is called when read out: "Portfolio value, last week: …". */
export const HISTORY_RANGE_SPOKEN: Record<HistoryRange, string> = { '1W': 'last week', '1M': 'last 30 days', ALL: 'since you joined' };

/** The arguments of `portfolio { history }` for a range. */
export interface HistoryVariables {
  interval: CandleInterval;
  from: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const INTERVAL_MS: Record<CandleInterval, number> = { ONE_MINUTE: MINUTE, FIVE_MINUTES: 5 * MINUTE, ONE_HOUR: HOUR, ONE_DAY: DAY };
/** The API values at most 1,000 points; a few spare keep a range that ends now within it. */
const MAX_POINTS = 990;
/** From finest to coarsest; each is kept longer than MAX_POINTS of it span (2 days, 14 days, 365 days, for good). */
const INTERVALS: readonly CandleInterval[] = ['ONE_MINUTE', 'FIVE_MINUTES', 'ONE_HOUR', 'ONE_DAY'];

/** The start of the interval an instant is in (UTC, as candles are aligned), so the arguments stay the same for a while. */
function startOf(instant: number, interval: CandleInterval): string {
  const size = INTERVAL_MS[interval];
  return new Date(Math.floor(instant / size) * size).toISOString();
}

/**
 * The history to ask for: a week and 30 days of hourly points; "All" from the account's creation at the finest interval
 * that covers it in at most MAX_POINTS points (minutes for a new account, days for one older than 41 days, at most
 * 990 days back). `from` is aligned to the interval, so the same view asks the same question (and hits the cache).
 */
export function historyVariables(range: HistoryRange, now: Date, createdAt?: string): HistoryVariables {
  const at = now.getTime();
  if (range === '1W') return { interval: 'ONE_HOUR', from: startOf(at - 7 * DAY, 'ONE_HOUR') };
  if (range === '1M') return { interval: 'ONE_HOUR', from: startOf(at - 30 * DAY, 'ONE_HOUR') };
  const created = createdAt ? Date.parse(createdAt) : Number.NaN;
  const since = Number.isNaN(created) ? at - MAX_POINTS * DAY : created;
  const interval = INTERVALS.find((candidate) => at - since <= MAX_POINTS * INTERVAL_MS[candidate]) ?? 'ONE_DAY';
  return { interval, from: startOf(Math.max(since, at - MAX_POINTS * INTERVAL_MS[interval]), interval) };
}

/**
 * The points to draw: without those before the account held anything (valued at zero), and the last one (now) at the
 * live value the page shows, so the chart ends where the summary above it says.
 */
export function pointsToDraw(points: readonly PortfolioPointFragment[], liveValue?: string): PortfolioPointFragment[] {
  const firstHeld = points.findIndex((point) => !toDec(point.value).isZero() || !toDec(point.cash).isZero());
  const held = firstHeld < 0 ? points.slice(-1) : points.slice(firstHeld);
  const last = held[held.length - 1];
  if (!last || liveValue === undefined) return [...held];
  return [...held.slice(0, -1), { ...last, value: liveValue }];
}
