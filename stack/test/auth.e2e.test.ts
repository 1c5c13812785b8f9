import jwt from 'jsonwebtoken';
import { issueToken, signInternalToken } from '@trading/platform';
import { codes, gql, registerUser, startTestStack } from './support';

// Identity: tokens are verified by the router and again by every subgraph; data is visible to its owner only.

type Stack = Awaited<ReturnType<typeof startTestStack>>;
let stack: Stack;
let alice: Awaited<ReturnType<typeof registerUser>>;
let bob: Awaited<ReturnType<typeof registerUser>>;
let aliceOrderId: string;

beforeAll(async () => {
  stack = await startTestStack();
  [alice, bob] = await Promise.all([registerUser(stack.routerUrl, 'alice'), registerUser(stack.routerUrl, 'bob')]);
  await gql(stack.routerUrl, 'mutation { deposit(amount: "500") { id } }', {}, alice.token);
  const order = await gql<{ placeOrder: { id: string } }>(
    stack.routerUrl,
    'mutation { placeOrder(input: { symbol: "ETH", side: BUY, type: MARKET, quantity: "0.01" }) { id } }',
    {},
    alice.token,
  );
  aliceOrderId = order.data!.placeOrder.id;
});
afterAll(() => stack?.close());

describe('anonymous callers', () => {
  test('read public data and get null for me', async () => {
    const response = await gql<{ me: null; asset: { symbol: string } }>(stack.routerUrl, '{ me { id } asset(symbol: "BTC") { symbol } }');
    expect(response.data).toEqual({ me: null, asset: { symbol: 'BTC' } });
  });

  test.each([
    ['deposit', 'mutation { deposit(amount: "5") { id } }'],
    ['withdraw', 'mutation { withdraw(amount: "5") { id } }'],
    ['placeOrder', 'mutation { placeOrder(input: { symbol: "BTC", side: BUY, type: MARKET, quantity: "1" }) { id } }'],
    ['order', '{ order(id: "01J00000000000000000000000") { id } }'],
    ['updateProfile', 'mutation { updateProfile(input: { firstName: "Eve" }) { id } }'],
  ])('are refused %s with UNAUTHENTICATED', async (_name, query) => {
    expect(codes(await gql(stack.routerUrl, query))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('a token that is present but not valid is refused, never treated as anonymous', () => {
  const base = () => ({ secret: stack.jwt.secret, issuer: stack.jwt.issuer, audience: stack.jwt.audience, ttlSeconds: 3600 });
  const tokens: [string, () => string][] = [
    ['tampered', () => `${alice.token.slice(0, -4)}AAAA`],
    [
      'expired',
      () =>
        jwt.sign({ role: 'CUSTOMER' }, stack.jwt.secret, { subject: alice.id, issuer: 'trading-platform', audience: 'trading-api', expiresIn: -10 }),
    ],
    ['signed with another secret', () => issueToken({ ...base(), secret: 'x'.repeat(40) }, { userId: alice.id, role: 'CUSTOMER', sessionId: 's' })],
    ['from another issuer', () => issueToken({ ...base(), issuer: 'someone-else' }, { userId: alice.id, role: 'CUSTOMER', sessionId: 's' })],
    ['for another audience', () => issueToken({ ...base(), audience: 'other-api' }, { userId: alice.id, role: 'CUSTOMER', sessionId: 's' })],
    ['unsigned (alg none)', () => jwt.sign({ role: 'ADMIN', sub: alice.id, iss: 'trading-platform', aud: 'trading-api' }, '', { algorithm: 'none' })],
    [
      'with an unknown role',
      () => jwt.sign({ role: 'ROOT' }, stack.jwt.secret, { subject: alice.id, issuer: 'trading-platform', audience: 'trading-api' }),
    ],
    ['garbage', () => 'not-a-token'],
  ];

  test.each(tokens)('%s -> 401 UNAUTHENTICATED, even for public data', async (_label, make) => {
    const response = await gql(stack.routerUrl, '{ asset(symbol: "BTC") { symbol } }', {}, make());
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.data ?? null).toBeNull();
  });

  test('an expired token says so', async () => {
    const expired = jwt.sign({ role: 'CUSTOMER' }, stack.jwt.secret, {
      subject: alice.id,
      issuer: 'trading-platform',
      audience: 'trading-api',
      expiresIn: -10,
    });
    const response = await gql(stack.routerUrl, '{ me { id } }', {}, expired);
    expect(response.errors?.[0]).toMatchObject({ message: 'Your session has expired: sign in again', extensions: { reason: 'TOKEN_EXPIRED' } });
  });

  test('an Authorization header that is not Bearer is refused', async () => {
    const response = await fetch(stack.routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic YWxpY2U6cGFzc3dvcmQ=' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(response.status).toBe(401);
  });
});

describe('ownership', () => {
  test("another user's order id finds nothing", async () => {
    const own = await gql<{ order: { id: string } | null }>(
      stack.routerUrl,
      'query($id: ID!) { order(id: $id) { id } }',
      { id: aliceOrderId },
      alice.token,
    );
    expect(own.data?.order?.id).toBe(aliceOrderId);
    const other = await gql<{ order: null }>(stack.routerUrl, 'query($id: ID!) { order(id: $id) { id } }', { id: aliceOrderId }, bob.token);
    expect(other.data).toEqual({ order: null });
  });

  test('me is always the caller', async () => {
    const response = await gql<{ me: { id: string; username: string } }>(stack.routerUrl, '{ me { id username } }', {}, bob.token);
    expect(response.data?.me).toEqual({ id: bob.id, username: bob.username });
  });
});

describe('subgraphs reached directly are no back door', () => {
  const entities = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }';
  const holdings = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { holdings { quantity } } } }';
  const userRef = (id: string) => ({ r: [{ __typename: 'User', id }] });
  const internal = (caller: Parameters<typeof signInternalToken>[1], secret = stack.internalSecret) => signInternalToken(secret, caller);

  test.each([
    ['no credential', () => undefined],
    ["a client's own access token", () => alice.token],
    [
      'an internal token signed with another key',
      () => internal({ identity: { userId: alice.id, role: 'CUSTOMER', sessionId: 's' } }, 'k'.repeat(40)),
    ],
    [
      'an expired internal token',
      () =>
        jwt.sign({ sub: alice.id, role: 'CUSTOMER' }, stack.internalSecret, {
          issuer: 'trading-router',
          audience: 'trading-subgraphs',
          expiresIn: -5,
        }),
    ],
  ])('every subgraph refuses %s with 401 UNAUTHENTICATED', async (_label, credential) => {
    for (const url of Object.values(stack.subgraphUrls)) {
      const response = await gql(url, '{ __typename }', {}, credential());
      expect(response.status).toBe(401);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'NOT_FROM_ROUTER' });
    }
  });

  test("with a router identity, the users subgraph still refuses another user's account", async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { balance } } }';
    const response = await gql(
      stack.subgraphUrls.users,
      query,
      userRef(alice.id),
      internal({ identity: { userId: bob.id, role: 'CUSTOMER', sessionId: 's' } }),
    );
    expect(codes(response)).toEqual(['FORBIDDEN']);
    expect(response.data).toEqual({ _entities: [null] });
  });

  test("with a router identity, the orders subgraph refuses another user's trading data, and anonymous callers", async () => {
    expect(
      codes(
        await gql(
          stack.subgraphUrls.orders,
          holdings,
          userRef(alice.id),
          internal({ identity: { userId: bob.id, role: 'CUSTOMER', sessionId: 's' } }),
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(codes(await gql(stack.subgraphUrls.orders, holdings, userRef(alice.id), internal({ identity: null })))).toEqual(['UNAUTHENTICATED']);
    const own = await gql(
      stack.subgraphUrls.orders,
      holdings,
      userRef(alice.id),
      internal({ identity: { userId: alice.id, role: 'CUSTOMER', sessionId: 's' } }),
    );
    expect(own.errors).toBeUndefined();
  });

  test('the user entity is answered for its owner', async () => {
    const response = await gql(
      stack.subgraphUrls.users,
      entities,
      userRef(alice.id),
      internal({ identity: { userId: alice.id, role: 'CUSTOMER', sessionId: 's' } }),
    );
    expect(response.data).toEqual({ _entities: [{ id: alice.id }] });
  });
});
