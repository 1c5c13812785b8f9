import type { GraphQLError } from 'graphql';
import { Dec } from '@trading/platform';
import type { PriceCandle } from '../src/data/prices';
import { historyRange, type HistoryInput, type HistoryMovement, reconstructHistory } from '../src/domain/portfolio-history';

// The reconstruction of a portfolio's value over time as a pure function: fills + ledger + candles -> points.

const MINUTE = 60_000;
/** A minute boundary to build scenarios on (2026-03-02T10:00:00Z). */
const T0 = Date.UTC(2026, 2, 2, 10, 0, 0);
const d = (value: string) => new Dec(value);
const candle = (start: number, open: string, close: string): PriceCandle => ({ start, open: d(open), close: d(close) });
const points = (input: HistoryInput) => reconstructHistory(input).map((p) => [p.at.toISOString(), p.value.toFixed(), p.cash.toFixed()]);

function refusal(run: () => unknown): { code?: unknown; field?: unknown; message: string } {
  try {
    run();
  } catch (error) {
    return { ...(error as GraphQLError).extensions, message: (error as Error).message };
  }
  throw new Error('expected a refusal');
}

describe('reconstructHistory', () => {
  // Deposit 1000, buy 0.5 BTC for 500, sell 0.25 for 300, deposit 100: each between two minute closes.
  const movements: HistoryMovement[] = [
    { at: T0 + 10_000, balanceAfter: d('1000') },
    { at: T0 + 70_000, balanceAfter: d('500'), fill: { symbol: 'BTC', quantity: d('0.5') } },
    { at: T0 + 130_000, balanceAfter: d('800'), fill: { symbol: 'BTC', quantity: d('-0.25') } },
    { at: T0 + 200_000, balanceAfter: d('900') },
  ];
  // No BTC candle for the minute from T0+2min: the price did not change then.
  const btc = [candle(T0, '1000', '1000'), candle(T0 + MINUTE, '1000', '1200'), candle(T0 + 3 * MINUTE, '1200', '1100')];
  const base: HistoryInput = {
    interval: 'ONE_MINUTE',
    closes: [T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE, T0 + 4 * MINUTE],
    now: { at: T0 + 4 * MINUTE + 10_000, prices: new Map([['BTC', d('1111.111')]]) },
    holdings: new Map([['BTC', d('0.25')]]),
    cash: d('900'),
    movements,
    candles: new Map([['BTC', btc]]),
    currentPrices: new Map([['BTC', d('1111.111')]]),
  };

  test('values each close from the holdings and cash then, at the latest close, and ends with now at current prices', () => {
    expect(points(base)).toEqual([
      // Only the deposit so far.
      ['2026-03-02T10:01:00.000Z', '1000', '1000'],
      // 0.5 BTC at the close of the minute that just ended (1200).
      ['2026-03-02T10:02:00.000Z', '1100', '500'],
      // 0.25 BTC after the sale; no candle ended at 10:03, so the previous close (1200) is still the price.
      ['2026-03-02T10:03:00.000Z', '1100', '800'],
      ['2026-03-02T10:04:00.000Z', '1175', '900'],
      // 0.25 x 1111.111 = 277.77775, to the cent half up.
      ['2026-03-02T10:04:10.000Z', '1177.78', '900'],
    ]);
  });

  test('movements in any order give the same points; the list may start with the last movement before the range', () => {
    const shuffled = { ...base, movements: [movements[2]!, movements[0]!, movements[3]!, movements[1]!] };
    expect(points(shuffled)).toEqual(points(base));
    // From 10:02 on, the deposit at 10:00:10 is not needed: the buy's balance is the cash in force at 10:02.
    const later = { ...base, closes: base.closes.slice(1), movements: movements.slice(1) };
    expect(points(later)).toEqual(points(base).slice(1));
  });

  test('before the first movement there is no cash and nothing held', () => {
    const earlier = { ...base, closes: [T0 - MINUTE, T0, ...base.closes] };
    expect(points(earlier).slice(0, 2)).toEqual([
      ['2026-03-02T09:59:00.000Z', '0', '0'],
      ['2026-03-02T10:00:00.000Z', '0', '0'],
    ]);
  });

  test("before the first candle of the range, the price is that candle's open; with no candle at all, the current price", () => {
    const held = {
      ...base,
      movements: [{ at: T0 - 10 * MINUTE, balanceAfter: d('10') }],
      holdings: new Map([['ETH', d('2')]]),
      cash: d('10'),
      now: undefined,
    };
    const eth = [candle(T0 + 2 * MINUTE, '3000', '3100')];
    expect(points({ ...held, candles: new Map([['ETH', eth]]), currentPrices: new Map([['ETH', d('2900')]]) })).toEqual([
      ['2026-03-02T10:01:00.000Z', '6010', '10'],
      ['2026-03-02T10:02:00.000Z', '6010', '10'],
      ['2026-03-02T10:03:00.000Z', '6210', '10'],
      ['2026-03-02T10:04:00.000Z', '6210', '10'],
    ]);
    const flat = points({ ...held, candles: new Map(), currentPrices: new Map([['ETH', d('2900')]]) });
    expect(flat.map(([, value]) => value)).toEqual(['5810', '5810', '5810', '5810']);
    // An asset with no price anywhere (gone from the catalog) counts as zero, as in Portfolio.
    expect(points({ ...held, candles: new Map(), currentPrices: new Map() }).map(([, value]) => value)).toEqual(['10', '10', '10', '10']);
  });

  test('each holding is rounded to the cent on its own, half up, as Portfolio.totalValue is', () => {
    const input: HistoryInput = {
      interval: 'ONE_HOUR',
      closes: [],
      now: {
        at: T0,
        prices: new Map([
          ['A', d('0.005')],
          ['B', d('0.005')],
          ['C', d('0.0049')],
        ]),
      },
      holdings: new Map([
        ['A', d('1')],
        ['B', d('1')],
        ['C', d('1')],
      ]),
      cash: d('0.1'),
      movements: [],
      candles: new Map(),
      currentPrices: new Map(),
    };
    // 0.01 + 0.01 + 0 (not 0.0149 rounded once to 0.01).
    expect(points(input)).toEqual([['2026-03-02T10:00:00.000Z', '0.12', '0.1']]);
  });

  test('exact decimals throughout: no float ever holds an amount', () => {
    const input: HistoryInput = {
      ...base,
      closes: [T0 + 4 * MINUTE],
      movements: [
        { at: T0, balanceAfter: d('0.1') },
        { at: T0 + 1, balanceAfter: d('0.3'), fill: { symbol: 'X', quantity: d('0.00000001') } },
      ],
      holdings: new Map([['X', d('123456789.12345678')]]),
      cash: d('0.3'),
      candles: new Map([['X', [candle(T0, '0.1', '0.2')]]]),
      now: undefined,
    };
    // 123456789.12345678 x 0.2 = 24691357.824691356 -> 24691357.82; plus 0.3.
    expect(points(input)).toEqual([['2026-03-02T10:04:00.000Z', '24691358.12', '0.3']]);
  });
});

