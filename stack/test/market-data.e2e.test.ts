import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Dec } from '@trading/platform';
import { startEmbeddedDynamo } from '@trading/platform/dynamodb/embedded';
import { adminToken, gql, setAssetPrice, startTestStack } from './support';

// Price history through the router as a client sees it: the simulated backfill of a fresh database, candles that
// hold every tick, 24-hour stats that agree with change24h, live candles and batched ticks over graphql-ws, a
// restart that carries on with the candle under way, and bad ranges refused.

interface Candle {
  start: string;
  open: string;
  high: string;
  low: string;
  close: string;
}
interface Tick {
  symbol: string;
  price: string;
  previousPrice: string;
  changedAt: string;
  asset: { name: string; price: string };
}

const CANDLE = 'start open high low close';
const SPANS: Record<string, number> = { ONE_MINUTE: 60, FIVE_MINUTES: 300, ONE_HOUR: 3600, ONE_DAY: 86_400 };
const MOVING = ['BTC', 'ETH', 'SOL'];
const FEED = { tickMs: 150, volatility: 0.002, share: 1, leaders: 3, symbols: MOVING, seed: 3 };

let dynamo: Awaited<ReturnType<typeof startEmbeddedDynamo>>;
let stack: Awaited<ReturnType<typeof startTestStack>>;
const clients: Client[] = [];

beforeAll(async () => {
  dynamo = await startEmbeddedDynamo({});
  stack = await startTestStack({ dynamoEndpoint: dynamo.endpoint, priceHistory: { seed: 42 }, priceFeed: FEED });
  // The simulated price history is backfilled at start (a few seconds of CPU, more on a busy machine).
}, 90_000);
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await stack?.close();
  await dynamo?.close();
});

const dec = (value: string) => new Dec(value);

async function candles(symbol: string, args: string): Promise<Candle[]> {
  const result = await gql<{ asset: { candles: Candle[] } }>(stack.routerUrl, `{ asset(symbol: "${symbol}") { candles(${args}) { ${CANDLE} } } }`);
  expect(result.errors).toBeUndefined();
  return result.data!.asset.candles;
}

function wellFormed(candle: Candle): boolean {
  const [open, high, low, close] = [candle.open, candle.high, candle.low, candle.close].map(dec) as [Dec, Dec, Dec, Dec];
  return low.lte(open) && low.lte(close) && high.gte(open) && high.gte(close) && low.gt(0);
}

function socket(url: string): Client {
  const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  clients.push(client);
  return client;
}

/** The first `count` events of a subscription (fails after `ms`). */
function take<T>(client: Client, query: string, variables: Record<string, unknown>, count: number, ms = 15_000): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const events: T[] = [];
    const timer = setTimeout(() => (stop(), reject(new Error(`${events.length} of ${count} events in ${ms} ms`))), ms);
    const stop = client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) return reject(new Error(JSON.stringify(result.errors)));
          events.push(result.data as T);
          if (events.length === count) {
            clearTimeout(timer);
            stop();
            resolve(events);
          }
        },
        error: (error) => (clearTimeout(timer), reject(error instanceof Error ? error : new Error(JSON.stringify(error)))),
        complete: () => undefined,
      },
    );
  });
}

describe('a fresh database', () => {
  test.each([
    ['ONE_MINUTE', 48 * 60],
    ['FIVE_MINUTES', 7 * 288],
    ['ONE_HOUR', 30 * 24],
    ['ONE_DAY', 365],
  ])('has %s candles for every asset, gapless, continuous and well-formed, back as far as promised', async (interval, promised) => {
    const span = SPANS[interval]!;
    const now = Date.now() / 1000;
    // The whole promised span, page by page (1,000 at most per call), for a mover and an asset that stands still.
    for (const symbol of ['BTC', 'USDT']) {
      const all: Candle[] = [];
      for (let from = now - promised * span + span; from < now; from += 1000 * span) {
        const to = Math.min(from + 999 * span, now);
        all.push(
          ...(await candles(
            symbol,
            `interval: ${interval}, from: "${new Date(from * 1000).toISOString()}", to: "${new Date(to * 1000).toISOString()}"`,
          )),
        );
      }
      expect(all.length).toBeGreaterThanOrEqual(promised - 1);
      const starts = all.map((candle) => Date.parse(candle.start) / 1000);
      expect(starts.every((start) => start % span === 0)).toBe(true);
      expect(starts.every((start, k) => k === 0 || start > starts[k - 1]!)).toBe(true);
      expect(all.every(wellFormed)).toBe(true);
      // The backfill leaves no interval out, and each candle opens where the one before closed.
      const breaks = all.filter((candle, k) => k > 0 && (starts[k]! - starts[k - 1]! !== span || candle.open !== all[k - 1]!.close));
      expect(breaks.slice(0, 3)).toEqual([]);
      if (symbol === 'USDT') expect(new Set(all.map((candle) => candle.close)).size).toBe(1);
    }
  });
});

