import { codes, gql, registerUser, startTestStack } from './support';

// Every refusal through the router carries its documented code, and changes nothing.

type Stack = Awaited<ReturnType<typeof startTestStack>>;
let stack: Stack;
let trader: Awaited<ReturnType<typeof registerUser>>;

const STATE =
  '{ me { balance email holdings { quantity asset { symbol } } orders(first: 100) { edges { node { id } } } transactions(first: 100) { edges { node { id } } } } }';
const DEPOSIT = 'mutation($a: Decimal!) { deposit(amount: $a) { id } }';
const WITHDRAW = 'mutation($a: Decimal!) { withdraw(amount: $a) { id } }';
const ORDER = 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }';
const REGISTER = 'mutation($i: RegisterInput!) { register(input: $i) { token } }';
const buy = (symbol: string, quantity: unknown) => ({ i: { symbol, side: 'BUY', type: 'MARKET', quantity } });
const sell = (symbol: string, quantity: unknown) => ({ i: { symbol, side: 'SELL', type: 'MARKET', quantity } });

beforeAll(async () => {
  stack = await startTestStack();
  trader = await registerUser(stack.routerUrl, 'careful');
  await gql(stack.routerUrl, DEPOSIT, { a: '1000' }, trader.token);
  const order = await gql(stack.routerUrl, ORDER, buy('BTC', '0.001'), trader.token);
  expect(order.errors).toBeUndefined();
});
afterAll(() => stack?.close());

const cases: [string, string, Record<string, unknown>, string][] = [
  ['negative deposit', DEPOSIT, { a: '-5' }, 'BAD_USER_INPUT'],
  ['zero deposit', DEPOSIT, { a: '0' }, 'BAD_USER_INPUT'],
  ['zero deposit with decimals', DEPOSIT, { a: '0.00' }, 'BAD_USER_INPUT'],
  ['non-numeric deposit', DEPOSIT, { a: 'abc' }, 'BAD_USER_INPUT'],
  ['NaN deposit', DEPOSIT, { a: 'NaN' }, 'BAD_USER_INPUT'],
  ['Infinity deposit', DEPOSIT, { a: 'Infinity' }, 'BAD_USER_INPUT'],
  ['exponent deposit', DEPOSIT, { a: '1e6' }, 'BAD_USER_INPUT'],
  ['hex deposit', DEPOSIT, { a: '0x10' }, 'BAD_USER_INPUT'],
  ['signed deposit', DEPOSIT, { a: '+5' }, 'BAD_USER_INPUT'],
  ['deposit with spaces', DEPOSIT, { a: ' 5' }, 'BAD_USER_INPUT'],
  ['empty deposit', DEPOSIT, { a: '' }, 'BAD_USER_INPUT'],
  ['over-precise deposit', DEPOSIT, { a: '1.001' }, 'BAD_USER_INPUT'],
  ['deposit as a JSON number', DEPOSIT, { a: 5 }, 'BAD_USER_INPUT'],
  ['deposit above the maximum', DEPOSIT, { a: '10000000.01' }, 'BAD_USER_INPUT'],
  ['deposit of 100 digits', DEPOSIT, { a: '9'.repeat(100) }, 'BAD_USER_INPUT'],
  ['withdraw beyond the balance', WITHDRAW, { a: '99999999' }, 'INSUFFICIENT_FUNDS'],
  ['negative withdrawal', WITHDRAW, { a: '-1' }, 'BAD_USER_INPUT'],
  ['over-precise withdrawal', WITHDRAW, { a: '0.001' }, 'BAD_USER_INPUT'],
  ['buy beyond the balance', ORDER, buy('BTC', '1000000'), 'INSUFFICIENT_FUNDS'],
  ['sell an asset not held', ORDER, sell('ETH', '1'), 'INSUFFICIENT_HOLDINGS'],
  ['sell more than held', ORDER, sell('BTC', '0.002'), 'INSUFFICIENT_HOLDINGS'],
  ['unknown symbol', ORDER, buy('NOPE', '1'), 'NOT_FOUND'],
  ['malformed symbol', ORDER, buy('B T C', '1'), 'BAD_USER_INPUT'],
  ['overlong symbol', ORDER, buy('X'.repeat(200), '1'), 'BAD_USER_INPUT'],
  ['zero quantity', ORDER, buy('BTC', '0'), 'BAD_USER_INPUT'],
  ['negative quantity', ORDER, buy('BTC', '-1'), 'BAD_USER_INPUT'],
  ['exponent quantity', ORDER, buy('BTC', '1e-3'), 'BAD_USER_INPUT'],
  ['quantity beyond 8 decimals', ORDER, buy('BTC', '0.000000001'), 'BAD_USER_INPUT'],
  ['order worth less than a cent', ORDER, buy('BTC', '0.00000001'), 'BAD_USER_INPUT'],
  ['unknown side', ORDER, { i: { symbol: 'BTC', side: 'HOLD', type: 'MARKET', quantity: '1' } }, 'BAD_USER_INPUT'],
  ['page size 0', 'query { me { transactions(first: 0) { edges { cursor } } } }', {}, 'BAD_USER_INPUT'],
  ['page size 101', 'query { me { orders(first: 101) { edges { cursor } } } }', {}, 'BAD_USER_INPUT'],
  ['forged cursor', 'query { me { orders(after: "bm90IGEgY3Vyc29y") { edges { cursor } } } }', {}, 'BAD_USER_INPUT'],
  ['malformed email in profile', 'mutation { updateProfile(input: { email: "not-an-email" }) { id } }', {}, 'BAD_USER_INPUT'],
  [
    'wrong current password',
    'mutation { changePassword(input: { currentPassword: "not my password", newPassword: "another long one" }) }',
    {},
    'BAD_USER_INPUT',
  ],
];

