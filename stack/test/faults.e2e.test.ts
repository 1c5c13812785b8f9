import { randomBytes, randomUUID } from 'node:crypto';
import { ENTRY, startServiceProcess, type ServiceProcess } from '../src/processes';
import { startTestRedis, type TestRedis } from './faults-redis';
import {
  books,
  buy,
  deposit,
  eventually,
  ORDER_UPDATED,
  type OrderUpdated,
  PLACE_ORDER,
  type Placed,
  placeBuy,
  portOf,
  within,
} from './faults-support';
import { codes, d, gql, reconcileBooks, registerUser } from './support';
import { primed, subscribe, wsClient } from './ws-support';

// Faults the platform must survive, with every service a Node process of its own (two routers, two orders
// instances, users, inventory, the embedded DynamoDB) and a Redis server this file starts itself so it can stop it:
// a fill crossing instances, an orders process killed mid-burst, Redis going away and coming back, a subgraph down.

/** A service this file started, with what it takes to start it again on the same port. */
interface Service {
  entry: string;
  env: Record<string, string>;
  process: ServiceProcess;
}

const services = new Map<string, Service>();
/** Every process ever started (restarts included), for afterAll. */
const started: ServiceProcess[] = [];
let redis: TestRedis | undefined;
let dynamo = '';
let routerA = '';
let routerB = '';

const base = {
  JWT_SECRET: randomBytes(32).toString('base64url'),
  INTERNAL_SECRET: randomBytes(32).toString('base64url'),
  REDIS_KEY_PREFIX: `test:${randomUUID()}:`,
  BCRYPT_COST: '4',
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
  PORT: '0',
  // Every trader of this file registers from 127.0.0.1.
  REGISTRATIONS_PER_ADDRESS: '1000',
  // Prices stand still: market orders fill at known prices, and two cores are spent on the faults.
  PRICE_FEED: 'off',
};

async function startService(name: string, entry: string, env: Record<string, string>): Promise<string> {
  const running = await startServiceProcess(entry, env);
  started.push(running);
  services.set(name, { entry, env, process: running });
  return running.url;
}

/** Starts a stopped service again on the port it had (its clients know it by that URL); resolves with its URL. */
async function restartService(name: string): Promise<string> {
  const service = services.get(name)!;
  const running = await startServiceProcess(service.entry, { ...service.env, PORT: portOf(service.process.url) });
  started.push(running);
  service.process = running;
  return running.url;
}

beforeAll(async () => {
  redis = await startTestRedis();
  const env = { ...base, REDIS_URL: redis.url };
  dynamo = await startService('db', ENTRY.db, { ...env, DATA_DIR: 'memory', DYNAMODB_PORT: '0' });
  const withDb = { ...env, DYNAMODB_ENDPOINT: dynamo };
  const [users, inventory] = await Promise.all([startService('users', ENTRY.users, withDb), startService('inventory', ENTRY.inventory, withDb)]);
  const [ordersA, ordersB] = await Promise.all([
    startService('ordersA', ENTRY.orders, { ...withDb, INVENTORY_URL: inventory }),
    startService('ordersB', ENTRY.orders, { ...withDb, INVENTORY_URL: inventory }),
  ]);
  const routerFor = (name: string, orders: string) =>
    startService(name, ENTRY.router, { ...withDb, SUBGRAPH_URL_USERS: users, SUBGRAPH_URL_INVENTORY: inventory, SUBGRAPH_URL_ORDERS: orders });
  [routerA, routerB] = await Promise.all([routerFor('routerA', ordersA), routerFor('routerB', ordersB)]);
}, 90_000);

afterAll(async () => {
  // The database last (the services may still be finishing a write), then Redis.
  const db = services.get('db')?.process;
  await Promise.all(started.filter((running) => running !== db).map((running) => running.stop(3000)));
  await db?.stop(3000);
  await redis?.stop();
}, 30_000);

