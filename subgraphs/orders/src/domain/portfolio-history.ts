import { CANDLE_INTERVALS as INTERVALS, type Dec, ErrorCode, roundCash, userError, ZERO } from '@trading/platform';
import type { PriceCandle } from '../data/prices';
import type { CandleInterval } from '../generated/resolvers';

/**
 * A portfolio's value over time, reconstructed (pure: no I/O here). The points are the closes of the candles of an
 * interval in a range, and "now" when the range reaches now. At each instant:
 * - cash is the `balanceAfter` of the latest ledger entry made at or before it (0 before the first);
 * - each holding is what is held at the end minus every fill after the instant (a buy adds its units, a sell takes
 *   them), so the last point agrees with `Portfolio.totalValue` by construction;
 * - each holding is valued at the close of the latest candle that ended at or before the instant; when no candle of
 *   the range has ended yet, at the open of the first one after (an interval without a price change has no candle,
 *   so that open is the price in force until then); with no candle at all, at the current price (the price did not
 *   change during the range); an asset without any price (gone from the catalog) counts as zero, as in `Portfolio`.
 * - value = cash + the sum over holdings of quantity x price rounded to the cent half up, holding by holding: the
 *   rounding of `Portfolio.totalValue`, so the "now" point equals it exactly at the same prices.
 */

/** Length and retention of each candle interval in milliseconds, as the inventory keeps its candles (platform's table). */
export const CANDLE_INTERVALS: Readonly<Record<CandleInterval, { ms: number; retentionMs: number | null }>> = Object.fromEntries(
  Object.entries(INTERVALS).map(([name, { seconds, retentionSeconds }]) => [
    name,
    { ms: seconds * 1000, retentionMs: retentionSeconds === null ? null : retentionSeconds * 1000 },
  ]),
) as Record<CandleInterval, { ms: number; retentionMs: number | null }>;

/** Most points one history returns. */
export const MAX_HISTORY_POINTS = 1000;
/** Intervals back that the default `from` reaches at most. */
export const DEFAULT_HISTORY_INTERVALS = 100;

/** The instants a history values. */
export interface HistoryRange {
  /** Candle closes (epoch ms, ascending, aligned to the interval in UTC). */
  closes: number[];
  /** True when the range reaches now: the last point is now, at current prices. */
  includesNow: boolean;
  /** The range asked for, clamped to now. */
  from: number;
  to: number;
}

const refuse = (field: string, message: string) => userError(ErrorCode.BAD_USER_INPUT, message, { field });

/**
 * The points of `Portfolio.history(interval, from, to)` at `now`. `from` defaults to the account's first cash
 * movement (`firstMovementAt`) or DEFAULT_HISTORY_INTERVALS intervals back, whichever is later; `to` to now, and a
 * `to` in the future counts as now. BAD_USER_INPUT (field `from`) for `from` after `to`, a `from` older than the
 * interval's candles are kept, or more than MAX_HISTORY_POINTS points.
 */
export function historyRange(args: {
  interval: CandleInterval;
  from?: Date | null;
  to?: Date | null;
  now: number;
  firstMovementAt?: number | null;
}): HistoryRange {
  const { ms, retentionMs } = CANDLE_INTERVALS[args.interval];
  const { now } = args;
  const includesNow = args.to == null || args.to.getTime() >= now;
  const to = Math.min(args.to?.getTime() ?? now, now);
  const from = args.from?.getTime() ?? Math.max(args.firstMovementAt ?? -Infinity, now - DEFAULT_HISTORY_INTERVALS * ms);
  if (from > to) throw refuse('from', args.to == null ? 'from must not be in the future' : 'from must not be after to');
  if (retentionMs !== null && from < now - retentionMs) {
    throw refuse(
      'from',
      `from is older than ${args.interval} candles are kept (${retentionMs / 86_400_000} days): use a longer interval or a later from`,
    );
  }
  const first = Math.ceil(from / ms) * ms;
  // A close exactly at now is the "now" point itself.
  const last = Math.floor(to / ms) * ms - (includesNow && Math.floor(to / ms) * ms === now ? ms : 0);
  const count = last >= first ? (last - first) / ms + 1 : 0;
  const points = count + (includesNow ? 1 : 0);
  if (points > MAX_HISTORY_POINTS) {
    throw refuse(
      'from',
      `This range has ${points} points of ${args.interval}, more than ${MAX_HISTORY_POINTS}: use a later from, an earlier to or a longer interval`,
    );
  }
  return { closes: Array.from({ length: count }, (_, i) => first + i * ms), includesNow, from, to };
}

