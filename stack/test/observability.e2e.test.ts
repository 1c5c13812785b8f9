import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ENTRY, startServiceProcess, type ServiceProcess } from '../src/processes';
import { readMetrics } from '../src/metrics';
import { gql, registerUser } from './support';

// What operators see of the services run as separate processes: /health and /ready, /metrics, and JSON logs that
// follow a request id through the router and the subgraphs and never show a secret.

const secrets = { JWT_SECRET: randomBytes(32).toString('base64url'), INTERNAL_SECRET: randomBytes(32).toString('base64url') };
const env = { ...secrets, BCRYPT_COST: '4', LOG_LEVEL: 'trace', HOST: '127.0.0.1', PORT: '0' };
const services: Record<'db' | 'users' | 'inventory' | 'orders' | 'router', ServiceProcess> = {} as never;

/** An OTLP/HTTP collector as the services see one: the spans they export, with the service that sent each. */
const exported: { service: string; traceId: string; spanId: string; parentSpanId?: string; name: string }[] = [];
let collector: http.Server;

beforeAll(async () => {
  collector = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const payload = JSON.parse(body) as OtlpTraces;
      for (const { resource, scopeSpans } of payload.resourceSpans ?? []) {
        const service = resource?.attributes?.find((attribute) => attribute.key === 'service.name')?.value?.stringValue ?? '?';
        for (const { spans } of scopeSpans ?? []) for (const span of spans ?? []) exported.push({ service, ...span });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  Object.assign(env, {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '100',
  });
  services.db = await startServiceProcess(ENTRY.db, { DATA_DIR: 'memory', DYNAMODB_PORT: '0', LOG_LEVEL: 'info' });
  const withDb = { ...env, DYNAMODB_ENDPOINT: services.db.url };
  [services.users, services.inventory] = await Promise.all([
    startServiceProcess(ENTRY.users, withDb),
    startServiceProcess(ENTRY.inventory, { ...withDb, PRICE_FEED: 'off' }),
  ]);
  services.orders = await startServiceProcess(ENTRY.orders, { ...withDb, INVENTORY_URL: services.inventory.url });
  services.router = await startServiceProcess(ENTRY.router, {
    ...withDb,
    SUBGRAPH_URL_USERS: services.users.url,
    SUBGRAPH_URL_INVENTORY: services.inventory.url,
    SUBGRAPH_URL_ORDERS: services.orders.url,
  });
}, 90_000);
afterAll(async () => {
  const { db, ...rest } = services;
  await Promise.all(Object.values(rest).map((service) => service?.stop()));
  await db?.stop();
  await new Promise((resolve) => collector?.close(resolve));
});

interface OtlpTraces {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value?: { stringValue?: string } }[] };
    scopeSpans?: { spans?: { traceId: string; spanId: string; parentSpanId?: string; name: string }[] }[];
  }[];
}

const at = (service: ServiceProcess, path: string) => service.url.replace(/\/graphql$/, path);
const subgraphs = () => [services.users, services.inventory, services.orders];

/** One service's Prometheus samples, as `name{labels}` -> value. */
const metrics = (service: ServiceProcess) => readMetrics(at(service, '/metrics'));

/** The JSON lines a process logged. */
const logLines = (service: ServiceProcess) =>
  service
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

test('every service is alive at /health and ready at /ready, naming what it checked', async () => {
  for (const service of [services.router, ...subgraphs()]) {
    expect(await (await fetch(at(service, '/health'))).json()).toEqual({ status: 'ok' });
  }
  for (const service of subgraphs()) {
    const ready = await fetch(at(service, '/ready'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { dynamodb: 'ok', coordination: 'ok' } });
  }
  const router = await fetch(at(services.router, '/ready'));
  expect(await router.json()).toEqual({ status: 'ready', checks: { coordination: 'ok', users: 'ok', inventory: 'ok', orders: 'ok' } });
});