describe('live', () => {
  test('marketTicks: one event per tick with every requested symbol that moved, each tick inside its candles', async () => {
    const client = socket(stack.routerUrl);
    const query = 'subscription($s: [String!]) { marketTicks(symbols: $s) { at ticks { symbol price previousPrice changedAt asset { name } } } }';
    const events = await take<{ marketTicks: { at: string; ticks: Tick[] } }>(client, query, { s: ['btc', 'ETH', 'DOGE'] }, 6);
    for (const { marketTicks } of events) {
      // The feed moves BTC, ETH and SOL in every tick: DOGE never, SOL is not asked for.
      expect(marketTicks.ticks.map((tick) => tick.symbol)).toEqual(['BTC', 'ETH']);
      expect(marketTicks.ticks.every((tick) => tick.asset.name.length > 0 && !dec(tick.price).eq(dec(tick.previousPrice)))).toBe(true);
    }
    expect(new Set(events.map((event) => event.marketTicks.at)).size).toBe(events.length);
    // Every price of those ticks lies within its minute's candle, and each candle closes at its last tick.
    const ticks = events.flatMap((event) => event.marketTicks.ticks);
    for (const symbol of ['BTC', 'ETH']) {
      const minutes = await candles(symbol, 'interval: ONE_MINUTE, last: 10');
      const byStart = new Map(minutes.map((candle) => [Date.parse(candle.start), candle]));
      const mine = ticks.filter((tick) => tick.symbol === symbol);
      for (const tick of mine) {
        const candle = byStart.get(Math.floor(Date.parse(tick.changedAt) / 60_000) * 60_000)!;
        expect(candle).toBeDefined();
        expect(dec(candle.low).lte(dec(tick.price)) && dec(tick.price).lte(dec(candle.high))).toBe(true);
      }
    }
  });

  test('candleUpdated: the candle under way after each change, minute-aligned, closing at the latest price', async () => {
    const client = socket(stack.routerUrl);
    const updates = await take<{ candleUpdated: Candle }>(
      client,
      `subscription { candleUpdated(symbol: "eth", interval: ONE_MINUTE) { ${CANDLE} } }`,
      {},
      3,
    );
    for (const { candleUpdated } of updates) {
      expect(Date.parse(candleUpdated.start) % 60_000).toBe(0);
      expect(wellFormed(candleUpdated)).toBe(true);
    }
    const [stored] = await candles('ETH', 'interval: ONE_MINUTE, last: 1');
    const latest = updates.at(-1)!.candleUpdated;
    // The stored candle is the last update or a later one of the same minute (ticks go on).
    if (stored!.start === latest.start) {
      expect(dec(stored!.high).gte(dec(latest.high)) && dec(stored!.low).lte(dec(latest.low))).toBe(true);
      expect(stored!.open).toBe(latest.open);
    } else expect(Date.parse(stored!.start)).toBeGreaterThan(Date.parse(latest.start));
  });

  test("an admin's price change is a tick of its own and moves the candles of every interval", async () => {
    const admin = await adminToken(stack, 'candle_admin');
    const client = socket(stack.routerUrl);
    const next = take<{ marketTicks: { ticks: Tick[] } }>(client, 'subscription { marketTicks(symbols: ["ADA"]) { ticks { symbol price } } }', {}, 1);
    // Subscriptions are set up asynchronously: move the price until the event arrives.
    let price = '';
    const mover = setInterval(() => {
      price = `0.${Math.floor(Math.random() * 9e7 + 1e7)}`;
      void setAssetPrice(stack.routerUrl, admin, 'ADA', price);
    }, 300);
    const [event] = await next.finally(() => clearInterval(mover));
    expect(event!.marketTicks.ticks).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const current = await gql<{ asset: { price: string; m: Candle[]; d: Candle[] } }>(
      stack.routerUrl,
      `{ asset(symbol: "ADA") { price m: candles(interval: ONE_MINUTE, last: 1) { ${CANDLE} } d: candles(interval: ONE_DAY, last: 1) { ${CANDLE} } } }`,
    );
    const asset = current.data!.asset;
    for (const candle of [asset.m[0]!, asset.d[0]!]) {
      expect(candle.close).toBe(asset.price);
      expect(dec(candle.low).lte(dec(asset.price)) && dec(asset.price).lte(dec(candle.high))).toBe(true);
    }
  });

  test('stats24h comes from the hourly candles and agrees with change24h', async () => {
    const now = Date.now();
    const result = await gql<{ asset: { price: string; change24h: string; stats24h: Record<string, string>; candles: Candle[] } }>(
      stack.routerUrl,
      `query($from: DateTime) { asset(symbol: "USDC") { price change24h stats24h { open high low close change changePercent } candles(interval: ONE_HOUR, from: $from) { ${CANDLE} } } }`,
      { from: new Date(now - 86_400_000).toISOString() },
    );
    const { price, change24h, stats24h, candles: hours } = result.data!.asset;
    expect(stats24h.close).toBe(price);
    expect(stats24h.open).toBe(hours[0]!.open);
    expect(stats24h.changePercent).toBe(change24h);
    // A mover: the open is the first hour's of the window, the extremes hold every hour's.
    const btc = await gql<{ asset: { price: string; change24h: string; stats24h: Record<string, string> } }>(
      stack.routerUrl,
      '{ asset(symbol: "BTC") { price change24h stats24h { open high low close change changePercent } } }',
    );
    const s = btc.data!.asset.stats24h;
    expect(dec(s.low!).lte(dec(s.close!)) && dec(s.close!).lte(dec(s.high!))).toBe(true);
    expect(dec(s.change!).eq(dec(s.close!).minus(dec(s.open!)))).toBe(true);
    expect(s.changePercent).toBe(btc.data!.asset.change24h);
  });
});

