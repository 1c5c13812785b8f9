import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { adminToken, codes, d, gql, type GqlResponse, registerUser, setAssetPrice, startTestStack } from './support';

// A trader's history through the router: orders and transactions filtered and paged, the order behind each fill,
// the platform's 24-hour activity per asset, and the portfolio's value over time at each candle close. Assets are
// created by the test, so only the test moves their prices and trades them.

type Stack = Awaited<ReturnType<typeof startTestStack>>;
let stack: Stack;
let admin: string;

const MINUTE = 60_000;
/** Resolves once the wall clock has passed `epochMs`: candle closes are instants, nothing announces them. */
const clockPast = (epochMs: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, epochMs - Date.now())));

/** The portfolio-history trader: they trade in one minute (`minute`), the test values them after it ended. */
let watched: { token: string; id: string; symbol: string; minute: number; cost: Decimal; firstMovementAt: number };

beforeAll(async () => {
  stack = await startTestStack();
  admin = await adminToken(stack, 'history_admin');
  // Deposit, price and buy within one minute: start a fresh one when this one is nearly over.
  if (Date.now() % MINUTE > 40_000) await clockPast(Math.ceil(Date.now() / MINUTE) * MINUTE + 100);
  const minute = Math.floor(Date.now() / MINUTE) * MINUTE;
  const symbol = await newAsset('40');
  const user = await trader('5000');
  const firstMovementAt = Date.now();
  await setAssetPrice(stack.routerUrl, admin, symbol, '50');
  const buy = await place(user.token, { symbol, side: 'BUY', type: 'MARKET', quantity: '2.5' });
  expect(Math.floor(Date.now() / MINUTE) * MINUTE).toBe(minute);
  watched = { ...user, symbol, minute, cost: d(buy.total!), firstMovementAt };
}, 90_000);
afterAll(() => stack?.close());

interface Order {
  id: string;
  symbol: string;
  side: string;
  type: string;
  status: string;
  createdAt: string;
  total: string | null;
}
const ORDER = 'id side type status createdAt total asset { symbol }';
type OrderNode = Omit<Order, 'symbol'> & { asset: { symbol: string } };

