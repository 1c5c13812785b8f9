import jwt from 'jsonwebtoken';
import { adminToken, gql, registerUser, setAssetPrice, startTestStack } from './support';
import { prometheusSamples } from '../src/metrics';
import { primed, subscribe, wsClient } from './ws-support';

// Federated subscriptions through the router, with real graphql-ws clients.

let stack: Awaited<ReturnType<typeof startTestStack>>;
let admin: string;
const clients: { dispose(): unknown }[] = [];
const connect = (params: Record<string, unknown> = {}) => {
  const client = wsClient(stack.routerUrl, params);
  clients.push(client);
  return client;
};

beforeAll(async () => {
  stack = await startTestStack({ router: { socketLimits: { maxSubscriptionsPerConnection: 3 } } });
  admin = await adminToken(stack, 'ws_admin');
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await stack?.close();
});

const setPrice = (symbol: string, price: string) => setAssetPrice(stack.routerUrl, admin, symbol, price);

/** Waits for a condition on the router's figures (subscriptions start and stop asynchronously). */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(stack.subscriptionStats())}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The router's Prometheus metrics without labels, by name. */
async function metrics(): Promise<Record<string, number>> {
  const response = await fetch(stack.routerUrl.replace(/\/graphql$/, '/metrics'));
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return prometheusSamples(await response.text());
}

interface Tick {
  priceChanged: { symbol: string; price: string; previousPrice: string; asset: { name: string; price: string } };
}
const PRICES = 'subscription($s: [String!]) { priceChanged(symbols: $s) { symbol price previousPrice asset { name price } } }';

test('price ticks arrive for the requested symbols only, with asset fields from inventory', async () => {
  const prices = subscribe<Tick>(connect(), PRICES, { s: ['BTC', 'ETH'] });
  let attempt = 0;
  const first = await primed(prices, () => setPrice('BTC', `70000.${(attempt += 1)}`));
  expect(first.data?.priceChanged).toMatchObject({ symbol: 'BTC', price: `70000.${attempt}`, asset: { name: 'Bitcoin', price: `70000.${attempt}` } });
  await setPrice('SOL', '123.45');
  await setPrice('ETH', '3000.25');
  const next = await prices.next();
  expect(next.data?.priceChanged).toMatchObject({ symbol: 'ETH', price: '3000.25', asset: { name: 'Ethereum', price: '3000.25' } });
  await setPrice('BTC', '70001.5');
  expect((await prices.next()).data?.priceChanged).toEqual({
    symbol: 'BTC',
    price: '70001.5',
    previousPrice: `70000.${attempt}`,
    asset: { name: 'Bitcoin', price: '70001.5' },
  });
  expect(prices.pending()).toBe(0);
  prices.dispose();
});

test('identical subscriptions share one upstream stream, and complete stops it', async () => {
  await until(() => stack.subscriptionStats().upstreams === 0, 'no upstreams');
  const shared = Array.from({ length: 5 }, () => subscribe<Tick>(connect(), PRICES, { s: ['DOGE'] }));
  const other = subscribe<Tick>(connect(), PRICES, { s: ['ADA'] });
  await until(() => stack.subscriptionStats().subscribers === 6, 'six subscribers');
  expect(stack.subscriptionStats().upstreams).toBe(2);
  // Operators see the same figures at /metrics.
  const before = await metrics();
  expect(before).toMatchObject({ router_upstream_subscriptions: 2, router_subscriptions: 6 });
  expect(before.router_open_sockets).toBeGreaterThanOrEqual(6);
  let attempt = 0;
  const first = await primed(shared[0]!, () => setPrice('DOGE', `0.5${(attempt += 1)}`));
  // One upstream event, delivered to every sharer.
  for (const subscription of shared.slice(1)) expect((await subscription.next()).data?.priceChanged).toEqual(first.data?.priceChanged);
  const after = await metrics();
  expect(after.router_upstream_events_total! - before.router_upstream_events_total!).toBe(attempt);
  expect(after.router_subscription_events_total! - before.router_subscription_events_total!).toBe(5 * attempt);
  for (const subscription of shared) subscription.dispose();
  await until(() => stack.subscriptionStats().upstreams === 1, 'the shared upstream to stop');
  other.dispose();
  await until(() => stack.subscriptionStats().upstreams === 0, 'every upstream to stop');
});

