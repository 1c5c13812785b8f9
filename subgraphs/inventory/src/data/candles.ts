import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetByKeys, batchPutItems, type Database, failedConditions, type TransactItem } from '@trading/platform';
import type { CandleInterval } from '../generated/resolvers';
import { type CandleView, INTERVALS, RUN_LENGTH } from '../domain/candles';

/**
 * A run of up to RUN_LENGTH consecutive candles of one series, as one item of the `candles` table. `version` counts
 * the writes of the item: every write is conditioned on the version it read, so two writers (the price feed, an
 * admin on another instance) never lose each other's changes.
 */
export interface CandleRun {
  series: string;
  interval: CandleInterval;
  /** The run's first interval, epoch seconds. */
  start: number;
  /** Ascending by start; intervals without a price change have no candle. */
  candles: CandleView[];
  /** The version this run was read at; null for a run not stored yet. */
  version: number | null;
}

/** A run to store, and the version it was read at (null: it must not exist yet). */
export interface RunWrite {
  run: CandleRun;
  seenVersion: number | null;
}

// Each candle is `offset:open:high:low:close` (offset in intervals from the run's start), candles joined by `;`, and
// an open equal to the close of the candle before it in the run (the usual case) left empty: a compact string keeps
// a run of 60 candles near 2 KB (a write unit per KB on AWS), and a backfill writes less.
function encodeCandles(run: CandleRun): string {
  const length = INTERVALS[run.interval].seconds;
  let previousClose: string | undefined;
  return run.candles
    .map((c) => {
      const open = c.open === previousClose ? '' : c.open;
      previousClose = c.close;
      return `${(c.start - run.start) / length}:${open}:${c.high}:${c.low}:${c.close}`;
    })
    .join(';');
}

function decodeCandles(interval: CandleInterval, start: number, text: string): CandleView[] {
  if (!text) return [];
  const length = INTERVALS[interval].seconds;
  let previousClose = '';
  return text.split(';').map((entry) => {
    const [offset, open, high, low, close] = entry.split(':') as [string, string, string, string, string];
    const candle = { start: start + Number(offset) * length, open: open || previousClose, high, low, close };
    previousClose = close;
    return candle;
  });
}

function intervalOf(series: string): CandleInterval {
  return series.slice(series.indexOf('#') + 1) as CandleInterval;
}

function fromItem(item: Record<string, unknown>): CandleRun {
  const series = item.series as string;
  const interval = intervalOf(series);
  const start = Number(item.start);
  return {
    series,
    interval,
    start,
    candles: decodeCandles(interval, start, (item.candles as string | undefined) ?? ''),
    version: Number(item.version),
  };
}

/** When DynamoDB's TTL may delete a run: its last interval's end plus the interval's retention; never for ONE_DAY. */
function expiresAt(run: Pick<CandleRun, 'interval' | 'start'>): number | undefined {
  const { seconds, retentionSeconds } = INTERVALS[run.interval];
  return retentionSeconds === null ? undefined : run.start + seconds * RUN_LENGTH + retentionSeconds;
}

function toItem(run: CandleRun, version: number): Record<string, unknown> {
  const expiry = expiresAt(run);
  return { series: run.series, start: run.start, version, candles: encodeCandles(run), ...(expiry === undefined ? {} : { expiresAt: expiry }) };
}

/** The price history in DynamoDB: runs of candles per symbol and interval (see `TABLES.candles`). */
export class CandleStore {
  constructor(private readonly db: Database) {}

  /**
   * The runs of a series whose start lies in [fromRun, toRun], in time order (or newest first with `newestFirst`),
   * at most `limit` runs: one Query, paged only past DynamoDB's 1 MB.
   */
  async runs(series: string, fromRun: number, toRun: number, options: { newestFirst?: boolean; limit?: number } = {}): Promise<CandleRun[]> {
    const runs: CandleRun[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.doc.send(
        new QueryCommand({
          TableName: this.db.tables.candles,
          KeyConditionExpression: '#series = :series AND #start BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#series': 'series', '#start': 'start' },
          ExpressionAttributeValues: { ':series': series, ':from': fromRun, ':to': toRun },
          ScanIndexForward: !options.newestFirst,
          ...(options.limit ? { Limit: options.limit - runs.length } : {}),
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) runs.push(fromItem(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey && (!options.limit || runs.length < options.limit));
    return runs;
  }

  /** The runs with these keys (strongly consistent); runs not stored are absent. */
  async getRuns(keys: readonly { series: string; start: number }[]): Promise<CandleRun[]> {
    const items = await batchGetByKeys(
      this.db,
      'candles',
      keys.map(({ series, start }) => ({ series, start })),
    );
    return items.map(fromItem);
  }

  /**
   * Stores runs, each conditioned on the version it was read at, in transactions of up to 100 items (DynamoDB's
   * limit). Returns the runs whose condition failed (someone else wrote them meanwhile): none of their
   * transaction was written, so the caller reads them again and retries that transaction's runs. Written runs get
   * their new version.
   */
  async putRuns(writes: readonly RunWrite[]): Promise<{ written: CandleRun[]; conflicts: RunWrite[]; notWritten: RunWrite[] }> {
    const written: CandleRun[] = [];
    const conflicts: RunWrite[] = [];
    const notWritten: RunWrite[] = [];
    const groups: RunWrite[][] = [];
    for (let i = 0; i < writes.length; i += 100) groups.push(writes.slice(i, i + 100));
    await Promise.all(
      groups.map(async (group) => {
        const items: TransactItem[] = group.map(({ run, seenVersion }): TransactItem => {
          const Item = toItem(run, (seenVersion ?? 0) + 1);
          const TableName = this.db.tables.candles;
          // Attribute names through placeholders: DynamoDB reserves many plain words.
          return seenVersion === null
            ? { Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(#series)', ExpressionAttributeNames: { '#series': 'series' } } }
            : {
                Put: {
                  TableName,
                  Item,
                  ConditionExpression: '#version = :seen',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':seen': seenVersion },
                },
              };
        });
        try {
          await this.db.doc.send(new TransactWriteCommand({ TransactItems: items }));
          for (const { run, seenVersion } of group) written.push({ ...run, version: (seenVersion ?? 0) + 1 });
        } catch (error) {
          const failed = failedConditions(error);
          if (!failed) throw error;
          group.forEach((write, i) => (failed[i] ? conflicts : notWritten).push(write));
        }
      }),
    );
    return { written, conflicts, notWritten };
  }

  /** Writes runs unconditionally and in bulk (the backfill of a fresh database), as version 1. */
  async putRunsInBulk(runs: readonly CandleRun[]): Promise<void> {
    await batchPutItems(
      this.db,
      'candles',
      runs.map((run) => toItem(run, 1)),
      8,
    );
  }
}