test('a fill made on one orders instance reaches a subscriber connected to the other router', async () => {
  const alice = await registerUser(routerA, 'fanout');
  await deposit(routerB, alice.token, '1000');
  const client = wsClient(routerA, { authorization: `Bearer ${alice.token}` });
  try {
    const updates = subscribe<OrderUpdated>(client, ORDER_UPDATED);
    const placed: string[] = [];
    // Placed through router B, so filled by orders B; the subscriber's path is router A and orders A.
    const event = await primed(updates, async () => placed.push(await buy(routerB, alice.token, 'ETH', '0.003')));
    expect(placed).toContain(event.data?.orderUpdated.id);
    expect(event.data?.orderUpdated).toMatchObject({ status: 'FILLED', asset: { name: 'Ethereum' }, user: { username: alice.username } });
  } finally {
    await client.dispose();
  }
}, 30_000);

test('Redis stopped: an order is refused with SERVICE_UNAVAILABLE and changes nothing; once back, orders and subscriptions resume', async () => {
  const bob = await registerUser(routerA, 'outage');
  await deposit(routerA, bob.token, '1000');
  const client = wsClient(routerA, { authorization: `Bearer ${bob.token}` });
  try {
    const updates = subscribe<OrderUpdated>(client, ORDER_UPDATED);
    let subscriptionEnded = false;
    void updates.ended.then(() => (subscriptionEnded = true));
    // Live before the outage: router A, orders A's Redis subscription, a fill made by orders B.
    await primed(updates, () => buy(routerB, bob.token, 'SOL', '0.07'));
    const before = await books(routerB, bob.token);

    await redis!.stop();
    for (const router of [routerA, routerB]) {
      const startedAt = Date.now();
      const refused = await within('an order while Redis is down', placeBuy(router, bob.token, 'SOL', '0.07'), 10_000);
      expect({ data: refused.data?.placeOrder ?? null, errors: refused.errors }).toEqual({
        data: null,
        errors: [expect.objectContaining({ message: expect.stringMatching(/temporarily unavailable/), extensions: { code: 'SERVICE_UNAVAILABLE' } })],
      });
      // At once: not after ioredis's reconnection attempts or the lock's wait, both about 10 s.
      expect(Date.now() - startedAt).toBeLessThan(3000);
      // Over HTTP: 503 with Retry-After.
      expect(refused.status).toBe(503);
    }
    // A new socket is told to try again later (1013), not that its token is bad (4403).
    const late = wsClient(routerA, { authorization: `Bearer ${bob.token}` });
    expect((await late.closed).code).toBe(1013);
    await late.dispose();

    await redis!.start();
    // Each process reconnects on its own schedule (a backoff of at most 2 s): poll until each answers again.
    // Nothing of the refused orders was applied: the books read the same through both routers.
    for (const router of [routerA, routerB]) {
      expect(await eventually('reading the books once Redis is back', () => books(router, bob.token))).toEqual(before);
    }
    expect(await reconcileBooks(dynamo)).toEqual([]);

    // Orders succeed again through both routers, and the subscription made before the outage delivers a fill made
    // after it without being made again: each service's Redis subscriber subscribed its channels again by itself.
    const placedAfter: string[] = [];
    for (const router of [routerA, routerB]) {
      placedAfter.push(await eventually('an order once Redis is back', () => buy(router, bob.token, 'SOL', '0.07')));
    }
    const event = await primed(updates, async () => placedAfter.push(await buy(routerB, bob.token, 'SOL', '0.07')));
    expect(subscriptionEnded).toBe(false);
    expect(placedAfter).toContain(event.data?.orderUpdated.id);
    expect(event.data?.orderUpdated).toMatchObject({ status: 'FILLED', asset: { name: 'Solana' }, user: { username: bob.username } });
  } finally {
    await client.dispose();
    // The next tests need Redis, whatever happened here.
    if (!redis!.running()) await redis!.start();
  }
}, 60_000);