test('an order fill reaches its owner, with fields from all three subgraphs, and not another user', async () => {
  const [alice, bob] = await Promise.all([registerUser(stack.routerUrl, 'alice'), registerUser(stack.routerUrl, 'bob')]);
  await gql(stack.routerUrl, 'mutation { deposit(amount: "5000") { id } }', {}, alice.token);
  const ORDERS = 'subscription { orderUpdated { id status total asset { name price } user { username balance } } }';
  const aliceEvents = subscribe<{
    orderUpdated: { id: string; status: string; asset: { name: string }; user: { username: string; balance: string } };
  }>(connect({ authorization: `Bearer ${alice.token}` }), ORDERS);
  const bobEvents = subscribe(connect({ authorization: `Bearer ${bob.token}` }), ORDERS);
  await until(() => stack.subscriptionStats().subscribers === 2, 'both subscriptions');
  // Bob's stream is live before Alice trades (a fill of his own shows it), so his silence below means something.
  await gql(stack.routerUrl, 'mutation { deposit(amount: "100") { id } }', {}, bob.token);
  await primed(bobEvents, () =>
    gql(stack.routerUrl, 'mutation { placeOrder(input: { symbol: "DOGE", side: BUY, type: MARKET, quantity: "1" }) { id } }', {}, bob.token),
  );
  const placed = new Map<string, string>();
  const event = await primed(aliceEvents, async () => {
    const response = await gql<{ placeOrder: { id: string; total: string } }>(
      stack.routerUrl,
      'mutation { placeOrder(input: { symbol: "ETH", side: BUY, type: MARKET, quantity: "0.1" }) { id total } }',
      {},
      alice.token,
    );
    placed.set(response.data!.placeOrder.id, response.data!.placeOrder.total);
  });
  expect(event.errors).toBeUndefined();
  expect(placed.has(event.data!.orderUpdated.id)).toBe(true);
  expect(event.data?.orderUpdated).toMatchObject({ status: 'FILLED', asset: { name: 'Ethereum' }, user: { username: alice.username } });
  // The balance is read once the fill is done: at most what is left after the fills placed.
  const spent = [...placed.values()].reduce((sum, total) => sum + Number(total), 0);
  expect(Number(event.data!.orderUpdated.user.balance)).toBeGreaterThanOrEqual(5000 - spent - 0.001);
  expect(Number(event.data!.orderUpdated.user.balance)).toBeLessThan(5000);
  // Bob sees only his own orders' events (his priming orders may still be arriving), never Alice's.
  const bobSaw: string[] = [];
  for (;;) {
    const next = await bobEvents.next(300).catch(() => null);
    if (!next) break;
    bobSaw.push((next.data as { orderUpdated: { id: string } }).orderUpdated.id);
  }
  expect(bobSaw.filter((id) => placed.has(id))).toEqual([]);
  aliceEvents.dispose();
  bobEvents.dispose();
});

test('role directives apply to subscriptions: anonymous orderUpdated is UNAUTHENTICATED', async () => {
  const anonymous = subscribe(connect(), 'subscription { orderUpdated { id } }');
  const result = await anonymous.next().then(
    (event) => JSON.stringify(event),
    (error: unknown) => String(error),
  );
  expect(result).toMatch(/UNAUTHENTICATED/);
});

