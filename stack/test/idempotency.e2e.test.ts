import { codes, d, gql, registerUser, startTestStack } from './support';

// Idempotency keys: a retried deposit, withdrawal or order executes once, even sent concurrently, even by two
// stacks that share a database but no lock; the same key with another request is CONFLICT and changes nothing.

type Stack = Awaited<ReturnType<typeof startTestStack>>;
let stack: Stack;
let twin: Stack;
beforeAll(async () => {
  stack = await startTestStack();
  // A second platform on the same database, with its own in-process locks: only DynamoDB's conditions are shared.
  twin = await startTestStack({ dynamoEndpoint: stack.dynamoEndpoint, jwt: stack.jwt, internalSecret: stack.internalSecret });
});
afterAll(async () => {
  await twin?.close();
  await stack?.close();
});

const DEPOSIT = 'mutation($a: Decimal!, $k: String) { deposit(amount: $a, idempotencyKey: $k) { id amount balanceAfter } }';
const WITHDRAW = 'mutation($a: Decimal!, $k: String) { withdraw(amount: $a, idempotencyKey: $k) { id amount balanceAfter } }';
const ORDER = 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id clientOrderId status quantity total } }';
const BOOKS =
  '{ me { balance holdings { quantity asset { symbol } } orders(first: 100) { edges { node { id } } } transactions(first: 100) { edges { node { id } } } } }';

interface Entry {
  id: string;
  amount: string;
  balanceAfter: string;
}

test('a retried deposit returns the first entry and credits once; "100" and "100.00" are the same request', async () => {
  const user = await registerUser(stack.routerUrl, 'retry');
  const first = await gql<{ deposit: Entry }>(stack.routerUrl, DEPOSIT, { a: '100', k: 'dep-1' }, user.token);
  const again = await gql<{ deposit: Entry }>(stack.routerUrl, DEPOSIT, { a: '100.00', k: 'dep-1' }, user.token);
  expect(again.data?.deposit).toEqual(first.data?.deposit);
  const books = await gql<{ me: { balance: string } }>(stack.routerUrl, '{ me { balance } }', {}, user.token);
  expect(books.data?.me.balance).toBe('100');
});

test('the same key with another amount, or for a withdrawal, is CONFLICT and moves nothing', async () => {
  const user = await registerUser(stack.routerUrl, 'conflict');
  await gql(stack.routerUrl, DEPOSIT, { a: '50', k: 'key_A' }, user.token);
  const before = await gql(stack.routerUrl, BOOKS, {}, user.token);
  const otherAmount = await gql(stack.routerUrl, DEPOSIT, { a: '51', k: 'key_A' }, user.token);
  expect(otherAmount.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
  expect(codes(await gql(stack.routerUrl, WITHDRAW, { a: '50', k: 'key_A' }, user.token))).toEqual(['CONFLICT']);
  expect((await gql(stack.routerUrl, BOOKS, {}, user.token)).data).toEqual(before.data);
});

test.each([
  ['empty', ''],
  ['65 characters', 'k'.repeat(65)],
  ['a space', 'my key'],
  ['a slash', 'a/b'],
])('a key that is %s is BAD_USER_INPUT', async (_label, key) => {
  const user = await registerUser(stack.routerUrl, 'badkey');
  const response = await gql(stack.routerUrl, DEPOSIT, { a: '1', k: key }, user.token);
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
});

test('keys are per user: two users may use the same key', async () => {
  const [a, b] = await Promise.all([registerUser(stack.routerUrl, 'same_a'), registerUser(stack.routerUrl, 'same_b')]);
  const ra = await gql<{ deposit: Entry }>(stack.routerUrl, DEPOSIT, { a: '10', k: 'shared' }, a.token);
  const rb = await gql<{ deposit: Entry }>(stack.routerUrl, DEPOSIT, { a: '20', k: 'shared' }, b.token);
  expect([ra.data?.deposit.balanceAfter, rb.data?.deposit.balanceAfter]).toEqual(['10', '20']);
});

test('20 concurrent deposits with one key, across two stacks that share no lock, credit once', async () => {
  const user = await registerUser(stack.routerUrl, 'storm');
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      gql<{ deposit: Entry }>((i % 2 ? twin : stack).routerUrl, DEPOSIT, { a: '250', k: 'storm-key' }, user.token),
    ),
  );
  // Each either returns the one entry or, having lost the race after its retries, asks for a retry (CONFLICT).
  const ids = new Set(results.flatMap((r) => (r.data?.deposit ? [r.data.deposit.id] : [])));
  expect(ids.size).toBe(1);
  expect(results.every((r) => r.data?.deposit || codes(r)[0] === 'CONFLICT')).toBe(true);
  const me = await gql<{ me: { balance: string; transactions: { edges: unknown[] } } }>(
    stack.routerUrl,
    '{ me { balance transactions { edges { cursor } } } }',
    {},
    user.token,
  );
  expect(me.data?.me).toMatchObject({ balance: '250' });
  expect(me.data?.me.transactions.edges).toHaveLength(1);
});

