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