/** A cash movement of the ledger; a fill also moves `quantity` units of `symbol` (positive bought, negative sold). */
export interface HistoryMovement {
  /** Epoch ms. */
  at: number;
  balanceAfter: Dec;
  fill?: { symbol: string; quantity: Dec };
}

export interface HistoryInput {
  /** The candle interval of the points. */
  interval: CandleInterval;
  /** Candle closes to value (epoch ms, ascending). */
  closes: number[];
  /** The final point, when the range reaches now: its instant and the current prices. */
  now?: { at: number; prices: ReadonlyMap<string, Dec> } | undefined;
  /** What is held at the end, after every movement below, by symbol. */
  holdings: ReadonlyMap<string, Dec>;
  /** The cash at the end (the balance after the newest movement). */
  cash: Dec;
  /**
   * Every movement made after the first close, and the latest one made at or before it when there is one (none means
   * the account had no cash then); any order.
   */
  movements: readonly HistoryMovement[];
  /** Each symbol's candles of the interval, ascending by start (see `CandleLookup`). */
  candles: ReadonlyMap<string, readonly PriceCandle[]>;
  /** The price of a symbol when no candle tells: the current price; absent means the asset has none. */
  currentPrices: ReadonlyMap<string, Dec>;
}

/** A point of the history: the instant, the value and the cash (USD). */
export interface PortfolioPoint {
  at: Date;
  value: Dec;
  cash: Dec;
}

/** The price of one symbol at a candle close `at` (see the rules at the top of this file). */
function priceAt(candles: readonly PriceCandle[] | undefined, intervalMs: number, at: number, current: Dec | undefined): Dec {
  let ended: PriceCandle | undefined;
  let next: PriceCandle | undefined;
  for (const candle of candles ?? []) {
    if (candle.start + intervalMs <= at) ended = candle;
    else if (!next && candle.start >= at) next = candle;
  }
  return ended?.close ?? next?.open ?? current ?? ZERO;
}

function valueOf(cash: Dec, holdings: ReadonlyMap<string, Dec>, price: (symbol: string) => Dec): Dec {
  let value = cash;
  for (const [symbol, quantity] of holdings) if (!quantity.isZero()) value = value.plus(roundCash(quantity.times(price(symbol))));
  return value;
}

/** The points of a history, oldest first: one per close, then now (see the rules at the top of this file). */
export function reconstructHistory(input: HistoryInput): PortfolioPoint[] {
  const intervalMs = CANDLE_INTERVALS[input.interval].ms;
  const movements = [...input.movements].sort((a, b) => a.at - b.at);
  const points: PortfolioPoint[] = [];
  if (input.now) {
    const prices = input.now.prices;
    points.push({ at: new Date(input.now.at), cash: input.cash, value: valueOf(input.cash, input.holdings, (symbol) => prices.get(symbol) ?? ZERO) });
  }
  // Walk back from the end: undo each fill made after a close to get the holdings at that close.
  const holdings = new Map(input.holdings);
  let next = movements.length - 1;
  for (let i = input.closes.length - 1; i >= 0; i -= 1) {
    const at = input.closes[i]!;
    while (next >= 0 && movements[next]!.at > at) {
      const { fill } = movements[next]!;
      if (fill) holdings.set(fill.symbol, (holdings.get(fill.symbol) ?? ZERO).minus(fill.quantity));
      next -= 1;
    }
    const cash = next >= 0 ? movements[next]!.balanceAfter : ZERO;
    const value = valueOf(cash, holdings, (symbol) => priceAt(input.candles.get(symbol), intervalMs, at, input.currentPrices.get(symbol)));
    points.push({ at: new Date(at), cash, value });
  }
  return points.reverse();
}
