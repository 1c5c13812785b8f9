import { randomUUID } from 'node:crypto';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  AuditLog,
  createCoordination,
  createDatabase,
  createLogger,
  Dec,
  RevokedSessions,
  signInternalToken,
  type Coordination,
  type Database,
} from '@trading/platform';
import { startInventorySubgraph } from '@trading/inventory';
import { adminToken, gql, setAssetPrice, startTestStack } from './support';

// The inventory subgraph's price ticks over graphql-ws, straight from the subgraph (as the router subscribes), and
// the simulated market that drives them.

interface Tick {
  priceChanged: { symbol: string; price: string; previousPrice: string; changedAt: string; asset: { name: string; price: string } };
}
const TICKS = 'subscription($s: [String!]) { priceChanged(symbols: $s) { symbol price previousPrice changedAt asset { name price } } }';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let admin: string;
const clients: Client[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  admin = await adminToken(stack, 'feed_admin');
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await stack?.close();
});

const internalToken = () => `Bearer ${signInternalToken(stack.internalSecret, { identity: null })}`;

/** A graphql-ws client of a subgraph, and how its socket closed. */
function connect(httpUrl: string, connectionParams: Record<string, unknown>) {
  let closed!: (event: { code: number; reason: string }) => void;
  const closedWith = new Promise<{ code: number; reason: string }>((resolve) => (closed = resolve));
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
    on: { closed: (event) => closed(event as { code: number; reason: string }) },
  });
  clients.push(client);
  return Object.assign(client, { closedWith });
}

/** The first (or only) result of an operation. */
async function first<R>(results: AsyncIterator<R>): Promise<R> {
  const { value, done } = await results.next();
  if (done) throw new Error('the operation ended without a result');
  return value;
}

/**
 * Reads an asset's price over the same socket as a subscription sent before: the server starts each operation in
 * the order it arrives, and starting a subscription involves no I/O, so once this is answered the subscription is
 * listening.
 */
async function priceOverSocket(client: Client, symbol: string): Promise<string> {
  const result = await first(
    client.iterate<{ asset: { price: string } }>({ query: 'query($s: String!) { asset(symbol: $s) { price } }', variables: { s: symbol } }),
  );
  return result.data!.asset.price;
}