describe('orders', () => {
  test('a retried order returns the first and trades once; order(clientOrderId:) finds it', async () => {
    const user = await registerUser(stack.routerUrl, 'bot');
    await gql(stack.routerUrl, DEPOSIT, { a: '1000' }, user.token);
    const input = { symbol: 'ETH', side: 'BUY', type: 'MARKET', quantity: '0.05', clientOrderId: 'bot-0001' };
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        gql<{ placeOrder: { id: string; clientOrderId: string } }>((i % 2 ? twin : stack).routerUrl, ORDER, { i: input }, user.token),
      ),
    );
    const ids = new Set(results.flatMap((r) => (r.data?.placeOrder ? [r.data.placeOrder.id] : [])));
    expect(ids.size).toBe(1);
    const [orderId] = [...ids];
    const later = await gql<{ placeOrder: { id: string; clientOrderId: string } }>(stack.routerUrl, ORDER, { i: input }, user.token);
    expect(later.data?.placeOrder).toMatchObject({ id: orderId, clientOrderId: 'bot-0001' });

    const me = await gql<{ me: { holdings: { quantity: string }[]; orders: { edges: unknown[] } } }>(
      stack.routerUrl,
      '{ me { holdings { quantity } orders { edges { cursor } } } }',
      {},
      user.token,
    );
    expect(me.data?.me.holdings).toEqual([{ quantity: '0.05' }]);
    expect(me.data?.me.orders.edges).toHaveLength(1);

    const found = await gql<{ order: { id: string } }>(
      stack.routerUrl,
      'query($c: String!) { order(clientOrderId: $c) { id } }',
      { c: 'bot-0001' },
      user.token,
    );
    expect(found.data?.order.id).toBe(orderId);
    const conflict = await gql(stack.routerUrl, ORDER, { i: { ...input, quantity: '0.06' } }, user.token);
    expect(conflict.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'clientOrderId' });
  });

  test("another user's clientOrderId finds nothing, and a refused order does not use up its key", async () => {
    const [owner, other] = await Promise.all([registerUser(stack.routerUrl, 'owner'), registerUser(stack.routerUrl, 'other')]);
    const input = { symbol: 'BTC', side: 'BUY', type: 'MARKET', quantity: '0.001', clientOrderId: 'first-try' };
    expect(codes(await gql(stack.routerUrl, ORDER, { i: input }, owner.token))).toEqual(['INSUFFICIENT_FUNDS']);
    await gql(stack.routerUrl, DEPOSIT, { a: '1000' }, owner.token);
    const placed = await gql<{ placeOrder: { status: string; total: string } }>(stack.routerUrl, ORDER, { i: input }, owner.token);
    expect(placed.data?.placeOrder.status).toBe('FILLED');
    const lookup = await gql(stack.routerUrl, 'query($c: String!) { order(clientOrderId: $c) { id } }', { c: 'first-try' }, other.token);
    expect(lookup.data).toEqual({ order: null });
    expect(d(1000).minus(placed.data!.placeOrder.total).toFixed()).toBe(
      (await gql<{ me: { balance: string } }>(stack.routerUrl, '{ me { balance } }', {}, owner.token)).data?.me.balance,
    );
  });

  test('order() needs exactly one of id and clientOrderId', async () => {
    const user = await registerUser(stack.routerUrl, 'lookup');
    expect(codes(await gql(stack.routerUrl, '{ order { id } }', {}, user.token))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(stack.routerUrl, '{ order(id: "x", clientOrderId: "y") { id } }', {}, user.token))).toEqual(['BAD_USER_INPUT']);
  });
});