describe('historyRange', () => {
  const now = T0 + 30 * MINUTE + 15_000;

  test('by default starts at the first cash movement, or 100 intervals back when that is earlier', () => {
    const young = historyRange({ interval: 'ONE_MINUTE', now, firstMovementAt: T0 + 27 * MINUTE + 5_000 });
    expect(young.closes).toEqual([T0 + 28 * MINUTE, T0 + 29 * MINUTE, T0 + 30 * MINUTE]);
    expect(young.includesNow).toBe(true);
    const old = historyRange({ interval: 'ONE_MINUTE', now, firstMovementAt: T0 - 1000 * MINUTE });
    expect(old.closes).toHaveLength(100);
    expect(old.closes[0]).toBe(T0 - 69 * MINUTE);
    // An account that never moved cash: 100 intervals back.
    expect(historyRange({ interval: 'FIVE_MINUTES', now }).closes).toHaveLength(100);
  });

  test('closes are aligned to the interval in UTC; a close exactly at now is the now point, not a second one', () => {
    const days = historyRange({ interval: 'ONE_DAY', from: new Date('2026-02-27T12:00:00Z'), now });
    expect(days.closes.map((at) => new Date(at).toISOString())).toEqual([
      '2026-02-28T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
    ]);
    const onTheMinute = historyRange({ interval: 'ONE_MINUTE', from: new Date(T0 + 28 * MINUTE), now: T0 + 30 * MINUTE });
    expect(onTheMinute.closes).toEqual([T0 + 28 * MINUTE, T0 + 29 * MINUTE]);
    expect(onTheMinute.includesNow).toBe(true);
  });

  test('a `to` in the past ends at the last close before it, without a now point; a `to` in the future is now', () => {
    const past = historyRange({ interval: 'ONE_MINUTE', from: new Date(T0), to: new Date(T0 + 2 * MINUTE + 30_000), now });
    expect(past).toMatchObject({ closes: [T0, T0 + MINUTE, T0 + 2 * MINUTE], includesNow: false });
    const future = historyRange({ interval: 'ONE_MINUTE', from: new Date(T0 + 29 * MINUTE), to: new Date(now + 3_600_000), now });
    expect(future).toMatchObject({ closes: [T0 + 29 * MINUTE, T0 + 30 * MINUTE], includesNow: true, to: now });
    expect(historyRange({ interval: 'ONE_HOUR', from: new Date(T0 + MINUTE), to: new Date(T0 + 2 * MINUTE), now })).toMatchObject({
      closes: [],
      includesNow: false,
    });
  });

  test('refuses `from` after `to` or in the future, beyond retention, or more than 1,000 points, naming `from`', () => {
    expect(refusal(() => historyRange({ interval: 'ONE_MINUTE', from: new Date(T0 + MINUTE), to: new Date(T0), now }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'from',
      message: 'from must not be after to',
    });
    expect(refusal(() => historyRange({ interval: 'ONE_MINUTE', from: new Date(now + 1000), now }))).toMatchObject({ field: 'from' });
    expect(refusal(() => historyRange({ interval: 'ONE_MINUTE', from: new Date(now - 3 * 86_400_000), now })).message).toMatch(/2 days/);
    expect(refusal(() => historyRange({ interval: 'FIVE_MINUTES', from: new Date(now - 15 * 86_400_000), now }))).toMatchObject({ field: 'from' });
    // 999 closes and now: 1,000 points is the most.
    expect(historyRange({ interval: 'ONE_MINUTE', from: new Date(T0 + 31 * MINUTE - 999 * MINUTE), now }).closes).toHaveLength(999);
    expect(refusal(() => historyRange({ interval: 'ONE_MINUTE', from: new Date(T0 + 31 * MINUTE - 1000 * MINUTE), now })).message).toMatch(
      /1001 points/,
    );
    // Days are kept for good, but not more than 1,000 of them at once.
    expect(refusal(() => historyRange({ interval: 'ONE_DAY', from: new Date('2000-01-01T00:00:00Z'), now }))).toMatchObject({ field: 'from' });
  });
});
