import { randomUUID } from 'node:crypto';
import { type Coordination, createCoordination, createDatabase, createLogger, type Database, Dec } from '@trading/platform';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '@trading/platform/dynamodb/embedded';
import { AssetStore } from '../src/data/assets';
import { seedAssets } from '../src/data/seed';
import { PRICE_CHANGED, type PriceChangedEvent, recordPrice } from '../src/domain/prices';
import { startPriceFeed } from '../src/feed/price-feed';
import { SimulatedMarket } from '../src/feed/simulated-market';

const REDIS_URL = 'redis://127.0.0.1:6379';

/** Events that arrive asynchronously, with a way to await the n-th. */
class Inbox<T> {
  readonly items: T[] = [];
  private waiters: (() => void)[] = [];
  readonly push = (item: unknown): void => {
    this.items.push(item as T);
    for (const wake of this.waiters.splice(0)) wake();
  };
  async until(count: number): Promise<T[]> {
    while (this.items.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.items;
  }
}

let embedded: EmbeddedDynamo;
let db: Database;
let assets: AssetStore;

beforeAll(async () => {
  embedded = await startEmbeddedDynamo();
  db = createDatabase({ endpoint: embedded.endpoint, region: 'us-east-1', tablePrefix: 'feed-test-' });
  await db.ensureTables(['assets']);
  assets = new AssetStore(db);
  await seedAssets(assets);
});

afterAll(async () => {
  db.close();
  await embedded.close();
});

describe('recordPrice', () => {
  let coordination: Coordination;
  let published: Inbox<PriceChangedEvent>;
  let unsubscribe: () => Promise<void>;

  beforeEach(async () => {
    coordination = await createCoordination({ keyPrefix: `test:${randomUUID()}:` });
    published = new Inbox();
    unsubscribe = await coordination.events.subscribe(PRICE_CHANGED, published.push);
  });
  afterEach(async () => {
    await unsubscribe();
    await coordination.close();
  });

  test('stores the price with its 24-hour change and then publishes it', async () => {
    const before = (await assets.get('ETH'))!;
    const now = new Date('2026-11-25T12:00:00.000Z');
    const event = await recordPrice(assets, coordination.events, 'ETH', new Dec('4000.123456789'), undefined, now);
    // Quantized to 8 places; previousPrice is the price it replaced.
    expect(event).toEqual({ symbol: 'ETH', price: '4000.12345679', previousPrice: before.price.toFixed(), changedAt: now.toISOString() });
    expect(await published.until(1)).toEqual([event]);
    const after = (await assets.get('ETH'))!;
    expect(after.price.toFixed()).toBe('4000.12345679');
    expect(after.updatedAt).toBe(now.toISOString());
    // The reference is derived from the seeded change, so the change is measured from it.
    const open = before.price.div(before.change24h.div(100).plus(1)).toDecimalPlaces(8);
    expect(after.open24h!.toFixed()).toBe(open.toFixed());
    expect(after.change24h.toFixed()).toBe(new Dec('4000.12345679').minus(open).div(open).times(100).toDecimalPlaces(2).toFixed());

    // Within the day the reference stays; a day later the price before the change becomes the new one.
    const later = new Date(now.getTime() + 60_000);
    await recordPrice(assets, coordination.events, 'ETH', new Dec('4400.13580247'), undefined, later);
    expect((await assets.get('ETH'))!.open24h!.toFixed()).toBe(open.toFixed());
    const nextDay = new Date(now.getTime() + 24 * 3600_000);
    await recordPrice(assets, coordination.events, 'ETH', new Dec('4840'), undefined, nextDay);
    const rolled = (await assets.get('ETH'))!;
    expect(rolled.open24h!.toFixed()).toBe('4400.13580247');
    expect(rolled.change24h.toFixed()).toBe('10'); // 4840 / 4400.13580247 - 1 = 9.99997 %
  });

  test('drops a price computed from an asset that changed meanwhile, keeping the newer price and publishing nothing', async () => {
    const seen = (await assets.get('SOL'))!;
    await assets.update('SOL', { price: new Dec('123.45') }); // an admin's change after the simulator read SOL
    expect(await recordPrice(assets, coordination.events, 'SOL', seen.price.plus(1), seen)).toBeNull();
    expect((await assets.get('SOL'))!.price.toFixed()).toBe('123.45');
    // Nothing unchanged or unknown is published either; the next event on the topic is this one.
    expect(await recordPrice(assets, coordination.events, 'SOL', new Dec('123.45'))).toBeNull();
    expect(await recordPrice(assets, coordination.events, 'NOSUCH', new Dec('1'))).toBeNull();
    await coordination.events.publish(PRICE_CHANGED, { marker: true });
    expect(await published.until(1)).toEqual([{ marker: true }]);
  });

  test('refuses a price out of range', async () => {
    await expect(recordPrice(assets, coordination.events, 'BTC', new Dec('0.000000001'))).rejects.toThrow(RangeError);
    await expect(recordPrice(assets, coordination.events, 'BTC', new Dec('2000000000000'))).rejects.toThrow(RangeError);
  });
});

describe.each([
  ['in-process', undefined],
  ['Redis', REDIS_URL],
] as const)('the price feed with %s coordination', (_kind, redisUrl) => {
  test('exactly one instance drives the market; another takes over when it stops; stored prices match the last ticks', async () => {
    const keyPrefix = `test:${randomUUID()}:`;
    // Two instances: with Redis they stand for two processes.
    const coordinations = [await createCoordination({ keyPrefix, redisUrl }), await createCoordination({ keyPrefix, redisUrl })];
    const published = new Inbox<PriceChangedEvent>();
    const unsubscribe = await coordinations[0]!.events.subscribe(PRICE_CHANGED, published.push);
    const ticksBy = [0, 0];
    const feeds = coordinations.map((coordination, instance) =>
      startPriceFeed({
        source: new SimulatedMarket({ market: () => assets.all({ consistent: true }), tickMs: 10, volatility: 0.01, seed: instance + 1 }),
        onTick: async (prices) => {
          ticksBy[instance]! += prices.length;
          await Promise.all(prices.map(({ symbol, price, basis }) => recordPrice(assets, coordination.events, symbol, price, basis)));
        },
        locks: coordination.locks,
        log: createLogger('test', 'silent'),
        standbyMs: 10,
      }),
    );
    try {
      await published.until(30);
      const leader = ticksBy[0]! > 0 ? 0 : 1;
      const standby = 1 - leader;
      expect(ticksBy[standby]).toBe(0);
      expect(feeds[leader]!.leading).toBe(true);
      expect(feeds[standby]!.leading).toBe(false);

      await feeds[leader]!.stop();
      const handedOver = published.items.length;
      await published.until(handedOver + 20);
      expect(ticksBy[standby]).toBeGreaterThan(0);
      expect(feeds[standby]!.leading).toBe(true);
      await feeds[standby]!.stop();

      // Every event is a stored change, in a chain: each symbol's previousPrice is its previous event's price.
      const last = new Map<string, PriceChangedEvent>();
      for (const event of published.items) {
        const before = last.get(event.symbol);
        if (before) expect(event.previousPrice).toBe(before.price);
        last.set(event.symbol, event);
      }
      const stored = await assets.getMany([...last.keys()]);
      for (const [symbol, event] of last) expect(stored.get(symbol)!.price.toFixed()).toBe(event.price);
    } finally {
      await Promise.all(feeds.map((feed) => feed.stop()));
      await unsubscribe();
      await Promise.all(coordinations.map((coordination) => coordination.close()));
    }
  });
});
