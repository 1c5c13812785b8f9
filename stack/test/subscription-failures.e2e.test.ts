import path from 'node:path';
import { AuditLog, createCoordination, createDatabase, createLogger, RevokedSessions, type Coordination, type Database } from '@trading/platform';
import { startInventorySubgraph } from '@trading/inventory';
import { startRouter, type RunningRouter } from '@trading/router';
import { adminToken, gql, startTestStack } from './support';
import { primed, subscribe, wsClient } from './ws-support';

// A subgraph that dies mid-stream: subscribers get an error payload and the stream ends; once it is back, new
// subscriptions work again.

let stack: Awaited<ReturnType<typeof startTestStack>>;
let db: Database;
let coordination: Coordination;
let router: RunningRouter;
let admin: string;
const log = createLogger('test', 'silent');

function deps() {
  return {
    db,
    coordination,
    jwt: stack.jwt,
    internalSecret: stack.internalSecret,
    revoked: new RevokedSessions(coordination.store, stack.jwt.ttlSeconds, coordination.events),
    audit: new AuditLog(db, { log }),
    log,
  };
}

beforeAll(async () => {
  stack = await startTestStack();
  admin = await adminToken(stack, 'failure_admin');
  db = createDatabase({ endpoint: stack.dynamoEndpoint, region: 'us-east-1', tablePrefix: 'trading-' });
  coordination = await createCoordination({ keyPrefix: `failures:${Date.now()}:` });
});
afterAll(async () => {
  await router?.close();
  await coordination?.close();
  db?.close();
  await stack?.close();
});

test('a subgraph that dies ends its subscriptions with UPSTREAM_UNAVAILABLE, and new ones work once it is back', async () => {
  // A separate inventory behind a separate router, so this test can stop it.
  let inventory = await startInventorySubgraph({ ...deps(), port: 0, host: '127.0.0.1' });
  const port = inventory.port;
  router = await startRouter({
    supergraphFile: path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'),
    subgraphUrls: { users: stack.subgraphUrls.users, orders: stack.subgraphUrls.orders, inventory: inventory.url },
    ...deps(),
    port: 0,
    host: '127.0.0.1',
  });
  let attempt = 0;
  const setPrice = () =>
    gql(router.url, 'mutation($p: Decimal!) { updateAsset(symbol: "BTC", input: { price: $p }) { price } }', { p: `80000.${(attempt += 1)}` }, admin);

  const client = wsClient(router.url);
  try {
    const ticks = subscribe<{ priceChanged: { price: string } }>(client, 'subscription { priceChanged(symbols: ["BTC"]) { price } }');
    await primed(ticks, setPrice);
    expect(router.subscriptions.stats().upstreams).toBe(1);

    await inventory.close();
    const last = await ticks.next();
    expect(last.errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
    await ticks.ended;
    expect(router.subscriptions.stats()).toMatchObject({ upstreams: 0, subscribers: 0 });

    inventory = await startInventorySubgraph({ ...deps(), port, host: '127.0.0.1' });
    const again = subscribe<{ priceChanged: { price: string } }>(client, 'subscription { priceChanged(symbols: ["BTC"]) { price } }');
    const tick = await primed(again, setPrice);
    expect(tick.data?.priceChanged.price).toMatch(/^80000\.\d+$/);
    again.dispose();
  } finally {
    await client.dispose();
    await inventory.close();
  }
});
