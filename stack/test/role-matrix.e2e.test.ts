import { adminToken, codes, gql, registerUser, startTestStack } from './support';

// Every protected field and mutation, for every kind of caller, through the router. Each expectation is written
// out: OK (no error, data present), a code, or NULL (no error, nothing visible: another user's data).

type Role = 'anonymous' | 'alice' | 'bob' | 'admin';
type Outcome = 'OK' | 'NULL' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT';

let stack: Awaited<ReturnType<typeof startTestStack>>;
const tokens: Partial<Record<Role, string>> = {};
let aliceId = '';
let aliceOrder = '';

beforeAll(async () => {
  stack = await startTestStack();
  tokens.admin = await adminToken(stack, 'matrix_admin');
  const alice = await registerUser(stack.routerUrl, 'alice');
  const bob = await registerUser(stack.routerUrl, 'bob');
  [tokens.alice, tokens.bob, aliceId] = [alice.token, bob.token, alice.id];
  for (const token of [alice.token, bob.token]) await gql(stack.routerUrl, 'mutation { deposit(amount: "1000") { id } }', {}, token);
  aliceOrder = (
    await gql<{ placeOrder: { id: string } }>(
      stack.routerUrl,
      'mutation { placeOrder(input: { symbol: "ETH", side: BUY, type: MARKET, quantity: "0.01" }) { id } }',
      {},
      alice.token,
    )
  ).data!.placeOrder.id;
}, 60_000);
afterAll(() => stack?.close());

/** Runs an operation as a role and reduces the response to an outcome. */
async function outcome(role: Role, query: () => string): Promise<Outcome> {
  const response = await gql(stack.routerUrl, query(), {}, tokens[role]);
  const code = codes(response)[0];
  if (code) return code as Outcome;
  const values = Object.values(response.data ?? {});
  return values.length > 0 && values.every((value) => value !== null) ? 'OK' : 'NULL';
}

const cases: [string, () => string, Record<Role, Outcome>][] = [
  // Queries
  [
    'Query.users (admin)',
    () => '{ users { edges { node { id } } } }',
    { anonymous: 'UNAUTHENTICATED', alice: 'FORBIDDEN', bob: 'FORBIDDEN', admin: 'OK' },
  ],
  [
    'Query.user (admin)',
    () => `{ user(id: "${aliceId}") { id } }`,
    { anonymous: 'UNAUTHENTICATED', alice: 'FORBIDDEN', bob: 'FORBIDDEN', admin: 'OK' },
  ],
  [
    "Query.order: alice's order",
    () => `{ order(id: "${aliceOrder}") { id total } }`,
    { anonymous: 'UNAUTHENTICATED', alice: 'OK', bob: 'NULL', admin: 'OK' },
  ],
  ['Query.me: public fields', () => '{ me { id username role } }', { anonymous: 'NULL', alice: 'OK', bob: 'OK', admin: 'OK' }],
  ['User.email, phone, balance (own)', () => '{ me { email phone balance } }', { anonymous: 'UNAUTHENTICATED', alice: 'OK', bob: 'OK', admin: 'OK' }],
  [
    'User.transactions (own)',
    () => '{ me { transactions { edges { cursor } } } }',
    { anonymous: 'UNAUTHENTICATED', alice: 'OK', bob: 'OK', admin: 'OK' },
  ],
  [
    'User.orders, holdings, portfolio (own)',
    () => '{ me { orders { edges { cursor } } holdings { quantity } portfolio { totalValue } } }',
    { anonymous: 'UNAUTHENTICATED', alice: 'OK', bob: 'OK', admin: 'OK' },
  ],
  [
    "alice's private fields through user(id)",
    () =>
      `{ user(id: "${aliceId}") { email balance transactions { edges { cursor } } orders { edges { cursor } } holdings { quantity } portfolio { totalValue } } }`,
    { anonymous: 'UNAUTHENTICATED', alice: 'FORBIDDEN', bob: 'FORBIDDEN', admin: 'OK' },
  ],
  [
    'private user fields reached through an entity (order.user)',
    () => `{ order(id: "${aliceOrder}") { user { username balance portfolio { totalValue } } asset { name } } }`,
    { anonymous: 'UNAUTHENTICATED', alice: 'OK', bob: 'NULL', admin: 'OK' },
  ],
  [
    'Query.asset, assets (public)',
    () => '{ asset(symbol: "BTC") { price } assets(first: 1) { totalCount } }',
    { anonymous: 'OK', alice: 'OK', bob: 'OK', admin: 'OK' },
  ],
  // Mutations
  [
    'Mutation.deposit (customer)',
    () => 'mutation { deposit(amount: "1") { id } }',
    { anonymous: 'UNAUTHENTICATED', alice: 'OK', bob: 'OK', admin: 'FORBIDDEN' },
  ],
  [
    'Mutation.withdraw (customer)',
    () => 'mutation { withdraw(amount: "1") { id } }',
    { anonymous: 'UNAUTHENTICATED', alice: 'OK', bob: 'OK', admin: 'FORBIDDEN' },
  ],
  [
    'Mutation.placeOrder (customer)',
    () => 'mutation { placeOrder(input: { symbol: "ETH", side: BUY, type: MARKET, quantity: "0.001" }) { id } }',
    { anonymous: 'UNAUTHENTICATED', alice: 'OK', bob: 'OK', admin: 'FORBIDDEN' },
  ],
  [
    'Mutation.updateProfile (signed in)',
    () => 'mutation { updateProfile(input: { lastName: "Changed" }) { lastName } }',
    { anonymous: 'UNAUTHENTICATED', alice: 'OK', bob: 'OK', admin: 'OK' },
  ],
  [
    'Mutation.changePassword (signed in; a wrong current password proves the resolver ran)',
    () => 'mutation { changePassword(input: { currentPassword: "not the password", newPassword: "something new 1" }) }',
    { anonymous: 'UNAUTHENTICATED', alice: 'BAD_USER_INPUT', bob: 'BAD_USER_INPUT', admin: 'BAD_USER_INPUT' },
  ],
  [
    'Mutation.createAsset (admin)',
    () =>
      `mutation { createAsset(input: { symbol: "M${Math.floor(Math.random() * 1e6)}", name: "Matrix", description: "", category: MEME, price: "1" }) { symbol } }`,
    { anonymous: 'UNAUTHENTICATED', alice: 'FORBIDDEN', bob: 'FORBIDDEN', admin: 'OK' },
  ],
  [
    'Mutation.updateAsset (admin)',
    () => 'mutation { updateAsset(symbol: "DOGE", input: { description: "Much wow." }) { symbol } }',
    { anonymous: 'UNAUTHENTICATED', alice: 'FORBIDDEN', bob: 'FORBIDDEN', admin: 'OK' },
  ],
];