test('a request id given to the router is in its log line and in every subgraph line of that request', async () => {
  const user = await registerUser(services.router.url, 'traced');
  const requestId = `trace-${randomBytes(6).toString('hex')}`;
  const response = await fetch(services.router.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}`, 'x-request-id': requestId },
    body: JSON.stringify({ query: 'query Screen { me { username holdings { quantity } } assets(first: 1) { edges { node { symbol } } } }' }),
  });
  expect(response.headers.get('x-request-id')).toBe(requestId);
  expect((await response.json()) as unknown).toMatchObject({ data: { me: { username: user.username } } });
  // The lines reach us through each process's stdout pipe, possibly after the response: wait for them.
  const linesOf = async (service: ServiceProcess) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const lines = logLines(service).filter((line) => line.requestId === requestId);
      if (lines.length || Date.now() > deadline) return lines;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  expect(await linesOf(services.router)).toEqual([
    expect.objectContaining({ msg: 'graphql request', operation: 'Screen', type: 'query', name: 'router' }),
  ]);
  for (const service of [services.users, services.orders, services.inventory]) {
    const lines = await linesOf(service);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.msg === 'graphql request' && typeof line.ms === 'number')).toBe(true);
  }
  // Nothing else any subgraph logged while serving it lacks the id: every "graphql request" line names its request.
  for (const service of subgraphs()) {
    expect(logLines(service).filter((line) => line.msg === 'graphql request' && !line.requestId)).toEqual([]);
  }
});

test('metrics count operations by name, errors by code, subgraph fetches, and orders placed and filled', async () => {
  const user = await registerUser(services.router.url, 'metered');
  await gql(services.router.url, 'mutation Fund { deposit(amount: "500") { id } }', {}, user.token);
  const buy = 'mutation Buy { placeOrder(input: { symbol: "ETH", side: BUY, type: MARKET, quantity: "0.01" }) { status } }';
  expect((await gql(services.router.url, buy, {}, user.token)).data).toEqual({ placeOrder: { status: 'FILLED' } });
  const tooBig = 'mutation TooBig { placeOrder(input: { symbol: "BTC", side: BUY, type: MARKET, quantity: "100" }) { status } }';
  expect((await gql(services.router.url, tooBig, {}, user.token)).errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_FUNDS');

  const router = await metrics(services.router);
  expect(router['graphql_request_duration_seconds_count{operation="Buy",type="mutation"}']).toBe(1);
  expect(router['graphql_errors_total{code="INSUFFICIENT_FUNDS"}']).toBeGreaterThanOrEqual(1);
  expect(router['router_subgraph_fetch_duration_seconds_count{subgraph="orders"}']).toBeGreaterThanOrEqual(2);
  expect(router['process_resident_memory_bytes']).toBeGreaterThan(0);
  const orders = await metrics(services.orders);
  expect(orders['orders_placed_total{type="MARKET",side="BUY"}']).toBe(1);
  expect(orders['orders_filled_total{type="MARKET",side="BUY"}']).toBe(1);
  // Each order waited for its account's lock (uncontended here: a few milliseconds at most).
  expect(orders['lock_wait_seconds_count{outcome="acquired"}']).toBeGreaterThanOrEqual(2);
  expect(orders['lock_wait_seconds_bucket{le="0.25",outcome="acquired"}']).toBe(orders['lock_wait_seconds_count{outcome="acquired"}']);
});

test('every service counts unexpected errors by cause, and a run of refusals and trades has none', async () => {
  const user = await registerUser(services.router.url, 'careful');
  // Refusals of every kind are not unexpected: none of them may show up as a cause.
  await gql(services.router.url, '{ me { transactions(after: "MWUrMzA4") { edges { cursor } } } }', {}, user.token);
  await gql(services.router.url, '{ order(id: "") { id } }', {}, user.token);
  await gql(services.router.url, 'subscription { marketTicks { at } }');
  for (const service of [services.router, ...subgraphs()]) {
    const text = await (await fetch(at(service, '/metrics'))).text();
    expect(text).toContain('# TYPE unexpected_errors_total counter');
    expect(text.split('\n').filter((line) => line.startsWith('unexpected_errors_total{'))).toEqual([]);
  }
});

test('no token, password or secret ever reaches a log line, even at trace level', async () => {
  const user = await registerUser(services.router.url, 'secretive');
  const login = await gql<{ login: { token: string; refreshToken: string } }>(
    services.router.url,
    'mutation($i: LoginInput!) { login(input: $i) { token refreshToken } }',
    { i: { username: user.username, password: user.password } },
  );
  const { token, refreshToken } = login.data!.login;
  await gql(services.router.url, 'mutation($r: String!) { refreshToken(refreshToken: $r) { token } }', { r: refreshToken });
  const newPassword = `new ${randomBytes(8).toString('hex')} passphrase`;
  await gql(
    services.router.url,
    'mutation($i: ChangePasswordInput!) { changePassword(input: $i) }',
    { i: { currentPassword: user.password, newPassword } },
    token,
  );
  // A wrong password and a forged token are logged as refusals, without what was sent.
  await gql(services.router.url, 'mutation($i: LoginInput!) { login(input: $i) { token } }', {
    i: { username: user.username, password: 'wrong but secret' },
  });
  await gql(services.router.url, '{ me { id } }', {}, `${token.slice(0, -4)}AAAA`);

  const everything = Object.values(services)
    .map((service) => service.output())
    .join('\n');
  expect(everything.length).toBeGreaterThan(1000);
  for (const secret of [user.password, newPassword, 'wrong but secret', token, refreshToken, secrets.JWT_SECRET, secrets.INTERNAL_SECRET]) {
    expect({ leaked: everything.includes(secret) }).toEqual({ leaked: false });
  }
  // No JWT of any kind (the router's internal tokens to the subgraphs included).
  expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
});

test('with the OTLP variables set, one trace follows a request from the router into every subgraph it reaches', async () => {
  const user = await registerUser(services.router.url, 'traced');
  const traceId = randomBytes(16).toString('hex');
  // A caller's trace context is honoured, so the trace can start in the client (a browser, a third party).
  const response = await fetch(services.router.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}`, traceparent: `00-${traceId}-${'1'.repeat(16)}-01` },
    body: JSON.stringify({ query: 'query Traced { me { username holdings { quantity asset { name } } } }' }),
  });
  expect(response.status).toBe(200);
  // Spans arrive in batches as they end (a parent after its children): wait until the trace is whole, that is every
  // span but the caller's hangs off another span of the same trace, and it reached router, users and orders.
  const spansOf = () => exported.filter((span) => span.traceId === traceId);
  const orphans = () => {
    const ids = new Set(spansOf().map((span) => span.spanId));
    return spansOf().filter((span) => span.parentSpanId && span.parentSpanId !== '1'.repeat(16) && !ids.has(span.parentSpanId));
  };
  const servicesIn = () => new Set(spansOf().map((span) => span.service));
  const deadline = Date.now() + 10_000;
  while (!['router', 'users', 'orders'].every((service) => servicesIn().has(service)) || orphans().length > 0) {
    if (Date.now() > deadline)
      throw new Error(`the trace came from ${[...servicesIn()].join(', ') || 'no service'}, with ${orphans().length} spans whose parent never came`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The gateway's own spans are in it too (planning and executing the operation).
  expect(spansOf().some((span) => span.service === 'router' && /gateway/i.test(span.name))).toBe(true);
});

test('a subgraph that stops leaves the router serving but degraded, naming it; with none left it is not ready', async () => {
  await services.inventory.stop();
  const degraded = await fetch(at(services.router, '/ready'));
  expect(degraded.status).toBe(200);
  const body = (await degraded.json()) as { status: string; checks: Record<string, string> };
  expect(body.status).toBe('degraded');
  expect(body.checks.inventory).not.toBe('ok');
  expect(body.checks.users).toBe('ok');
  // What does not touch the inventory still works through this router.
  const user = await registerUser(services.router.url, 'degraded');
  expect((await gql(services.router.url, '{ me { username balance } }', {}, user.token)).data).toEqual({
    me: { username: user.username, balance: '0' },
  });

  await Promise.all([services.users.stop(), services.orders.stop()]);
  const down = await fetch(at(services.router, '/ready'));
  expect(down.status).toBe(503);
  expect(((await down.json()) as { status: string }).status).toBe('not ready');
  expect((await fetch(at(services.router, '/health'))).status).toBe(200);
});
