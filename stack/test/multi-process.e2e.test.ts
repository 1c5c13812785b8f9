import { randomBytes, randomUUID } from 'node:crypto';
import { ENTRY, startServiceProcess, type ServiceProcess } from '../src/processes';
import { gql, reconcileBooks, registerUser } from './support';
import { primed, subscribe, wsClient } from './ws-support';

// Many instances, as separate Node processes on the real Redis and the embedded DynamoDB process (`npm run db`): a
// fill made by one orders process reaches a subscriber connected through another router process to another orders
// process.

const processes: ServiceProcess[] = [];

const env = {
  JWT_SECRET: randomBytes(32).toString('base64url'),
  INTERNAL_SECRET: randomBytes(32).toString('base64url'),
  REDIS_URL: 'redis://127.0.0.1:6379',
  REDIS_KEY_PREFIX: `test:${randomUUID()}:`,
  BCRYPT_COST: '4',
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
  PORT: '0',
};

/** Starts one service in its own process and resolves with its URL once ready. */
async function service(entry: string, extra: Record<string, string>): Promise<string> {
  const started = await startServiceProcess(entry, { ...env, ...extra });
  processes.push(started);
  return started.url;
}

beforeAll(async () => {
  dynamo = await service(ENTRY.db, { DATA_DIR: 'memory', DYNAMODB_PORT: '0' });
  const withDb = { DYNAMODB_ENDPOINT: dynamo };
  // Inventory A drives the price feed (and backfills the history); B serves the same catalog without a feed.
  const [users, inventory, inventoryB] = await Promise.all([
    service(ENTRY.users, withDb),
    service(ENTRY.inventory, withDb),
    service(ENTRY.inventory, { ...withDb, PRICE_FEED: 'off', PRICE_HISTORY: 'off' }),
  ]);
  [ordersA, ordersB] = await Promise.all([
    service(ENTRY.orders, { ...withDb, INVENTORY_URL: inventory }),
    service(ENTRY.orders, { ...withDb, INVENTORY_URL: inventory }),
  ]);
  const routerFor = (orders: string, inventoryUrl: string) =>
    service(ENTRY.router, { ...withDb, SUBGRAPH_URL_USERS: users, SUBGRAPH_URL_INVENTORY: inventoryUrl, SUBGRAPH_URL_ORDERS: orders });
  [routerA, routerB] = await Promise.all([routerFor(ordersA, inventory), routerFor(ordersB, inventoryB)]);
}, 90_000);
afterAll(async () => {
  // The database last: the services may still be finishing a write.
  const db = processes.shift();
  await Promise.all(processes.map((started) => started.stop()));
  await db?.stop();
});

let dynamo = '';
let ordersA = '';
let ordersB = '';
let routerA = '';
let routerB = '';

test('a fill on one orders process reaches a subscriber of another router process', async () => {
  const alice = await registerUser(routerA, 'multi');
  await gql(routerB, 'mutation { deposit(amount: "1000") { id } }', {}, alice.token);
  const client = wsClient(routerA, { authorization: `Bearer ${alice.token}` });
  try {
    const updates = subscribe<{ orderUpdated: { id: string; status: string; asset: { name: string }; user: { username: string } } }>(
      client,
      'subscription { orderUpdated { id status asset { name } user { username } } }',
    );
    const placed: string[] = [];
    const buy = async () => {
      const response = await gql<{ placeOrder: { id: string } }>(
        routerB,
        'mutation { placeOrder(input: { symbol: "ETH", side: BUY, type: MARKET, quantity: "0.01" }) { id } }',
        {},
        alice.token,
      );
      placed.push(response.data!.placeOrder.id);
    };
    const event = await primed(updates, buy);
    expect(placed).toContain(event.data?.orderUpdated.id);
    expect(event.data?.orderUpdated).toMatchObject({ status: 'FILLED', asset: { name: 'Ethereum' }, user: { username: alice.username } });
    // Once the path is live, every later fill arrives, in order, once.
    await buy();
    await buy();
    const seen = [event.data!.orderUpdated.id];
    while (seen.at(-1) !== placed.at(-1)) seen.push((await updates.next(10_000)).data!.orderUpdated.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(-2)).toEqual(placed.slice(-2));
  } finally {
    await client.dispose();
  }
}, 60_000);

test("the feed's ticks reach marketTicks and candleUpdated subscribers of another inventory process, through Redis", async () => {
  // Router B's subscriptions are served by inventory B, which has no feed: every event comes from A over Redis.
  const client = wsClient(routerB);
  try {
    const ticks = subscribe<{ marketTicks: { at: string; ticks: { symbol: string; asset: { name: string } }[] } }>(
      client,
      'subscription { marketTicks(symbols: ["BTC", "ETH"]) { at ticks { symbol asset { name } } } }',
    );
    const candles = subscribe<{ candleUpdated: { start: string; close: string } }>(
      client,
      'subscription { candleUpdated(symbol: "BTC", interval: ONE_HOUR) { start close } }',
    );
    // The ten largest assets move in every tick of the default feed, BTC and ETH among them.
    for (let i = 0; i < 2; i += 1) {
      const event = (await ticks.next(10_000)).data!.marketTicks;
      expect(event.ticks.map((tick) => [tick.symbol, tick.asset.name])).toEqual([
        ['BTC', 'Bitcoin'],
        ['ETH', 'Ethereum'],
      ]);
    }
    const candle = (await candles.next(10_000)).data!.candleUpdated;
    expect(Date.parse(candle.start) % 3_600_000).toBe(0);
    // The history, backfilled by A at its start, reads the same through B.
    const history = await gql<{ asset: { candles: unknown[] } }>(
      routerB,
      '{ asset(symbol: "ETH") { candles(interval: FIVE_MINUTES, last: 288) { close } } }',
    );
    expect(history.data?.asset.candles).toHaveLength(288);
    ticks.dispose();
    candles.dispose();
  } finally {
    await client.dispose();
  }
}, 60_000);