async function newAsset(price: string): Promise<string> {
  const symbol = `H${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
  const created = await gql(
    stack.routerUrl,
    'mutation($i: CreateAssetInput!) { createAsset(input: $i) { symbol } }',
    { i: { symbol, name: `History test ${symbol}`, description: 'For history tests.', category: 'MEME', price } },
    admin,
  );
  if (created.errors) throw new Error(`createAsset: ${JSON.stringify(created.errors)}`);
  return symbol;
}

async function trader(deposit: string): Promise<{ token: string; id: string }> {
  const user = await registerUser(stack.routerUrl, 'history');
  const funded = await gql(stack.routerUrl, 'mutation($a: Decimal!) { deposit(amount: $a) { id } }', { a: deposit }, user.token);
  if (funded.errors) throw new Error(`deposit: ${JSON.stringify(funded.errors)}`);
  return user;
}

async function place(token: string, input: Record<string, unknown>): Promise<Order> {
  const placed = await gql<{ placeOrder: OrderNode }>(
    stack.routerUrl,
    `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { ${ORDER} } }`,
    { i: input },
    token,
  );
  if (!placed.data?.placeOrder) throw new Error(`placeOrder: ${JSON.stringify(placed.errors)}`);
  const { asset, ...order } = placed.data.placeOrder;
  return { ...order, symbol: asset.symbol };
}

type Page<T> = { edges: { cursor: string; node: T }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/** Every page of `me.orders` with these arguments, `first` at a time: the ids in order. */
async function orderIds(token: string, args: Record<string, unknown>, first: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let n = 0; n < 50; n += 1) {
    const page: GqlResponse<{ me: { orders: Page<{ id: string }> } }> = await gql(
      stack.routerUrl,
      'query($first: Int, $after: String, $status: OrderStatus, $filter: OrderFilter) { me { orders(first: $first, after: $after, status: $status, filter: $filter) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }',
      { ...args, first, after },
      token,
    );
    if (!page.data?.me) throw new Error(`orders: ${JSON.stringify(page.errors)}`);
    const { edges, pageInfo } = page.data.me.orders;
    ids.push(...edges.map((edge) => edge.node.id));
    if (!pageInfo.hasNextPage) return ids;
    after = pageInfo.endCursor;
  }
  throw new Error('the list never ended');
}

const STATE =
  '{ me { balance holdings { quantity asset { symbol } } orders(first: 100) { edges { node { id status } } } transactions(first: 100) { edges { node { id } } } } }';

/** Asserts a refusal: its code and field, and that it changed nothing the user can see. */
async function expectRefused(token: string, query: string, variables: Record<string, unknown>, field: string | undefined): Promise<void> {
  const before = await gql(stack.routerUrl, STATE, {}, token);
  const response = await gql(stack.routerUrl, query, variables, token);
  expect(codes(response)).toEqual(['BAD_USER_INPUT']);
  if (field) expect(response.errors?.[0]?.extensions?.field).toBe(field);
  expect(response.errors?.[0]?.message).toMatch(/\w{3,}/);
  expect((await gql(stack.routerUrl, STATE, {}, token)).data).toEqual(before.data);
}

describe('User.orders with a filter', () => {
  let user: { token: string; id: string };
  let symbols: [string, string];
  const placed: Order[] = [];

  beforeAll(async () => {
    symbols = [await newAsset('10'), await newAsset('20')];
    user = await trader('100000');
    const [a, b] = symbols;
    for (const [symbol, side, quantity] of [
      [a, 'BUY', '3'],
      [b, 'BUY', '2'],
      [a, 'SELL', '1'],
      [a, 'BUY', '4'],
      [b, 'SELL', '1'],
      [a, 'SELL', '2'],
      [b, 'BUY', '5'],
    ] as const) {
      placed.push(await place(user.token, { symbol: symbol.toLowerCase(), side, type: 'MARKET', quantity }));
    }
    // Two limit buys below the price: one stays OPEN, one is cancelled.
    placed.push(await place(user.token, { symbol: a, side: 'BUY', type: 'LIMIT', quantity: '1', limitPrice: '5' }));
    const cancelled = await place(user.token, { symbol: b, side: 'BUY', type: 'LIMIT', quantity: '1', limitPrice: '5' });
    const cancel = await gql(stack.routerUrl, 'mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id: cancelled.id }, user.token);
    expect(cancel.data).toEqual({ cancelOrder: { status: 'CANCELLED' } });
    placed.push({ ...cancelled, status: 'CANCELLED' });
  }, 60_000);

  const newestFirst = (orders: Order[]) => orders.map((order) => order.id).reverse();

  test('every condition holds, page after page, and a symbol may be in any case', async () => {
    const [a, b] = symbols;
    expect(await orderIds(user.token, { filter: { symbol: a.toLowerCase() } }, 2)).toEqual(newestFirst(placed.filter((o) => o.symbol === a)));
    expect(await orderIds(user.token, { filter: { symbol: a, side: 'SELL' } }, 1)).toEqual(
      newestFirst(placed.filter((o) => o.symbol === a && o.side === 'SELL')),
    );
    expect(await orderIds(user.token, { filter: { type: 'LIMIT' } }, 1)).toEqual(newestFirst(placed.filter((o) => o.type === 'LIMIT')));
    expect(await orderIds(user.token, { filter: { status: 'FILLED', side: 'BUY' } }, 3)).toEqual(
      newestFirst(placed.filter((o) => o.status === 'FILLED' && o.side === 'BUY')),
    );
    expect(await orderIds(user.token, { filter: { symbol: b, status: 'CANCELLED' } }, 5)).toEqual([placed.at(-1)!.id]);
    // The older `status` argument still works; `filter.status` wins over it.
    expect(await orderIds(user.token, { status: 'OPEN' }, 5)).toEqual([placed.at(-2)!.id]);
    expect(await orderIds(user.token, { status: 'OPEN', filter: { status: 'CANCELLED' } }, 5)).toEqual([placed.at(-1)!.id]);
    expect(await orderIds(user.token, { filter: { symbol: 'NOPE' } }, 5)).toEqual([]);
  });

  test('from and to select the orders placed at or after from and before to', async () => {
    const from = placed[2]!.createdAt;
    const to = placed[5]!.createdAt;
    expect(await orderIds(user.token, { filter: { from, to } }, 2)).toEqual(newestFirst(placed.slice(2, 5)));
    expect(await orderIds(user.token, { filter: { from: to } }, 3)).toEqual(newestFirst(placed.slice(5)));
    expect(await orderIds(user.token, { filter: { to: from, side: 'BUY' } }, 3)).toEqual(newestFirst(placed.slice(0, 2)));
    expect(await orderIds(user.token, { filter: { from, to: from } }, 3)).toEqual([]);
  });

  test('a cursor continues only the list it came from', async () => {
    const QUERY =
      'query($after: String, $filter: OrderFilter) { me { orders(first: 1, after: $after, filter: $filter) { edges { node { id } } pageInfo { endCursor } } } }';
    const first = await gql<{ me: { orders: Page<{ id: string }> } }>(stack.routerUrl, QUERY, { filter: { symbol: symbols[0] } }, user.token);
    const cursor = first.data!.me.orders.pageInfo.endCursor!;
    const same = await gql<{ me: { orders: Page<{ id: string }> } }>(
      stack.routerUrl,
      QUERY,
      { after: cursor, filter: { symbol: symbols[0].toLowerCase() } },
      user.token,
    );
    expect(same.errors).toBeUndefined();
    expect(same.data!.me.orders.edges).toHaveLength(1);
    await expectRefused(user.token, QUERY, { after: cursor, filter: { symbol: symbols[1] } }, 'after');
    await expectRefused(user.token, QUERY, { after: cursor }, 'after');
  });

  test.each([
    ['a malformed symbol', { filter: { symbol: 'B T C' } }, 'filter.symbol'],
    ['an overlong symbol', { filter: { symbol: 'X'.repeat(200) } }, 'filter.symbol'],
    ['from after to', { filter: { from: '2026-03-02T10:00:00Z', to: '2026-03-02T09:59:59Z' } }, 'filter.from'],
    ['a page size of 0', { first: 0, filter: { side: 'BUY' } }, 'first'],
    ['a forged cursor', { after: 'bm90IGEgY3Vyc29y', filter: { side: 'BUY' } }, 'after'],
    // Refused by the router's variable coercion, before any subgraph: the code, without a field.
    ['a date without a zone', { filter: { from: '2026-03-02T10:00:00' } }, undefined],
    ['an unknown side', { filter: { side: 'HOLD' } }, undefined],
  ])('refuses %s as BAD_USER_INPUT and changes nothing', async (_label, variables, field) => {
    await expectRefused(
      user.token,
      'query($first: Int, $after: String, $filter: OrderFilter) { me { orders(first: $first, after: $after, filter: $filter) { edges { node { id } } } } }',
      variables,
      field,
    );
  });
});

describe('User.transactions with a filter, and the order behind each fill', () => {
  let user: { token: string; id: string };
  let fills: Order[];

  beforeAll(async () => {
    const symbol = await newAsset('7');
    user = await trader('1000');
    fills = [await place(user.token, { symbol, side: 'BUY', type: 'MARKET', quantity: '10' })];
    const deposit = await gql(stack.routerUrl, 'mutation { deposit(amount: "50") { id } }', {}, user.token);
    expect(deposit.errors).toBeUndefined();
    fills.push(await place(user.token, { symbol, side: 'SELL', type: 'MARKET', quantity: '4' }));
    const withdrawal = await gql(stack.routerUrl, 'mutation { withdraw(amount: "20") { id } }', {}, user.token);
    expect(withdrawal.errors).toBeUndefined();
  }, 60_000);

  interface Entry {
    seq?: number;
    type: string;
    amount: string;
    createdAt: string;
    orderId: string | null;
    order: { id: string; side: string; status: string; total: string; asset: { symbol: string } } | null;
  }
  const TRANSACTIONS =
    'query($first: Int, $after: String, $filter: LedgerEntryFilter) { me { transactions(first: $first, after: $after, filter: $filter) { edges { node { type amount createdAt orderId order { id side status total asset { symbol } } } } pageInfo { hasNextPage endCursor } } } }';

  async function entries(token: string, filter: Record<string, unknown> | undefined, first: number): Promise<Entry[]> {
    const found: Entry[] = [];
    let after: string | null = null;
    for (let n = 0; n < 50; n += 1) {
      const page: GqlResponse<{ me: { transactions: Page<Entry> } }> = await gql(stack.routerUrl, TRANSACTIONS, { filter, first, after }, token);
      if (!page.data?.me) throw new Error(`transactions: ${JSON.stringify(page.errors)}`);
      found.push(...page.data.me.transactions.edges.map((edge) => edge.node));
      if (!page.data.me.transactions.pageInfo.hasNextPage) return found;
      after = page.data.me.transactions.pageInfo.endCursor;
    }
    throw new Error('the list never ended');
  }

  test('a buy or sell entry names its order, resolved by the orders subgraph in the same request', async () => {
    const all = await entries(user.token, undefined, 10);
    expect(all.map((entry) => entry.type)).toEqual(['WITHDRAWAL', 'SELL', 'DEPOSIT', 'BUY', 'DEPOSIT']);
    const [sell, buy] = [all[1]!, all[3]!];
    expect(sell.order).toEqual({ id: fills[1]!.id, side: 'SELL', status: 'FILLED', total: sell.amount, asset: { symbol: fills[1]!.symbol } });
    expect(buy.order).toMatchObject({ id: fills[0]!.id, side: 'BUY', total: d(buy.amount).negated().toFixed() });
    expect(buy.orderId).toBe(buy.order!.id);
    expect(all.filter((entry) => entry.type === 'DEPOSIT' || entry.type === 'WITHDRAWAL').map((entry) => entry.order)).toEqual([null, null, null]);
  });

  test('only entries of a type, or made in a time range, page after page', async () => {
    const all = await entries(user.token, undefined, 10);
    expect((await entries(user.token, { type: 'DEPOSIT' }, 1)).map((entry) => entry.amount)).toEqual(['50', '1000']);
    expect((await entries(user.token, { type: 'SELL' }, 1)).map((entry) => entry.order?.id)).toEqual([fills[1]!.id]);
    const [, sell, deposit, buy] = all;
    expect(await entries(user.token, { from: buy!.createdAt, to: sell!.createdAt }, 1)).toEqual([deposit, buy]);
    expect(await entries(user.token, { type: 'DEPOSIT', from: buy!.createdAt }, 1)).toEqual([deposit]);
    expect(await entries(user.token, { to: all.at(-1)!.createdAt }, 3)).toEqual([]);
  });

  test("an admin sees another user's entries with their orders", async () => {
    const response = await gql<{ user: { transactions: Page<Entry> } }>(
      stack.routerUrl,
      'query($id: ID!) { user(id: $id) { transactions(first: 10, filter: { type: BUY }) { edges { node { type orderId order { id side } } } } } }',
      { id: user.id },
      admin,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.user.transactions.edges.map((edge) => edge.node)).toEqual([
      { type: 'BUY', orderId: fills[0]!.id, order: { id: fills[0]!.id, side: 'BUY' } },
    ]);
  });

  test('a cursor continues only the list it came from', async () => {
    const first = await gql<{ me: { transactions: Page<Entry> } }>(
      stack.routerUrl,
      TRANSACTIONS,
      { first: 1, filter: { type: 'DEPOSIT' } },
      user.token,
    );
    const cursor = first.data!.me.transactions.pageInfo.endCursor!;
    await expectRefused(user.token, TRANSACTIONS, { first: 1, after: cursor, filter: { type: 'BUY' } }, 'after');
    await expectRefused(user.token, TRANSACTIONS, { first: 1, after: cursor }, 'after');
  });

  test.each([
    ['from after to', { filter: { from: '2026-03-02T10:00:01Z', to: '2026-03-02T10:00:00Z' } }, 'filter.from'],
    ['a forged cursor', { after: 'bm90IGEgY3Vyc29y', filter: { type: 'BUY' } }, 'after'],
    ['an unknown type', { filter: { type: 'GIFT' } }, undefined],
    ['a date that does not exist', { filter: { to: '2026-02-31T10:00:00Z' } }, undefined],
  ])('refuses %s as BAD_USER_INPUT and changes nothing', async (_label, variables, field) => {
    await expectRefused(user.token, TRANSACTIONS, variables, field);
  });
});

describe('Asset.volume24h and trades24h', () => {
  test('count the units and orders filled in the last 24 hours, buys and sells, for anyone', async () => {
    const symbol = await newAsset('3');
    const quiet = await newAsset('3');
    const [a, b] = [await trader('1000'), await trader('1000')];
    await place(a.token, { symbol, side: 'BUY', type: 'MARKET', quantity: '10.5' });
    await place(b.token, { symbol, side: 'BUY', type: 'MARKET', quantity: '0.12345678' });
    await place(a.token, { symbol, side: 'SELL', type: 'MARKET', quantity: '4' });
    // Neither an open limit order nor a cancelled one has traded anything.
    await place(b.token, { symbol, side: 'BUY', type: 'LIMIT', quantity: '1', limitPrice: '1' });

    // Anonymous: the fields are public. The first read of these assets, so no figure is cached yet.
    const QUERY =
      'query($s: String!, $q: String!) { asset(symbol: $s) { symbol volume24h trades24h } quiet: asset(symbol: $q) { volume24h trades24h } }';
    const response = await gql<{ asset: { symbol: string; volume24h: string; trades24h: number }; quiet: { volume24h: string; trades24h: number } }>(
      stack.routerUrl,
      QUERY,
      { s: symbol.toLowerCase(), q: quiet },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ asset: { symbol, volume24h: '14.62345678', trades24h: 3 }, quiet: { volume24h: '0', trades24h: 0 } });

    // The market list asks orders for every asset in one entity fetch.
    const list = await gql<{ assets: Page<{ symbol: string; volume24h: string; trades24h: number }> }>(
      stack.routerUrl,
      '{ assets(first: 100, filter: { search: "History test" }) { edges { node { symbol volume24h trades24h } } } }',
    );
    expect(list.errors).toBeUndefined();
    const bySymbol = new Map(list.data!.assets.edges.map((edge) => [edge.node.symbol, edge.node]));
    expect(bySymbol.get(symbol)).toEqual({ symbol, volume24h: '14.62345678', trades24h: 3 });
    expect(bySymbol.get(quiet)).toEqual({ symbol: quiet, volume24h: '0', trades24h: 0 });
  });
});

describe('Portfolio.history', () => {
  interface Point {
    at: string;
    value: string;
    cash: string;
  }
  const HISTORY =
    'query($i: CandleInterval!, $from: DateTime, $to: DateTime) { me { balance portfolio { totalValue history(interval: $i, from: $from, to: $to) { at value cash } } } }';
  type History = { me: { balance: string; portfolio: { totalValue: string; history: Point[] } } };
  const iso = (epochMs: number) => new Date(epochMs).toISOString();
  const cents = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed();

  let afterClose: GqlResponse<History>;
  beforeAll(async () => {
    // The first close after the trades, then a price move: the close must be valued at the price in force then.
    await clockPast(watched.minute + MINUTE + 500);
    await setAssetPrice(stack.routerUrl, admin, watched.symbol, '61.23');
    afterClose = await gql<History>(stack.routerUrl, HISTORY, { i: 'ONE_MINUTE' }, watched.token);
  }, 90_000);

  test('values each candle close from the holdings and cash then, and ends with now, equal to totalValue', async () => {
    expect(afterClose.errors).toBeUndefined();
    const { balance, portfolio } = afterClose.data!.me;
    const cash = d(5000).minus(watched.cost);
    expect(balance).toBe(cash.toFixed());
    const close = watched.minute + MINUTE;
    // By default from the first cash movement: the close that ended the trading minute, then now.
    expect(portfolio.history.slice(0, -1)).toEqual([{ at: iso(close), cash: cash.toFixed(), value: cents(cash.plus(d('2.5').times('50'))) }]);
    const now = portfolio.history.at(-1)!;
    expect(now).toEqual({ at: expect.any(String), cash: balance, value: portfolio.totalValue });
    expect(portfolio.totalValue).toBe(cents(cash.plus(d('2.5').times('61.23'))));
    expect(Date.parse(now.at)).toBeGreaterThan(close);
  });

  test('before the first cash movement the account held nothing; a `to` in the past ends there, without now', async () => {
    const close = watched.minute + MINUTE;
    // From half a minute into a minute: the first point is the next close.
    const from = iso(watched.minute - 2 * MINUTE + 30_000);
    const response = await gql<History>(stack.routerUrl, HISTORY, { i: 'ONE_MINUTE', from, to: iso(close) }, watched.token);
    expect(response.errors).toBeUndefined();
    const cash = d(5000).minus(watched.cost).toFixed();
    expect(response.data!.me.portfolio.history).toEqual([
      { at: iso(watched.minute - MINUTE), value: '0', cash: '0' },
      { at: iso(watched.minute), value: '0', cash: '0' },
      { at: iso(close), value: cents(d(cash).plus(125)), cash },
    ]);
    // A longer interval over the same time has no close in it yet: just now.
    const hourly = await gql<History>(stack.routerUrl, HISTORY, { i: 'ONE_HOUR', from: iso(watched.firstMovementAt) }, watched.token);
    expect(hourly.data!.me.portfolio.history.length).toBeLessThanOrEqual(2);
    expect(hourly.data!.me.portfolio.history.at(-1)).toMatchObject({ cash, value: hourly.data!.me.portfolio.totalValue });
  });

  test('another customer cannot read it', async () => {
    const other = await registerUser(stack.routerUrl, 'nosy');
    const response = await gql(
      stack.routerUrl,
      'query($id: ID!) { user(id: $id) { portfolio { history(interval: ONE_DAY) { value } } } }',
      { id: watched.id },
      other.token,
    );
    expect(response.data?.user ?? null).toBeNull();
    expect(codes(response)).toContain('FORBIDDEN');
  });

  test.each([
    ['from after to', { i: 'ONE_MINUTE', from: '2026-03-02T10:00:01Z', to: '2026-03-02T10:00:00Z' }, 'from'],
    ['from in the future', { i: 'ONE_HOUR', from: new Date(Date.now() + 3_600_000).toISOString() }, 'from'],
    ['from beyond the retention of minutes', { i: 'ONE_MINUTE', from: new Date(Date.now() - 3 * 86_400_000).toISOString() }, 'from'],
    ['more than 1,000 points', { i: 'FIVE_MINUTES', from: new Date(Date.now() - 4 * 86_400_000).toISOString() }, 'from'],
    ['more than 1,000 days', { i: 'ONE_DAY', from: '2000-01-01T00:00:00Z' }, 'from'],
    ['an unknown interval', { i: 'ONE_WEEK' }, undefined],
  ])('refuses %s as BAD_USER_INPUT and changes nothing', async (_label, variables, field) => {
    await expectRefused(watched.token, HISTORY, variables, field);
  });
});
