import { Dec } from '@trading/platform';
import { BatchedPriceLookup, type PriceLookup, type Quote } from '../src/data/prices';

/** A price table that records every call made to it, and can be held until the test releases it. */
class RecordingPrices implements PriceLookup {
  calls: string[][] = [];
  failure: Error | null = null;
  constructor(private readonly table: Record<string, string>) {}
  async quotes(symbols: readonly string[]): Promise<Map<string, Quote>> {
    this.calls.push([...symbols]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (this.failure) throw this.failure;
    const found = symbols.filter((symbol) => symbol in this.table);
    return new Map(found.map((symbol) => [symbol, { symbol, price: new Dec(this.table[symbol]!), active: true }]));
  }
}

const prices = (quotes: Map<string, Quote>) => Object.fromEntries([...quotes].map(([symbol, quote]) => [symbol, quote.price.toFixed()]));

test('lookups of one turn go out as one call; each caller gets its own symbols, unknown ones absent', async () => {
  const source = new RecordingPrices({ BTC: '50000', ETH: '3000', SOL: '150' });
  const batched = new BatchedPriceLookup(source);
  const [a, b, c] = await Promise.all([batched.quotes(['BTC']), batched.quotes(['ETH', 'BTC']), batched.quotes(['NOPE', 'SOL'])]);
  expect(source.calls).toEqual([['BTC', 'ETH', 'NOPE', 'SOL']]);
  expect(prices(a)).toEqual({ BTC: '50000' });
  expect(prices(b)).toEqual({ ETH: '3000', BTC: '50000' });
  expect(prices(c)).toEqual({ SOL: '150' });
});

test('a lookup made once a call is on its way never joins it: its prices are read after it asked', async () => {
  const source = new RecordingPrices({ BTC: '50000' });
  const batched = new BatchedPriceLookup(source);
  const first = batched.quotes(['BTC']);
  // The first call goes out at the end of this turn; ask again while it is in flight.
  await new Promise((resolve) => setImmediate(resolve));
  expect(source.calls).toHaveLength(1);
  const second = batched.quotes(['BTC']);
  await Promise.all([first, second]);
  expect(source.calls).toEqual([['BTC'], ['BTC']]);
});

test('a failed call fails every lookup of its batch, and the next batch is tried afresh', async () => {
  const source = new RecordingPrices({ BTC: '50000' });
  const batched = new BatchedPriceLookup(source);
  source.failure = new Error('inventory down');
  const results = await Promise.allSettled([batched.quotes(['BTC']), batched.quotes(['BTC'])]);
  expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  source.failure = null;
  expect(prices(await batched.quotes(['BTC']))).toEqual({ BTC: '50000' });
  expect(source.calls).toHaveLength(2);
});

test('a batch holds at most 100 symbols; more go out in further calls of the same turn', async () => {
  const table = Object.fromEntries(Array.from({ length: 150 }, (_, n) => [`S${n}`, String(n + 1)]));
  const source = new RecordingPrices(table);
  const batched = new BatchedPriceLookup(source);
  const lookups = Array.from({ length: 15 }, (_, n) => batched.quotes(Array.from({ length: 10 }, (_, k) => `S${n * 10 + k}`)));
  const answers = await Promise.all(lookups);
  expect(source.calls.map((call) => call.length)).toEqual([100, 50]);
  answers.forEach((answer, n) => expect(Object.keys(prices(answer))).toEqual(Array.from({ length: 10 }, (_, k) => `S${n * 10 + k}`)));
});

test('no symbols, no call', async () => {
  const source = new RecordingPrices({});
  expect((await new BatchedPriceLookup(source).quotes([])).size).toBe(0);
  expect(source.calls).toEqual([]);
});