test("one user's orders through two orders processes are served in arrival order, whichever process has the queue", async () => {
  const trader = await registerUser(routerA, 'fair');
  await gql(routerA, 'mutation { deposit(amount: "100000") { id } }', {}, trader.token);
  const buy = (router: string, tag: string) =>
    gql<{ placeOrder: { id: string; status: string } }>(
      router,
      `mutation { placeOrder(input: { symbol: "ETH", side: BUY, type: MARKET, quantity: "0.01", clientOrderId: "${tag}" }) { id status } }`,
      {},
      trader.token,
    );
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  // A steady stream through router A (orders process A) with one order through router B in its middle: each order
  // holds the user's lock while it executes, so A's stream keeps a queue on the lock that B's order must join.
  const sent: Array<ReturnType<typeof buy>> = [];
  for (let i = 0; i < 12; i++) {
    sent.push(buy(routerA, `a${i}`));
    await pause(15);
  }
  await pause(100);
  sent.push(buy(routerB, 'b'));
  await pause(100);
  for (let i = 12; i < 24; i++) {
    sent.push(buy(routerA, `a${i}`));
    await pause(15);
  }
  const answers = await Promise.all(sent);
  expect(answers.map((answer) => answer.data?.placeOrder.status)).toEqual(Array(25).fill('FILLED'));
  // Order ids carry the instant each order executed (inside the lock): their order is the order of service.
  const listed = await gql<{ me: { orders: { edges: { node: { clientOrderId: string } }[] } } }>(
    routerB,
    '{ me { orders(first: 30) { edges { node { clientOrderId } } } } }',
    {},
    trader.token,
  );
  const served = listed.data!.me.orders.edges.map((edge) => edge.node.clientOrderId).reverse();
  expect(served.indexOf('b')).toBe(12);
}, 60_000);

test('SIGTERM: an orders process finishes the orders in flight, refuses new ones, and exits cleanly; the books balance', async () => {
  const traders = await Promise.all([1, 2, 3, 4].map(() => registerUser(routerA, 'inflight')));
  await Promise.all(traders.map((trader) => gql(routerA, 'mutation { deposit(amount: "5000") { id } }', {}, trader.token)));
  const orders = processes.find((started) => started.url === ordersA)!;
  const exited = new Promise<number | null>((resolve) => orders.child.once('exit', (code) => resolve(code)));
  const buy = (token: string) =>
    gql<{ placeOrder: { status: string } }>(
      routerA,
      'mutation { placeOrder(input: { symbol: "ETH", side: BUY, type: MARKET, quantity: "0.01" }) { status } }',
      {},
      token,
    );
  // Orders under way when the signal arrives (it is sent once the first of them is answered, so that on a busy
  // machine they have reached the process), and more while the process stops.
  const burst = traders.flatMap((trader) => [buy(trader.token), buy(trader.token), buy(trader.token)]);
  await Promise.race(burst);
  orders.child.kill('SIGTERM');
  const late = traders.map((trader) => buy(trader.token));
  const answers = await Promise.all([...burst, ...late]);
  expect(await exited).toBe(0);
  // Every answer is a fill or a clear refusal; none is half done.
  for (const answer of answers) {
    if (answer.data?.placeOrder) expect(answer.data.placeOrder.status).toBe('FILLED');
    else expect(answer.errors?.[0]?.extensions?.code).toEqual(expect.any(String));
  }
  expect(answers.filter((answer) => answer.data?.placeOrder).length).toBeGreaterThan(0);
  expect(await reconcileBooks(dynamo)).toEqual([]);
}, 30_000);

test('SIGTERM: a router tells its sockets it is going away (1001) and exits cleanly', async () => {
  const router = processes.find((started) => started.url === routerB)!;
  const client = wsClient(routerB);
  const prices = subscribe(client, 'subscription { priceChanged(symbols: ["BTC"]) { symbol } }');
  // The subscription is live once the router answers an operation on the same socket.
  await new Promise((resolve, reject) =>
    client.subscribe({ query: '{ asset(symbol: "BTC") { symbol } }' }, { next: resolve, error: reject, complete: () => undefined }),
  );
  const exited = new Promise<number | null>((resolve) => router.child.once('exit', (code) => resolve(code)));
  router.child.kill('SIGTERM');
  expect(await client.closed).toMatchObject({ code: 1001 });
  expect(await exited).toBe(0);
  expect(router.output()).toMatch(/"msg":"stopped"/);
  prices.dispose();
  await client.dispose();
}, 30_000);

test('SIGTERM to every process at once (a deployment stopped): each exits 0, none waits out its deadline', async () => {
  const running = processes.filter((started) => started.child.exitCode === null && started.child.signalCode === null);
  expect(running.length).toBeGreaterThanOrEqual(5);
  const started = Date.now();
  const exits = await Promise.all(
    running.map(
      (service) =>
        new Promise<{ code: number | null; ms: number }>((resolve) => {
          service.child.once('exit', (code) => resolve({ code, ms: Date.now() - started }));
          service.child.kill('SIGTERM');
        }),
    ),
  );
  expect(exits.map((exit) => exit.code)).toEqual(running.map(() => 0));
  // Far below the 10 s shutdown deadline.
  expect(Math.max(...exits.map((exit) => exit.ms))).toBeLessThan(5000);
}, 30_000);