test.each(cases)('refuses %s', async (_label, query, variables, code) => {
  const before = await gql(stack.routerUrl, STATE, {}, trader.token);
  const response = await gql(stack.routerUrl, query, variables, trader.token);
  expect(codes(response)).toContain(code);
  expect(response.errors?.[0]?.message).toMatch(/\w{3,}/);
  const after = await gql(stack.routerUrl, STATE, {}, trader.token);
  expect(after.data).toEqual(before.data);
});

test('a refused input names the offending field', async () => {
  const response = await gql(stack.routerUrl, DEPOSIT, { a: '1.001' }, trader.token);
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
  expect(response.errors?.[0]?.message).toBe('amount must have at most 2 decimal places');
});

describe('registration', () => {
  const input = (overrides: Record<string, unknown> = {}) => ({
    i: {
      username: `new_${Date.now().toString(36)}`,
      email: `new${Date.now()}@example.com`,
      password: 'long enough pw',
      firstName: 'Grace',
      lastName: 'Hopper',
      ...overrides,
    },
  });

  test.each([
    ['a short username', { username: 'ab' }, 'username'],
    ['a username with spaces', { username: 'bad name' }, 'username'],
    ['a malformed email', { email: 'grace@' }, 'email'],
    ['a short password', { password: 'short' }, 'password'],
    ['a password beyond 72 bytes', { password: 'é'.repeat(40) }, 'password'],
    ['an empty first name', { firstName: '  ' }, 'firstName'],
    ['a malformed phone', { phone: 'call me' }, 'phone'],
  ])('refuses %s as BAD_USER_INPUT', async (_label, overrides, field) => {
    const response = await gql(stack.routerUrl, REGISTER, input(overrides));
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(response.data).toBeNull();
  });

  test('refuses a taken username (ignoring case) or email with CONFLICT, and creates nothing', async () => {
    const upper = await gql(stack.routerUrl, REGISTER, input({ username: trader.username.toUpperCase() }));
    expect(upper.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'username' });
    const refused = input({ email: `${trader.username}@Example.com` });
    const sameEmail = await gql(stack.routerUrl, REGISTER, refused);
    expect(sameEmail.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
    // The refused attempt left nothing behind: its username is still free.
    const retry = await gql(stack.routerUrl, REGISTER, { i: { ...refused.i, email: `fresh${Date.now()}@example.com` } });
    expect(retry.errors).toBeUndefined();
  });

  test('registers one of two concurrent attempts at the same username', async () => {
    const username = `race_${Date.now().toString(36)}`;
    const attempts = await Promise.all(
      [1, 2, 3, 4].map((n) => gql(stack.routerUrl, REGISTER, input({ username, email: `race${n}${Date.now()}@example.com` }))),
    );
    expect(attempts.filter((a) => !a.errors).length).toBe(1);
    expect(attempts.filter((a) => codes(a)[0] === 'CONFLICT').length).toBe(3);
  });
});

test('a wrong password and an unknown user get the same answer', async () => {
  const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token } }';
  const wrong = await gql(stack.routerUrl, LOGIN, { i: { username: trader.username, password: 'wrong password' } });
  const unknown = await gql(stack.routerUrl, LOGIN, { i: { username: 'nobody_here', password: 'wrong password' } });
  expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
  expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
});
