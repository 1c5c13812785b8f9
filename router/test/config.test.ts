import { ConfigError } from '@trading/platform';
import { loadRouterConfig } from '../src/config';

test('defaults: port 4000 and the committed supergraph', () => {
  const config = loadRouterConfig({});
  expect(config.PORT).toBe(4000);
  expect(config.SUPERGRAPH_FILE).toMatch(/schema\/supergraph\.graphql$/);
  expect(config.subgraphUrls).toEqual({});
});

test('SUBGRAPH_URL_<NAME> overrides a subgraph URL by its name in the supergraph', () => {
  const config = loadRouterConfig({ SUBGRAPH_URL_USERS: 'http://users:4001/graphql', SUBGRAPH_URL_ORDERS: 'https://orders.internal/graphql' });
  expect(config.subgraphUrls).toEqual({ users: 'http://users:4001/graphql', orders: 'https://orders.internal/graphql' });
});

test('every bad value is named in one error', () => {
  let error: unknown;
  try {
    loadRouterConfig({ PORT: 'eighty', SUBGRAPH_URL_USERS: 'ftp://nope', LOG_LEVEL: 'loud' });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const problems = (error as ConfigError).problems.join('\n');
  expect(problems).toMatch(/PORT/);
  expect(problems).toMatch(/LOG_LEVEL/);
});

test('a subgraph URL that is not http(s) is refused', () => {
  expect(() => loadRouterConfig({ SUBGRAPH_URL_USERS: 'ftp://nope' })).toThrow(/SUBGRAPH_URL_USERS: must be an http\(s\) URL/);
});

test('production turns introspection and Sandbox off and allows no browser origin unless configured', () => {
  const secrets = { JWT_SECRET: 'q8Zt3vLw0pXe7RkN2mYc5HbJ9sFd4GuA', INTERNAL_SECRET: 'Vn6Qe1Wr8Ty3Ui0Op5As2Df7Gh4Jk9Lz' };
  const production = loadRouterConfig({ NODE_ENV: 'production', ...secrets });
  expect(production).toMatchObject({ introspection: false, sandbox: false, corsOrigins: [] });
  const development = loadRouterConfig({});
  expect(development).toMatchObject({ introspection: true, sandbox: true });
  expect(development.corsOrigins).toContain('http://localhost:5173');
  const chosen = loadRouterConfig({
    NODE_ENV: 'production',
    ...secrets,
    INTROSPECTION: 'true',
    CORS_ORIGINS: 'https://trade.example.com, https://admin.example.com',
  });
  expect(chosen).toMatchObject({ introspection: true, sandbox: false, corsOrigins: ['https://trade.example.com', 'https://admin.example.com'] });
});

test('operation limits and rate limits come from the environment', () => {
  const config = loadRouterConfig({ MAX_DEPTH: '8', MAX_COST: '500', RATE_LIMIT_PER_USER: '60', RATE_LIMIT_PER_KEY: '90' });
  expect(config.limits).toMatchObject({ maxDepth: 8, maxCost: 500 });
  expect(config.rateLimits).toEqual({ perUserPerMinute: 60, perKeyPerMinute: 90, perAddressPerMinute: 300 });
  expect(() => loadRouterConfig({ MAX_DEPTH: '0' })).toThrow(/MAX_DEPTH/);
  expect(() => loadRouterConfig({ INTROSPECTION: 'maybe' })).toThrow(/INTROSPECTION: must be true or false/);
});

test('socket limits come from the environment, with the documented defaults', () => {
  expect(loadRouterConfig({}).socketLimits).toMatchObject({
    maxConnections: 10_000,
    maxSubscriptionsPerConnection: 25,
    maxQueuedEvents: 100,
    keepAliveMs: 12_000,
  });
  const config = loadRouterConfig({
    MAX_SOCKETS: '20000',
    MAX_SUBSCRIPTIONS_PER_SOCKET: '5',
    SOCKET_QUEUED_EVENTS: '10',
    SOCKET_KEEPALIVE_MS: '5000',
  });
  expect(config.socketLimits).toMatchObject({ maxConnections: 20_000, maxSubscriptionsPerConnection: 5, maxQueuedEvents: 10, keepAliveMs: 5000 });
  expect(() => loadRouterConfig({ MAX_SOCKETS: '0' })).toThrow(/MAX_SOCKETS/);
  expect(() => loadRouterConfig({ SOCKET_KEEPALIVE_MS: '10' })).toThrow(/SOCKET_KEEPALIVE_MS/);
});
