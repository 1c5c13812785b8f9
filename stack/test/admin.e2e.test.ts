import { codes, gql, registerUser, runCreateAdmin, startTestStack } from './support';

// Admins: created by the command only; they manage assets and read any account; customers cannot.

let stack: Awaited<ReturnType<typeof startTestStack>>;
let admin: string;
let customer: Awaited<ReturnType<typeof registerUser>>;

beforeAll(async () => {
  stack = await startTestStack();
  const created = await runCreateAdmin(stack, ['--username', 'ops_admin', '--email', 'ops@example.com'], 'an admin password');
  expect(created).toMatchObject({ code: 0 });
  expect(created.output).toMatch(/Created the admin ops_admin/);
  const login = await gql<{ login: { token: string; user: { role: string } } }>(
    stack.routerUrl,
    'mutation { login(input: { username: "ops_admin", password: "an admin password" }) { token user { role } } }',
  );
  expect(login.data?.login.user.role).toBe('ADMIN');
  admin = login.data!.login.token;
  customer = await registerUser(stack.routerUrl, 'client');
  await gql(stack.routerUrl, 'mutation { deposit(amount: "1000") { id } }', {}, customer.token);
}, 60_000);
afterAll(() => stack?.close());

test('the command refuses a taken username and never weakens validation', async () => {
  expect(await runCreateAdmin(stack, ['--username', 'ops_admin', '--email', 'other@example.com'], 'an admin password')).toMatchObject({ code: 1 });
  const short = await runCreateAdmin(stack, ['--username', 'ops_two', '--email', 'two@example.com'], 'short');
  expect(short.code).toBe(1);
  expect(short.output).toMatch(/password must be at least 8 characters/);
}, 30_000);

test('register cannot make an admin', async () => {
  const response = await gql(
    stack.routerUrl,
    'mutation { register(input: { username: "sneaky", email: "s@example.com", password: "long enough", firstName: "S", lastName: "N", role: ADMIN }) { token } }',
  );
  expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
});

test('an admin lists and reads users, including their orders and ledger', async () => {
  const list = await gql<{ users: { edges: { node: { username: string; role: string } }[] } }>(
    stack.routerUrl,
    '{ users(first: 100, filter: { search: "CLIENT" }) { edges { node { username role } } } }',
    {},
    admin,
  );
  expect(list.data?.users.edges.map((e) => e.node)).toEqual([{ username: customer.username, role: 'CUSTOMER' }]);
  const admins = await gql<{ users: { edges: { node: { username: string } }[] } }>(
    stack.routerUrl,
    '{ users(filter: { role: ADMIN }) { edges { node { username } } } }',
    {},
    admin,
  );
  expect(admins.data?.users.edges.map((e) => e.node.username)).toEqual(['ops_admin']);

  await gql(
    stack.routerUrl,
    'mutation { placeOrder(input: { symbol: "ETH", side: BUY, type: MARKET, quantity: "0.01" }) { id } }',
    {},
    customer.token,
  );
  const one = await gql<{
    user: { username: string; balance: string; orders: { edges: unknown[] }; transactions: { edges: { node: { type: string } }[] } };
  }>(
    stack.routerUrl,
    'query($id: ID!) { user(id: $id) { username balance orders { edges { node { id } } } transactions { edges { node { type } } } } }',
    { id: customer.id },
    admin,
  );
  expect(one.errors).toBeUndefined();
  expect(one.data?.user.username).toBe(customer.username);
  expect(one.data?.user.orders.edges).toHaveLength(1);
  expect(one.data?.user.transactions.edges.map((e) => e.node.type)).toEqual(['BUY', 'DEPOSIT']);
});

test('an admin creates, reprices and delists an asset; customers see it and then cannot trade it', async () => {
  const created = await gql<{ createAsset: { symbol: string; price: string; active: boolean } }>(
    stack.routerUrl,
    'mutation { createAsset(input: { symbol: "tst", name: "Test Coin", description: "For tests.", category: MEME, price: "2.5" }) { symbol price active } }',
    {},
    admin,
  );
  expect(created.data?.createAsset).toEqual({ symbol: 'TST', price: '2.5', active: true });
  const again = await gql(
    stack.routerUrl,
    'mutation { createAsset(input: { symbol: "TST", name: "Again", description: "", category: MEME, price: "1" }) { symbol } }',
    {},
    admin,
  );
  expect(codes(again)).toEqual(['CONFLICT']);

  const repriced = await gql<{ updateAsset: { price: string } }>(
    stack.routerUrl,
    'mutation { updateAsset(symbol: "TST", input: { price: "3.25" }) { price } }',
    {},
    admin,
  );
  expect(repriced.data?.updateAsset.price).toBe('3.25');
  const bought = await gql<{ placeOrder: { price: string; total: string } }>(
    stack.routerUrl,
    'mutation { placeOrder(input: { symbol: "TST", side: BUY, type: MARKET, quantity: "2" }) { price total } }',
    {},
    customer.token,
  );
  expect(bought.data?.placeOrder).toEqual({ price: '3.25', total: '6.5' });

  await gql(stack.routerUrl, 'mutation { updateAsset(symbol: "TST", input: { active: false }) { active } }', {}, admin);
  const refused = await gql(
    stack.routerUrl,
    'mutation { placeOrder(input: { symbol: "TST", side: BUY, type: MARKET, quantity: "1" }) { id } }',
    {},
    customer.token,
  );
  expect(refused.errors?.[0]).toMatchObject({ message: 'TST is delisted and cannot be traded', extensions: { code: 'BAD_USER_INPUT' } });
  const missing = await gql(stack.routerUrl, 'mutation { updateAsset(symbol: "NOPE", input: { price: "1" }) { price } }', {}, admin);
  expect(codes(missing)).toEqual(['NOT_FOUND']);
});

test.each([
  ['users', '{ users { edges { cursor } } }'],
  ['user', '{ user(id: "x") { id } }'],
  ['createAsset', 'mutation { createAsset(input: { symbol: "NEW", name: "N", description: "", category: MEME, price: "1" }) { symbol } }'],
  ['updateAsset', 'mutation { updateAsset(symbol: "BTC", input: { price: "1" }) { price } }'],
])('a customer is FORBIDDEN %s, and an anonymous caller UNAUTHENTICATED', async (_name, query) => {
  expect(codes(await gql(stack.routerUrl, query, {}, customer.token))).toEqual(['FORBIDDEN']);
  expect(codes(await gql(stack.routerUrl, query))).toEqual(['UNAUTHENTICATED']);
  const btc = await gql<{ asset: { price: string } }>(stack.routerUrl, '{ asset(symbol: "BTC") { price } }');
  expect(btc.data?.asset.price).not.toBe('1');
});

test('admins operate the platform and do not trade: deposit and placeOrder are FORBIDDEN', async () => {
  expect(codes(await gql(stack.routerUrl, 'mutation { deposit(amount: "5") { id } }', {}, admin))).toEqual(['FORBIDDEN']);
  expect(
    codes(await gql(stack.routerUrl, 'mutation { placeOrder(input: { symbol: "BTC", side: BUY, type: MARKET, quantity: "1" }) { id } }', {}, admin)),
  ).toEqual(['FORBIDDEN']);
});
