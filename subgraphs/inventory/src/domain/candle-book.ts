import { type Dec, toDec } from '@trading/platform';
import type { CandleInterval } from '../generated/resolvers';
import { type CandleRun, type CandleStore, type RunWrite } from '../data/candles';
import { applyPriceChange, bucketStart, candleView, INTERVAL_NAMES, runStart, seriesKey, type CandleView } from './candles';

/** One stored price change, as the candles see it. */
export interface PriceMovement {
  symbol: string;
  previousPrice: Dec;
  price: Dec;
  at: Date;
}

/** A candle that a price change moved, as published on CANDLES_UPDATED (decimals as strings, `start` ISO). */
export interface CandleUpdatedEvent {
  symbol: string;
  interval: CandleInterval;
  start: string;
  open: string;
  high: string;
  low: string;
  close: string;
}

/** How many times a write whose runs someone else changed meanwhile is read again and retried. */
const ATTEMPTS = 5;

interface PendingRun {
  series: string;
  interval: CandleInterval;
  start: number;
  changes: { bucket: number; previous: Dec; price: Dec }[];
}

/**
 * Keeps the candles of every interval up to date with the price changes it is given, in as few writes as
 * possible: all the runs one batch of changes touches are written together (transactions of up to 100 items).
 * It remembers the latest run of each series it read or wrote, so a tick costs no read; a run someone else wrote
 * meanwhile (an admin's change on another instance) fails its version condition and is read again, so no change
 * is lost and none is applied twice. After a restart the first change of each series reads its run from the table
 * and carries on with the candle under way instead of starting a new one.
 */
export class CandleBook {
  /** By series: the latest run this process read or wrote. */
  private readonly latest = new Map<string, CandleRun>();
  /** By symbol: the open of the first hourly candle since `since`, for `dayOpens`. */
  private readonly opens = new Map<string, { since: number; open: Dec | null }>();

  constructor(private readonly store: CandleStore) {}

  /**
   * Applies the changes (any order; applied in time order) to the candles of every interval and stores them.
   * Returns the current candle of each series the changes moved, as stored.
   */
  async record(movements: readonly PriceMovement[]): Promise<CandleUpdatedEvent[]> {
    const sorted = [...movements].sort((a, b) => a.at.getTime() - b.at.getTime());
    let pending = new Map<string, PendingRun>();
    for (const move of sorted) {
      const seconds = Math.floor(move.at.getTime() / 1000);
      for (const interval of INTERVAL_NAMES) {
        const series = seriesKey(move.symbol, interval);
        const start = runStart(interval, seconds);
        const key = `${series}@${start}`;
        let run = pending.get(key);
        if (!run) pending.set(key, (run = { series, interval, start, changes: [] }));
        run.changes.push({ bucket: bucketStart(interval, seconds), previous: move.previousPrice, price: move.price });
      }
    }
    const updated = new Map<string, CandleUpdatedEvent>();
    for (let attempt = 1; pending.size > 0; attempt += 1) {
      if (attempt > ATTEMPTS) throw new Error(`Candles of ${[...pending.keys()].join(', ')} kept changing under this writer; gave up`);
      const bases = await this.bases([...pending.values()]);
      const writes: RunWrite[] = [];
      const byWrite = new Map<RunWrite, PendingRun>();
      for (const run of pending.values()) {
        const base = bases.get(`${run.series}@${run.start}`)!;
        const write: RunWrite = { run: applyChanges(base, run), seenVersion: base.version };
        writes.push(write);
        byWrite.set(write, run);
      }
      const result = await this.store.putRuns(writes);
      for (const run of result.written) {
        this.remember(run);
        const last = run.candles.at(-1);
        const symbol = run.series.slice(0, run.series.indexOf('#'));
        if (last) updated.set(run.series, { symbol, interval: run.interval, ...last, start: new Date(last.start * 1000).toISOString() });
      }
      for (const { run } of result.conflicts) this.latest.delete(run.series);
      const retry = new Map<string, PendingRun>();
      for (const write of [...result.conflicts, ...result.notWritten]) {
        const run = byWrite.get(write)!;
        retry.set(`${run.series}@${run.start}`, run);
      }
      pending = retry;
    }
    return [...updated.values()];
  }

  /**
   * For each symbol, the open of its first hourly candle that starts at or after `since` (a whole hour), or null
   * when it has none: the reference a 24-hour change is measured from. Cached per symbol until `since` moves on
   * (an hour later), since candles that old no longer change.
   */
  async dayOpens(symbols: readonly string[], since: number): Promise<Map<string, Dec | null>> {
    const missing = [...new Set(symbols)].filter((symbol) => this.opens.get(symbol)?.since !== since);
    await Promise.all(
      missing.map(async (symbol) => {
        const first = await firstCandleSince(this.store, symbol, 'ONE_HOUR', since);
        this.opens.set(symbol, { since, open: first ? toDec(first.open) : null });
      }),
    );
    return new Map(symbols.map((symbol) => [symbol, this.opens.get(symbol)?.open ?? null]));
  }

  /** The stored (or remembered) run for each pending run; a run not stored yet is empty, version null. */
  private async bases(runs: readonly PendingRun[]): Promise<Map<string, CandleRun>> {
    const bases = new Map<string, CandleRun>();
    const unknown: PendingRun[] = [];
    for (const run of runs) {
      const known = this.latest.get(run.series);
      if (known && known.start === run.start) bases.set(`${run.series}@${run.start}`, known);
      else unknown.push(run);
    }
    if (unknown.length > 0) {
      const stored = await this.store.getRuns(unknown.map(({ series, start }) => ({ series, start })));
      for (const run of stored) bases.set(`${run.series}@${run.start}`, run);
      for (const run of unknown) {
        const key = `${run.series}@${run.start}`;
        if (!bases.has(key)) bases.set(key, { series: run.series, interval: run.interval, start: run.start, candles: [], version: null });
      }
    }
    return bases;
  }

  private remember(run: CandleRun): void {
    const known = this.latest.get(run.series);
    if (!known || known.start <= run.start) this.latest.set(run.series, run);
  }
}

/** The run with the pending changes applied; only the candles they touch are turned into decimals. */
function applyChanges(base: CandleRun, pending: PendingRun): CandleRun {
  const candles = [...base.candles];
  for (const change of pending.changes) {
    // The candle under way is the last one, or a new one after it.
    let index = candles.length - 1;
    while (index >= 0 && candles[index]!.start > change.bucket) index -= 1;
    const existing = index >= 0 && candles[index]!.start === change.bucket ? candles[index]! : undefined;
    const next = candleView(applyPriceChange(existing && fromView(existing), change.bucket, change.previous, change.price));
    if (existing) candles[index] = next;
    else candles.splice(index + 1, 0, next);
  }
  return { ...base, candles };
}

function fromView(view: CandleView) {
  return { start: view.start, open: toDec(view.open), high: toDec(view.high), low: toDec(view.low), close: toDec(view.close) };
}

/** The first candle of a series that starts at or after `since`, or null. */
export async function firstCandleSince(store: CandleStore, symbol: string, interval: CandleInterval, since: number): Promise<CandleView | null> {
  const series = seriesKey(symbol, interval);
  const runs = await store.runs(series, runStart(interval, since), Number.MAX_SAFE_INTEGER, { limit: 2 });
  for (const run of runs) {
    const found = run.candles.find((candle) => candle.start >= since);
    if (found) return found;
  }
  return null;
}