describe.each(cases)('%s', (_name, query, expected) => {
  test.each(Object.entries(expected) as [Role, Outcome][])('%s -> %s', async (role, want) => {
    expect(await outcome(role, query)).toBe(want);
  });
});

test('a denied field is reported at its path and the rest of the operation still runs', async () => {
  const response = await gql<{ asset: { symbol: string }; users: null }>(
    stack.routerUrl,
    '{ asset(symbol: "BTC") { symbol } users { edges { cursor } } }',
    {},
    tokens.alice,
  );
  expect(response.data).toEqual({ asset: { symbol: 'BTC' }, users: null });
  expect(response.errors).toEqual([
    { message: 'Forbidden field or type: Query.users requires the scope admin', path: ['users'], extensions: { code: 'FORBIDDEN' } },
  ]);
});

test('a denied field inside a named fragment is removed there too', async () => {
  const response = await gql(
    stack.routerUrl,
    'query { ...Admin asset(symbol: "ETH") { symbol } } fragment Admin on Query { u: users { edges { cursor } } }',
    {},
    tokens.bob,
  );
  expect(response.data).toEqual({ u: null, asset: { symbol: 'ETH' } });
  expect(response.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['u'], 'FORBIDDEN']]);
});

test('a denied mutation field is not executed, and an allowed one beside it is', async () => {
  const before = (await gql<{ me: { balance: string } }>(stack.routerUrl, '{ me { balance } }', {}, tokens.bob)).data!.me.balance;
  const response = await gql<{ deposit: { amount: string } }>(
    stack.routerUrl,
    'mutation { deposit(amount: "2") { amount } a: updateAsset(symbol: "BTC", input: { price: "1" }) { price } }',
    {},
    tokens.bob,
  );
  expect(codes(response)).toEqual(['FORBIDDEN']);
  // updateAsset's result is non-null: the whole mutation is refused rather than half-run.
  expect(response.data).toBeNull();
  const after = (await gql<{ me: { balance: string } }>(stack.routerUrl, '{ me { balance } }', {}, tokens.bob)).data!.me.balance;
  expect(after).toBe(before);
  expect((await gql<{ asset: { price: string } }>(stack.routerUrl, '{ asset(symbol: "BTC") { price } }')).data!.asset.price).not.toBe('1');
});