/** Every asset's stored price, read through the router. */
async function storedPrices(): Promise<Map<string, string>> {
  type Page = { assets: { edges: { node: { symbol: string; price: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
  const prices = new Map<string, string>();
  let after: string | null = null;
  do {
    const page: Page = (
      await gql<Page>(
        stack.routerUrl,
        'query($after: String) { assets(first: 100, after: $after) { edges { node { symbol price } } pageInfo { hasNextPage endCursor } } }',
        { after },
      )
    ).data!;
    for (const { node } of page.assets.edges) prices.set(node.symbol, node.price);
    after = page.assets.pageInfo.hasNextPage ? page.assets.pageInfo.endCursor : null;
  } while (after);
  return prices;
}

const setPrice = (symbol: string, price: string) => setAssetPrice(stack.routerUrl, admin, symbol, price);

test('a subscriber gets the ticks of its symbols only, each with the asset as stored when it is delivered', async () => {
  const client = connect(stack.subgraphUrls.inventory, { authorization: internalToken() });
  const ticks = client.iterate<Tick>({ query: TICKS, variables: { s: ['BTC', 'eth'] } });
  const before = await priceOverSocket(client, 'BTC');
  const startedAt = Date.now();

  // SOL changes first: had it not been filtered out, it would be the first tick.
  await setPrice('SOL', '150.5');
  await setPrice('BTC', '70000.5');
  const tick = (await first(ticks)).data!.priceChanged;
  expect(tick).toEqual({
    symbol: 'BTC',
    price: '70000.5',
    previousPrice: before,
    changedAt: expect.any(String),
    asset: { name: 'Bitcoin', price: '70000.5' },
  });
  expect(Date.parse(tick.changedAt)).toBeGreaterThanOrEqual(startedAt - 1000);

  // A loader kept for the whole subscription would still answer 70000.5 here.
  await setPrice('BTC', '71000');
  expect((await first(ticks)).data!.priceChanged).toMatchObject({
    symbol: 'BTC',
    price: '71000',
    previousPrice: '70000.5',
    asset: { price: '71000' },
  });
  await setPrice('ETH', '3000.25');
  expect((await first(ticks)).data!.priceChanged).toMatchObject({ symbol: 'ETH', price: '3000.25', asset: { name: 'Ethereum', price: '3000.25' } });
  await ticks.return?.();
});

test.each([
  ['no connection parameters', {}],
  ['a client token instead of the internal one', () => ({ authorization: `Bearer ${admin}` })],
  [
    'an internal token signed with another key',
    () => ({ authorization: `Bearer ${signInternalToken('another secret of at least 32 characters', { identity: null })}` }),
  ],
])('a connection with %s is closed with 4403', async (_what, params) => {
  const client = connect(stack.subgraphUrls.inventory, typeof params === 'function' ? params() : params);
  expect((await client.closedWith).code).toBe(4403);
});

test.each([
  ['no symbols', []],
  ['101 symbols', Array.from({ length: 101 }, (_, i) => `S${i}`)],
  ['a malformed symbol', ['BTC', 'BTC-USD']],
])('a subscription with %s is refused with BAD_USER_INPUT', async (_what, symbols) => {
  const client = connect(stack.subgraphUrls.inventory, { authorization: internalToken() });
  const result = await first(client.iterate<Tick>({ query: TICKS, variables: { s: symbols } }));
  expect(result.data ?? null).toBeNull();
  expect(result.errors?.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([['BAD_USER_INPUT', 'symbols']]);
});

describe('the simulated market', () => {
  let db: Database;
  let coordination: Coordination;

  beforeAll(async () => {
    db = createDatabase({ endpoint: stack.dynamoEndpoint, region: 'us-east-1', tablePrefix: 'trading-' });
    coordination = await createCoordination({ keyPrefix: `test:${randomUUID()}:` });
  });
  afterAll(async () => {
    await coordination?.close();
    db?.close();
  });

  test('stores each tick and then publishes it; after it stops, every stored price is its last tick', async () => {
    // A second inventory instance on the stack's database, with the feed on and a bus of its own to watch.
    const published: { symbol: string; price: string; previousPrice: string }[] = [];
    const unsubscribe = await coordination.events.subscribe('price.changed', (event) => {
      published.push(event as (typeof published)[number]);
    });
    const feeding = await startInventorySubgraph({
      db,
      coordination,
      jwt: stack.jwt,
      internalSecret: stack.internalSecret,
      revoked: new RevokedSessions(coordination.store, stack.jwt.ttlSeconds),
      audit: new AuditLog(db, { log: createLogger('test', 'silent') }),
      log: createLogger('test', 'silent'),
      port: 0,
      host: '127.0.0.1',
      priceFeed: { tickMs: 50, volatility: 0.01, seed: 42 },
    });
    try {
      const client = connect(feeding.url, { authorization: internalToken() });
      // Every asset: the subscription without symbols.
      const ticks = client.iterate<Tick>({ query: 'subscription { priceChanged { symbol price previousPrice changedAt } }' });
      const received: Tick['priceChanged'][] = [];
      while (received.length < 20) received.push((await first(ticks)).data!.priceChanged);
      await ticks.return?.();
      for (const tick of received) {
        const [price, previous] = [new Dec(tick.price), new Dec(tick.previousPrice)];
        expect(price.decimalPlaces()).toBeLessThanOrEqual(8);
        expect(price.gt(0)).toBe(true);
        expect(price.minus(previous).abs().lte(previous.times('0.01'))).toBe(true);
      }
      expect(new Set(received.map((tick) => tick.symbol)).size).toBeGreaterThan(1);
    } finally {
      await feeding.close();
      await unsubscribe();
    }

    // Each symbol's ticks form a chain, and its stored price is its last one.
    const last = new Map<string, string>();
    for (const event of published) {
      if (last.has(event.symbol)) expect(event.previousPrice).toBe(last.get(event.symbol));
      last.set(event.symbol, event.price);
    }
    expect(last.size).toBeGreaterThan(1);
    const stored = await storedPrices();
    for (const [symbol, price] of last) expect(stored.get(symbol)).toBe(price);
    // Stablecoins hold their peg.
    expect(stored.get('USDT')).toBe('1');
  });
});