test('an orders process killed mid-burst: lost requests get errors, nothing is half applied, the same router serves it again once restarted', async () => {
  const traders = await Promise.all([1, 2, 3, 4].map(() => registerUser(routerA, 'burst')));
  await Promise.all(traders.map((trader) => deposit(routerA, trader.token, '1000')));
  const ordersA = services.get('ordersA')!;
  const router = services.get('routerA')!.process;
  const exited = new Promise<void>((resolve) => ordersA.process.child.once('exit', () => resolve()));
  // Each trader's orders run one at a time (the account lock): after a few fills most of the burst is in flight.
  const KILL_AFTER = 8;
  let filled = 0;
  const assets = [
    ['BTC', '0.0001'],
    ['ETH', '0.003'],
    ['SOL', '0.07'],
  ] as const;
  const intents = Array.from({ length: 40 }, (_, i) => {
    const [symbol, quantity] = assets[i % assets.length]!;
    // A client order id on each, as a careful client sends: the lost ones can be retried safely.
    return {
      trader: traders[i % traders.length]!,
      input: { symbol, side: 'BUY', type: 'MARKET', quantity, clientOrderId: `burst-${i}-${randomUUID().slice(0, 8)}` },
    };
  });
  const burst = await within(
    'the burst',
    Promise.all(
      intents.map(async (intent) => {
        const response: Placed = await gql(routerA, PLACE_ORDER, { input: intent.input }, intent.trader.token);
        if (response.data?.placeOrder?.status === 'FILLED' && (filled += 1) === KILL_AFTER) ordersA.process.child.kill('SIGKILL');
        return { ...intent, response };
      }),
    ),
    // Not hanging is the point: every request is answered well within a client's patience.
    20_000,
  );
  await within('orders A to exit after SIGKILL (was it killed mid-burst?)', exited, 5000);

  // Each answer is a filled order or errors that each carry a code; never both, never neither.
  for (const { response } of burst) {
    if (response.data?.placeOrder) {
      expect({ status: response.data.placeOrder.status, errors: response.errors }).toEqual({ status: 'FILLED', errors: undefined });
    } else {
      expect(response.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: expect.any(String) }) })]);
    }
  }
  const seen = burst.filter(({ response }) => response.data?.placeOrder);
  const lost = burst.filter(({ response }) => !response.data?.placeOrder);
  expect(seen.length).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(lost.length).toBeGreaterThan(0);

  // While orders A is down, router A answers an order at once with an error, and what does not need orders works.
  const trader = traders[0]!;
  const refused = await within('an order while orders A is down', placeBuy(routerA, trader.token, 'ETH', '0.003'), 5000);
  expect(codes(refused)).toEqual([expect.any(String)]);
  expect(await gql(routerA, '{ me { username } }', {}, trader.token)).toEqual({ status: 200, data: { me: { username: trader.username } } });

  // Nothing is half applied. Through router B (orders B): every fill the client saw exists, and every balance is the
  // deposit minus the fills, including any the client never heard of (committed just before the process died).
  expect(await reconcileBooks(dynamo)).toEqual([]);
  const filledOrders = async (owner: (typeof traders)[number]) => {
    const stored = await books(routerB, owner.token);
    expect(stored.orders.edges.map(({ node }) => node.status)).toEqual(stored.orders.edges.map(() => 'FILLED'));
    const spent = stored.orders.edges.reduce((sum, { node }) => sum.plus(node.total), d(0));
    expect(d(stored.balance).toFixed(2)).toBe(d(1000).minus(spent).toFixed(2));
    return stored.orders.edges.map(({ node }) => node.id);
  };
  for (const owner of traders) {
    const stored = await filledOrders(owner);
    expect(stored).toEqual(
      expect.arrayContaining(seen.filter((entry) => entry.trader === owner).map(({ response }) => response.data!.placeOrder.id)),
    );
    expect(stored.length).toBeLessThanOrEqual(10);
  }

  // Orders A back on its port: the same router process, never restarted, places orders through it again (a lock the
  // killed process held lapses with its lease). Retrying each lost order with its client order id places it once:
  // an order that had committed is answered as it was, not placed twice.
  const url = ordersA.process.url;
  expect(await restartService('ordersA')).toBe(url);
  const [firstLost, ...otherLost] = lost;
  const retry = async ({ trader: owner, input }: (typeof lost)[number]) => {
    const response: Placed = await gql(routerA, PLACE_ORDER, { input }, owner.token);
    if (response.data?.placeOrder?.status !== 'FILLED')
      throw new Error(`the retry did not fill: ${response.status} ${JSON.stringify(response.errors)}`);
  };
  await eventually('an order through router A once orders A is back', () => retry(firstLost!), { timeoutMs: 20_000 });
  await Promise.all(otherLost.map(retry));
  expect(router.child.exitCode).toBeNull();
  expect(services.get('routerA')!.process).toBe(router);
  for (const owner of traders) expect(await filledOrders(owner)).toHaveLength(10);
  expect(await reconcileBooks(dynamo)).toEqual([]);
}, 60_000);

