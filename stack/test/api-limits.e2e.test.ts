import { codes, gql, registerUser, startTestStack } from './support';

// The router refuses abusive operations before any subgraph is called, each with a code naming the limit.

let stack: Awaited<ReturnType<typeof startTestStack>>;
let token: string;
beforeAll(async () => {
  stack = await startTestStack({ router: { corsOrigins: ['http://localhost:5173'] } });
  token = (await registerUser(stack.routerUrl, 'limits')).token;
});
afterAll(() => stack?.close());

const nested = (depth: number) => `{ me { ${'orders { edges { node { user { '.repeat(depth)}id${' } } } }'.repeat(depth)} } }`;

test.each([
  ['deeper than 12 levels', nested(3), 'MAX_DEPTH_EXCEEDED'],
  ['more than 30 aliases', `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: asset(symbol: "BTC") { symbol }`).join(' ')} }`, 'MAX_ALIASES_EXCEEDED'],
  ['more than 50 directives', `{ me { id ${Array.from({ length: 51 }, () => '@include(if: true)').join(' ')} } }`, 'MAX_DIRECTIVES_EXCEEDED'],
  ['more than 5000 tokens', `{ ${'me { id } '.repeat(1300)} }`, 'MAX_TOKENS_EXCEEDED'],
  [
    'an estimated cost over 10000',
    '{ me { orders(first: 100) { edges { node { user { orders(first: 100) { edges { node { id total } } } } } } } } }',
    'MAX_COST_EXCEEDED',
  ],
])('refuses an operation %s, as a 400 without data', async (_label, query, code) => {
  const response = await gql(stack.routerUrl, query, {}, token);
  expect(codes(response)).toContain(code);
  expect(response.status).toBe(400);
  expect(response.data ?? null).toBeNull();
});

test('an over-limit mutation executes nothing', async () => {
  const deposits = Array.from({ length: 31 }, (_, i) => `d${i}: deposit(amount: "1") { id }`).join(' ');
  const response = await gql(stack.routerUrl, `mutation { ${deposits} }`, {}, token);
  expect(codes(response)).toContain('MAX_ALIASES_EXCEEDED');
  const me = await gql<{ me: { balance: string } }>(stack.routerUrl, '{ me { balance } }', {}, token);
  expect(me.data?.me.balance).toBe('0');
});

test('the root-field limit counts fields, not aliases, through fragments', async () => {
  const fields = Array.from({ length: 11 }, (_, i) => `x${i}: asset(symbol: "BTC") { symbol }`).join(' ');
  const response = await gql(
    stack.routerUrl,
    `query { ...A ...B } fragment A on Query { ${fields} } fragment B on Query { ${fields.replace(/x(\d+)/g, 'y$1')} }`,
  );
  expect(codes(response)).toContain('MAX_ROOT_FIELDS_EXCEEDED');
});

test('the cost of a paged list follows its first argument, also through variables', async () => {
  const query = 'query($n: Int) { me { orders(first: $n) { edges { node { user { orders(first: $n) { edges { node { id } } } } } } } } }';
  expect(codes(await gql(stack.routerUrl, query, { n: 100 }, token))).toEqual(['MAX_COST_EXCEEDED']);
  const small = await gql(stack.routerUrl, query, { n: 5 }, token);
  expect(small.errors).toBeUndefined();
});

test('the everyday dashboard query is well within every limit', async () => {
  const response = await gql(
    stack.routerUrl,
    `{ me { username balance holdings { quantity asset { symbol } }
       portfolio { cashBalance holdingsValue totalValue positions { quantity averageCost marketValue unrealizedPnl asset { symbol name price change24h } } }
       orders(first: 50) { edges { node { id side type status quantity price total createdAt asset { symbol name } } } pageInfo { hasNextPage endCursor } }
       transactions(first: 50) { edges { node { id type amount balanceAfter createdAt orderId } } pageInfo { hasNextPage endCursor } } } }`,
    {},
    token,
  );
  expect(response.errors).toBeUndefined();
});

describe('HTTP', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(stack.routerUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  test('a body over 1 MiB is refused with 413', async () => {
    const response = await post(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1024 * 1024) } }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('malformed JSON is refused with 400 BAD_REQUEST', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
  });

  test('batched operations are refused', async () => {
    const response = await post(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expect(response.status).toBe(400);
  });

  test('CSRF prevention refuses a simple cross-site request', async () => {
    const response = await fetch(`${stack.routerUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
  });

  test('CORS answers allowed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(stack.routerUrl, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
    const allowed = await preflight('http://localhost:5173');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await post(JSON.stringify({ query: '{ __typename }' }), { origin: 'https://evil.example' });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('production switches', () => {
  let closed: Awaited<ReturnType<typeof startTestStack>>;
  beforeAll(async () => {
    closed = await startTestStack({ router: { introspection: false, sandbox: false } });
  });
  afterAll(() => closed?.close());

  test('with introspection off, the schema cannot be read', async () => {
    const response = await gql(closed.routerUrl, '{ __schema { types { name } } }');
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.errors?.[0]?.message).toMatch(/introspection/i);
  });

  test('with Sandbox off, a browser gets no landing page, and the API still answers', async () => {
    const page = await fetch(closed.routerUrl, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toContain('text/html');
    expect((await gql(closed.routerUrl, '{ asset(symbol: "BTC") { symbol } }')).data).toEqual({ asset: { symbol: 'BTC' } });
  });
});

test('a candle series costs by its length: sparklines for a page of assets pass, 1,000 candles for each of 100 do not', async () => {
  const sparklines = await gql(
    stack.routerUrl,
    '{ assets(first: 20) { edges { node { symbol candles(interval: ONE_HOUR, last: 168) { close } } } } }',
  );
  expect(sparklines.errors).toBeUndefined();
  const everything = await gql(
    stack.routerUrl,
    '{ assets(first: 100) { edges { node { candles(interval: ONE_MINUTE, last: 1000) { start open high low close } } } } }',
  );
  expect(codes(everything)).toEqual(['MAX_COST_EXCEEDED']);
  // A range without `last` is charged as its longest.
  const ranges = await gql(
    stack.routerUrl,
    '{ assets(first: 100) { edges { node { candles(interval: ONE_DAY, from: "2026-06-01T00:00:00Z") { start open high low close } } } } }',
  );
  expect(codes(ranges)).toEqual(['MAX_COST_EXCEEDED']);
});