test("queries and mutations work over the socket too, with the socket's identity", async () => {
  const user = await registerUser(stack.routerUrl, 'socketeer');
  const client = connect({ authorization: `Bearer ${user.token}` });
  const deposit = subscribe<{ deposit: { balanceAfter: string } }>(client, 'mutation { deposit(amount: "12.5") { balanceAfter } }');
  expect((await deposit.next()).data).toEqual({ deposit: { balanceAfter: '12.5' } });
  const me = subscribe<{ me: { username: string } }>(client, '{ me { username } }');
  expect((await me.next()).data).toEqual({ me: { username: user.username } });
  // A refused one answers with its error and code, as over HTTP, and the socket stays open.
  const refused = subscribe(client, 'mutation { withdraw(amount: "1000000") { id } }');
  expect((await refused.next()).errors?.[0]).toMatchObject({ extensions: { code: 'INSUFFICIENT_FUNDS' }, path: ['withdraw'] });
  const again = subscribe<{ me: { username: string } }>(client, '{ me { username } }');
  expect((await again.next()).data).toEqual({ me: { username: user.username } });
});

test('an invalid token is refused before the ack with 4403', async () => {
  const client = connect({ authorization: 'Bearer not-a-token' });
  expect((await client.closed).code).toBe(4403);
});

test('the socket closes with 4401 when its token expires, and when its session ends', async () => {
  const user = await registerUser(stack.routerUrl, 'expiring');
  const claims = jwt.decode(user.token) as { sub: string; sid: string; role: string };
  const shortLived = jwt.sign({ role: claims.role, sid: claims.sid }, stack.jwt.secret, {
    subject: claims.sub,
    issuer: 'trading-platform',
    audience: 'trading-api',
    expiresIn: 1,
  });
  const expiring = connect({ authorization: `Bearer ${shortLived}` });
  subscribe(expiring, PRICES, { s: ['BTC'] });
  expect(await expiring.closed).toEqual({ code: 4401, reason: 'Token expired: sign in again' });

  const session = connect({ authorization: `Bearer ${user.token}` });
  subscribe(session, PRICES, { s: ['BTC'] });
  // An answer on the same socket proves the connection was accepted before the session ends.
  expect((await subscribe(session, '{ __typename }').next()).data).toEqual({ __typename: 'Query' });
  await gql(stack.routerUrl, 'mutation { logout }', {}, user.token);
  expect(await session.closed).toEqual({ code: 4401, reason: 'Session ended: sign in again' });
});

test('limits: subscriptions per connection', async () => {
  const client = connect();
  const four = Array.from({ length: 4 }, (_, i) => subscribe(client, PRICES, { s: [['BTC', 'ETH', 'SOL', 'XRP'][i]] }));
  const refused = await four[3]!.next().then(
    (event) => JSON.stringify(event),
    (error: unknown) => String(error),
  );
  expect(refused).toMatch(/TOO_MANY_SUBSCRIPTIONS/);
  for (const subscription of four) subscription.dispose();
});

test('limits: connections per router', async () => {
  const small = await startTestStack({ router: { socketLimits: { maxConnections: 3 } } });
  const opened = Array.from({ length: 5 }, () => wsClient(small.routerUrl));
  try {
    // The first three are served; the ones beyond the limit are closed with 1013 (try again later).
    for (const client of opened.slice(0, 3)) expect((await subscribe(client, '{ __typename }').next()).data).toEqual({ __typename: 'Query' });
    expect((await Promise.all(opened.slice(3).map((client) => client.closed))).map((c) => c.code)).toEqual([1013, 1013]);
  } finally {
    await Promise.all(opened.map((client) => client.dispose()));
    await small.close();
  }
});

test('operation limits and validation apply to subscriptions', async () => {
  const client = connect();
  const invalid = await subscribe(client, 'subscription { priceChanged { nope } }')
    .next()
    .then(
      (event) => JSON.stringify(event),
      (error: unknown) => String(error),
    );
  expect(invalid).toMatch(/nope/);
  const tooMany = await subscribe(client, PRICES, { s: Array.from({ length: 101 }, (_, i) => `S${i}`) })
    .next()
    .then(
      (event) => JSON.stringify(event),
      (error: unknown) => String(error),
    );
  expect(tooMany).toMatch(/BAD_USER_INPUT/);
});
