import fc from 'fast-check';
import { createDatabase, type Database, Dec, ROUND_DOWN } from '@trading/platform';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '@trading/platform/dynamodb/embedded';
import { CandleStore } from '../src/data/candles';
import { CandleBook, type PriceMovement } from '../src/domain/candle-book';
import { BACKFILL_SPANS, backfillRuns, pathCandles, simulatedPath } from '../src/domain/history-backfill';
import { readCandles } from '../src/domain/price-history';
import { toUnits, unitsToString, volatilityFraction, walkUnits } from '../src/feed/simulated-market';

// The price history: the simulated backfill, the candle writer against the embedded database (restarts and two
// writers at once), and reads.

const BTC = { symbol: 'BTC', price: new Dec('91234.56789012'), category: 'CURRENCY' as const, active: true };
const HOUR_ALIGNED = 1_796_256_000; // 2026-12-03T00:00:00Z: every path point falls on an interval boundary

describe('the walk in units', () => {
  test('is the decimal walk of the simulator, exactly: the move truncated towards zero to 8 places', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 17n }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom('0.002', '0.2', '0.00079', '0'),
        (units, draw, volatility) => {
          const price = new Dec(unitsToString(units));
          const direction = new Dec(draw)
            .div(2 ** 32)
            .times(2)
            .minus(1);
          const expected = price.plus(price.times(volatility).times(direction).toDecimalPlaces(8, ROUND_DOWN));
          expect(unitsToString(walkUnits(units, volatilityFraction(new Dec(volatility)), draw))).toBe(
            Dec.max(expected, new Dec('0.00000001')).toFixed(),
          );
        },
      ),
    );
  });

  test('units and strings convert both ways', () => {
    for (const text of ['0.00000001', '0.00000487', '1', '91234.5', '1000000000000']) expect(unitsToString(toUnits(new Dec(text)))).toBe(text);
  });
});

describe('the simulated backfill', () => {
  test('ends exactly at the stored price and is the same for the same seed, another for another seed', () => {
    const path = simulatedPath(BTC, HOUR_ALIGNED, { seed: 1 });
    expect(unitsToString(path.units.at(-1)!)).toBe('91234.56789012');
    expect(path.times.at(-1)).toBe(HOUR_ALIGNED);
    expect(simulatedPath(BTC, HOUR_ALIGNED, { seed: 1 }).units).toEqual(path.units);
    expect(simulatedPath(BTC, HOUR_ALIGNED, { seed: 2 }).units).not.toEqual(path.units);
    expect(new Set(path.units).size).toBeGreaterThan(1000);
  });

  test('stablecoins and delisted assets stand still', () => {
    for (const asset of [
      { ...BTC, symbol: 'USDT', category: 'STABLECOIN' as const },
      { ...BTC, active: false },
    ]) {
      expect(new Set(simulatedPath(asset, HOUR_ALIGNED, { seed: 1 }).units).size).toBe(1);
    }
  });

  test.each([HOUR_ALIGNED, HOUR_ALIGNED + 17, HOUR_ALIGNED + 1830])(
    'covers every promised interval with continuous, well-formed candles (now = %i)',
    (now) => {
      const path = simulatedPath(BTC, now, { seed: 9 });
      for (const [interval, span] of Object.entries(BACKFILL_SPANS)) {
        const candles = pathCandles(path, interval as keyof typeof BACKFILL_SPANS, now - span);
        const length = { ONE_MINUTE: 60, FIVE_MINUTES: 300, ONE_HOUR: 3600, ONE_DAY: 86_400 }[interval]!;
        expect(candles.length).toBeGreaterThanOrEqual(span / length);
        candles.forEach((candle, k) => {
          const [open, high, low, close] = [candle.open, candle.high, candle.low, candle.close].map((v) => new Dec(v)) as [Dec, Dec, Dec, Dec];
          expect(low.lte(open) && low.lte(close) && high.gte(open) && high.gte(close)).toBe(true);
          if (k > 0) {
            expect(candle.start - candles[k - 1]!.start).toBe(length);
            expect(candle.open).toBe(candles[k - 1]!.close);
          }
        });
        expect(candles.at(-1)!.close).toBe('91234.56789012');
      }
    },
  );

  test('the candles of every interval tell the same story: an hour holds its minutes', () => {
    const runs = backfillRuns(BTC, HOUR_ALIGNED + 1830, { seed: 4 });
    const minutes = runs.filter((run) => run.interval === 'ONE_MINUTE').flatMap((run) => run.candles);
    const hours = runs.filter((run) => run.interval === 'ONE_HOUR').flatMap((run) => run.candles);
    const hour = hours.at(-3)!;
    const inside = minutes.filter((m) => m.start >= hour.start && m.start < hour.start + 3600);
    expect(inside).toHaveLength(60);
    expect(inside[0]!.open).toBe(hour.open);
    expect(inside.at(-1)!.close).toBe(hour.close);
    expect(Dec.max(...inside.map((m) => new Dec(m.high))).toFixed()).toBe(hour.high);
    expect(Dec.min(...inside.map((m) => new Dec(m.low))).toFixed()).toBe(hour.low);
  });
});

