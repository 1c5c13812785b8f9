import { Dec } from '@trading/platform';
import type { AssetRecord } from '../src/data/assets';
import { MIN_PRICE } from '../src/domain/prices';
import type { SourcePrice } from '../src/feed/price-source';
import { SimulatedMarket, walk } from '../src/feed/simulated-market';

const asset = (symbol: string, price: string, overrides: Partial<AssetRecord> = {}): AssetRecord => ({
  symbol,
  name: `${symbol} coin`,
  description: '',
  category: 'CURRENCY',
  price: new Dec(price),
  change24h: new Dec(0),
  marketCap: new Dec(0),
  active: true,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

const catalog = [
  asset('BTC', '67000.12345678'),
  asset('ETH', '3500.5'),
  asset('PEPE', '0.00000487', { category: 'MEME' }),
  asset('DUST', '0.00000001'),
  asset('BIG', '999999999999.99999999'),
  asset('USDT', '1.00', { category: 'STABLECOIN' }),
  asset('GONE', '12.5', { active: false }),
];

/** Runs `ticks` steps, each from the prices the previous one produced, and returns every move with its basis. */
function simulate(market: SimulatedMarket, start: AssetRecord[], ticks: number) {
  let assets = start;
  const moves: { symbol: string; from: Dec; to: Dec }[] = [];
  for (let i = 0; i < ticks; i += 1) {
    const step = market.step(assets);
    for (const move of step) moves.push({ symbol: move.symbol, from: move.basis.price, to: move.price });
    const next = new Map(step.map((move) => [move.symbol, move.price]));
    assets = assets.map((a) => (next.has(a.symbol) ? { ...a, price: next.get(a.symbol)! } : a));
  }
  return moves;
}

const noMarket = async (): Promise<AssetRecord[]> => [];

test('every move stays within the volatility, has at most 8 decimal places and a price of at least 0.00000001', () => {
  const volatility = 0.01;
  const moves = simulate(new SimulatedMarket({ market: noMarket, volatility, share: 1, seed: 42 }), catalog, 2000);
  expect(moves.length).toBeGreaterThan(2000); // most active assets move in most ticks at share 1
  for (const { from, to } of moves) {
    expect(to.minus(from).abs().lte(from.times(volatility))).toBe(true);
    expect(to.decimalPlaces()).toBeLessThanOrEqual(8);
    expect(to.gte(MIN_PRICE)).toBe(true);
    expect(to.lte(new Dec('1000000000000'))).toBe(true);
  }
});

test('a step rounds its move towards zero, and never below the floor or above the ceiling', () => {
  const v = new Dec('0.002');
  // The largest draw moves up by just under 0.2 %; the smallest moves down by exactly 0.2 %.
  expect(walk(new Dec('100'), v, 2 ** 32 - 1).toFixed()).toBe('100.19999999');
  expect(walk(new Dec('100'), v, 0).toFixed()).toBe('99.8');
  // 0.2 % of a tiny price is below the last decimal place: no move at all rather than a rounded-up one.
  expect(walk(new Dec('0.00000487'), v, 0).toFixed()).toBe('0.00000487');
  expect(walk(MIN_PRICE, new Dec('0.2'), 0).toFixed()).toBe('0.00000001');
  expect(walk(new Dec('999999999999.99999999'), new Dec('0.2'), 2 ** 32 - 1).toFixed()).toBe('1000000000000');
});

test('the same seed over the same catalog gives the same prices; another seed does not', () => {
  const run = (seed: number) => simulate(new SimulatedMarket({ market: noMarket, seed }), catalog, 200).map((m) => `${m.symbol}:${m.to.toFixed()}`);
  expect(run(7)).toEqual(run(7));
  expect(run(7)).not.toEqual(run(8));
  // The order the catalog comes in does not matter.
  const reversed = simulate(new SimulatedMarket({ market: noMarket, seed: 7 }), [...catalog].reverse(), 200);
  expect(reversed.map((m) => `${m.symbol}:${m.to.toFixed()}`)).toEqual(run(7));
});

test('only active assets move, and stablecoins hold their peg', () => {
  const moved = new Set(simulate(new SimulatedMarket({ market: noMarket, volatility: 0.2, share: 1, seed: 1 }), catalog, 500).map((m) => m.symbol));
  // DUST is active but at the floor: 20 % of 0.00000001 is below the last decimal place, so it cannot move up either.
  expect([...moved].sort()).toEqual(['BIG', 'BTC', 'ETH', 'PEPE']);
});

test('with symbols, only those move', () => {
  const moved = new Set(
    simulate(new SimulatedMarket({ market: noMarket, volatility: 0.2, share: 1, symbols: ['eth', 'BIG', 'USDT'], seed: 5 }), catalog, 100).map(
      (m) => m.symbol,
    ),
  );
  // USDT is named but is a stablecoin: it holds its peg still.
  expect([...moved].sort()).toEqual(['BIG', 'ETH']);
});

test('a price whose allowed move is below 0.00000001 stands still rather than break the bound', () => {
  // 0.2 % of 0.00000487 (PEPE) is 0.0000000097.
  const moved = simulate(new SimulatedMarket({ market: noMarket, share: 1, seed: 2 }), catalog, 500).map((m) => m.symbol);
  expect(moved).not.toContain('PEPE');
  expect(moved).toContain('BTC');
});

test('by default the 10 largest assets move in every tick, and about a tenth of the others', () => {
  const many = Array.from({ length: 100 }, (_, i) => asset(`A${i}`, '10', { marketCap: new Dec(i * 1000) }));
  const moves = simulate(new SimulatedMarket({ market: noMarket, seed: 3 }), many, 100);
  const leaders = Array.from({ length: 10 }, (_, i) => `A${90 + i}`);
  for (const symbol of leaders) expect(moves.filter((move) => move.symbol === symbol)).toHaveLength(100);
  // The 90 others: 9000 chances at 10 %, 900 expected, standard deviation 28.
  const others = moves.filter((move) => !leaders.includes(move.symbol)).length;
  expect(others).toBeGreaterThan(800);
  expect(others).toBeLessThan(1000);
  // With no leaders, only the share moves.
  const shareOnly = simulate(new SimulatedMarket({ market: noMarket, seed: 3, leaders: 0 }), many, 100).length;
  expect(shareOnly).toBeGreaterThan(850);
  expect(shareOnly).toBeLessThan(1150);
});

test('refuses settings out of range', () => {
  expect(() => new SimulatedMarket({ market: noMarket, volatility: 0.3 })).toThrow(RangeError);
  expect(() => new SimulatedMarket({ market: noMarket, volatility: -0.1 })).toThrow(RangeError);
  expect(() => new SimulatedMarket({ market: noMarket, tickMs: 0 })).toThrow(RangeError);
  expect(() => new SimulatedMarket({ market: noMarket, share: 0 })).toThrow(RangeError);
});

describe('running', () => {
  /** A catalog that remembers the prices it is told, as the assets table would. */
  function bookOfPrices() {
    const prices = new Map(catalog.map((a) => [a.symbol, a]));
    const ticks: { symbol: string; price: string; basis: string | undefined }[] = [];
    const waiters: (() => void)[] = [];
    return {
      ticks,
      market: async () => [...prices.values()],
      onTick: async (moves: readonly SourcePrice[]) => {
        for (const { symbol, price, basis } of moves) {
          ticks.push({ symbol, price: price.toFixed(), basis: basis?.price.toFixed() });
          prices.set(symbol, { ...prices.get(symbol)!, price });
        }
        for (const wake of waiters.splice(0)) wake();
      },
      async until(count: number) {
        while (ticks.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      },
    };
  }

  test('ticks every tickMs from the stored prices until stopped, and can start again', async () => {
    const book = bookOfPrices();
    const market = new SimulatedMarket({ market: book.market, tickMs: 5, share: 1, seed: 11 });
    market.start(book.onTick);
    expect(() => market.start(book.onTick)).toThrow(/already running/);
    await book.until(20);
    await market.stop();
    const count = book.ticks.length;
    // Each move starts from the price the previous move of that symbol stored.
    const last = new Map<string, string>();
    for (const tick of book.ticks) {
      if (last.has(tick.symbol)) expect(tick.basis).toBe(last.get(tick.symbol));
      last.set(tick.symbol, tick.price);
    }
    market.start(book.onTick);
    await book.until(count + 5);
    await market.stop();
    await market.stop(); // stopping twice is harmless
    expect(book.ticks.length).toBeGreaterThanOrEqual(count + 5);
  });

  test('a failing tick is reported and the next one runs', async () => {
    const book = bookOfPrices();
    const errors: unknown[] = [];
    let calls = 0;
    const market = new SimulatedMarket({
      market: async () => {
        calls += 1;
        if (calls === 1) throw new Error('catalog unavailable');
        return book.market();
      },
      tickMs: 5,
      share: 1,
      seed: 5,
      onError: (error) => errors.push(error),
    });
    market.start(book.onTick);
    await book.until(1);
    await market.stop();
    expect(errors).toEqual([new Error('catalog unavailable')]);
  });
});