test('a subgraph down: a query that needs it returns partial data with errors, one that does not keeps working', async () => {
  const carol = await registerUser(routerA, 'partial');
  await deposit(routerA, carol.token, '1000');
  await buy(routerA, carol.token, 'ETH', '0.003');
  const before = await books(routerA, carol.token);
  await services.get('inventory')!.process.stop();

  // The catalog's fields are null with an error, the rest is there.
  const partial = await gql(routerA, '{ me { username balance } asset(symbol: "BTC") { name price } }', {}, carol.token);
  expect(partial).toEqual({
    status: 200,
    data: { me: { username: carol.username, balance: before.balance }, asset: null },
    errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: expect.any(String) }) })],
  });
  // Under `me`, every field down to the asset's name is non-null in the schema (Holding.asset: Asset!, Asset.name:
  // String!), so a missing name nulls its way up to `me`, the nearest nullable field, as GraphQL requires.
  const nested = await gql(routerA, '{ me { username balance holdings { quantity asset { name price } } } }', {}, carol.token);
  expect(nested).toEqual({
    status: 200,
    data: { me: null },
    errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: expect.any(String) }) })],
  });

  // What does not need inventory works: reading the account, a deposit.
  expect(await gql(routerA, '{ me { username balance } }', {}, carol.token)).toEqual({
    status: 200,
    data: { me: { username: carol.username, balance: before.balance } },
  });
  await deposit(routerB, carol.token, '5');
  // An order needs a price: refused with SERVICE_UNAVAILABLE, and nothing else changes.
  const order = await placeBuy(routerA, carol.token, 'ETH', '0.003');
  expect({ data: order.data, codes: codes(order) }).toEqual({ data: null, codes: ['SERVICE_UNAVAILABLE'] });
  // A valuation needs prices too: it fails with the same code rather than value the holdings at nothing.
  const valued = await gql<{ me: { portfolio: { totalValue: string } | null } }>(routerA, '{ me { portfolio { totalValue } } }', {}, carol.token);
  expect(codes(valued)).toEqual(['SERVICE_UNAVAILABLE']);
  expect(valued.data?.me?.portfolio ?? null).toBeNull();
  expect(await books(routerB, carol.token)).toEqual({ ...before, balance: d(before.balance).plus(5).toFixed(2) });

  // Inventory back on its port: the same routers (and the orders instances, which ask it for prices) use it again.
  await restartService('inventory');
  const back = await eventually('a query on inventory once it is back', async () => {
    const response = await gql<{ me: { holdings: unknown[] } }>(routerA, '{ me { holdings { quantity asset { name price } } } }', {}, carol.token);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.me.holdings;
  });
  expect(back).toEqual([{ quantity: '0.003', asset: { name: 'Ethereum', price: '3148.52' } }]);
  await buy(routerB, carol.token, 'ETH', '0.003');
}, 60_000);