describe('bad input', () => {
  test.each([
    ['last: 0', 'last'],
    ['last: 1001', 'last'],
    ['from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z"', 'from'],
    [`from: "${new Date(Date.now() - 3 * 86_400_000).toISOString()}"`, 'from'],
    [`from: "${new Date(Date.now() - 86_400_000).toISOString()}"`, 'from'],
  ])('candles(interval: ONE_MINUTE, %s) is BAD_USER_INPUT on %s', async (args, field) => {
    const result = await gql(stack.routerUrl, `{ asset(symbol: "BTC") { candles(interval: ONE_MINUTE, ${args}) { start } } }`);
    expect(result.errors?.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([['BAD_USER_INPUT', field]]);
  });

  test.each([
    ['subscription { candleUpdated(symbol: "NOPE", interval: ONE_HOUR) { close } }', 'symbol'],
    ['subscription { marketTicks(symbols: ["BTC", "NOPE"]) { at } }', 'symbols'],
    ['subscription { marketTicks(symbols: []) { at } }', 'symbols'],
  ])('%s is refused with BAD_USER_INPUT on %s', async (query, field) => {
    const client = socket(stack.routerUrl);
    const error = await new Promise<unknown>((resolve) => {
      client.subscribe({ query }, { next: (result) => resolve(result.errors), error: resolve, complete: () => resolve('completed') });
    });
    expect(JSON.stringify(error)).toContain('BAD_USER_INPUT');
    expect(JSON.stringify(error)).toContain(`"field":"${field}"`);
  });
});

describe('a restart', () => {
  test('carries on with the candle under way instead of starting a new one', async () => {
    const before = (await candles('SOL', 'interval: ONE_HOUR, last: 1'))[0]!;
    await stack.close();
    stack = await startTestStack({ dynamoEndpoint: dynamo.endpoint, priceHistory: { seed: 42 }, priceFeed: FEED });
    // Let the new feed move SOL a few times.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = (await candles('SOL', 'interval: ONE_HOUR, last: 2')).filter((candle) => candle.start === before.start)[0];
    // (Unless the hour turned meanwhile, the same candle: same open, extremes at least as wide, a newer close.)
    if (after) {
      expect(after.open).toBe(before.open);
      expect(dec(after.high).gte(dec(before.high)) && dec(after.low).lte(dec(before.low))).toBe(true);
      expect(after.close).not.toBe(before.close);
    } else expect(Date.now() % 3_600_000).toBeLessThan(5000);
  });
});