describe('the candle writer', () => {
  let embedded: EmbeddedDynamo;
  let db: Database;
  let store: CandleStore;
  beforeAll(async () => {
    embedded = await startEmbeddedDynamo();
    db = createDatabase({ endpoint: embedded.endpoint, region: 'us-east-1', tablePrefix: 'history-' });
    await db.ensureTables(['candles']);
    store = new CandleStore(db);
  });
  afterAll(async () => {
    db?.close();
    await embedded?.close();
  });

  const at = (seconds: number) => new Date(seconds * 1000);
  const move = (symbol: string, from: string, to: string, seconds: number): PriceMovement => ({
    symbol,
    previousPrice: new Dec(from),
    price: new Dec(to),
    at: at(seconds),
  });

  test('holds every change in the candle of its interval, at every interval; a new interval opens at the price before', async () => {
    const book = new CandleBook(store);
    const t = HOUR_ALIGNED + 120;
    await book.record([move('AAA', '10', '12', t), move('BBB', '5', '4', t)]);
    await book.record([move('AAA', '12', '9', t + 20)]);
    const updated = await book.record([move('AAA', '9', '11', t + 61)]);
    expect(updated.find((c) => c.interval === 'ONE_MINUTE')).toMatchObject({ symbol: 'AAA', open: '9', high: '11', low: '9', close: '11' });
    const minutes = await readCandles(store, 'AAA', { interval: 'ONE_MINUTE', last: 5 }, at(t + 62));
    expect(minutes).toEqual([
      { start: t, open: '10', high: '12', low: '9', close: '9' },
      { start: t + 60, open: '9', high: '11', low: '9', close: '11' },
    ]);
    const [hour] = await readCandles(store, 'AAA', { interval: 'ONE_HOUR', last: 1 }, at(t + 62));
    expect(hour).toEqual({ start: HOUR_ALIGNED, open: '10', high: '12', low: '9', close: '11' });
    expect(await readCandles(store, 'BBB', { interval: 'ONE_DAY', last: 1 }, at(t + 62))).toEqual([
      { start: HOUR_ALIGNED, open: '5', high: '5', low: '4', close: '4' },
    ]);
  });

  test('a writer started later (a restart) carries on with the candle under way', async () => {
    const t = HOUR_ALIGNED + 600;
    await new CandleBook(store).record([move('CCC', '100', '101', t)]);
    await new CandleBook(store).record([move('CCC', '101', '99', t + 5)]);
    expect(await readCandles(store, 'CCC', { interval: 'FIVE_MINUTES', last: 1 }, at(t + 6))).toEqual([
      { start: t, open: '100', high: '101', low: '99', close: '99' },
    ]);
  });

  test("two writers at once (the feed, an admin on another instance) lose none of each other's changes", async () => {
    const t = HOUR_ALIGNED + 900;
    const [a, b] = [new CandleBook(store), new CandleBook(store)];
    await a.record([move('DDD', '50', '51', t)]);
    await b.record([move('DDD', '51', '52', t + 1)]);
    // `a` remembers the run as it wrote it: its next write fails the version check, reads again and retries.
    await Promise.all([a.record([move('DDD', '52', '40', t + 2)]), b.record([move('DDD', '40', '60', t + 3)])]);
    const [candle] = await readCandles(store, 'DDD', { interval: 'ONE_MINUTE', last: 1 }, at(t + 4));
    expect(candle).toMatchObject({ open: '50', high: '60', low: '40' });
  });

  test('reads refuse what they cannot serve, naming the argument', async () => {
    const now = at(HOUR_ALIGNED + 1000);
    const refused = async (query: Parameters<typeof readCandles>[2]) => {
      try {
        await readCandles(store, 'AAA', query, now);
      } catch (error) {
        return (error as { extensions?: Record<string, unknown> }).extensions;
      }
      return 'served';
    };
    expect(await refused({ interval: 'ONE_HOUR', last: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
    expect(await refused({ interval: 'ONE_HOUR', last: 1.5 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
    expect(await refused({ interval: 'ONE_HOUR', from: at(HOUR_ALIGNED), to: at(HOUR_ALIGNED - 1) })).toMatchObject({ field: 'from' });
    expect(await refused({ interval: 'FIVE_MINUTES', from: at(HOUR_ALIGNED - 15 * 86_400) })).toMatchObject({ field: 'from' });
    expect(await refused({ interval: 'ONE_MINUTE', from: at(HOUR_ALIGNED - 86_400) })).toMatchObject({ field: 'from' });
    // With `last`, a long range is fine: the latest of it are returned.
    expect(await refused({ interval: 'ONE_MINUTE', from: at(HOUR_ALIGNED - 86_400), last: 2 })).toBe('served');
    expect(await refused({ interval: 'ONE_DAY', from: at(0), last: 10 })).toBe('served');
  });
});
