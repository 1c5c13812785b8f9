import { Decimal } from 'decimal.js';
import { d, gql, type GqlResponse, registerUser, startTestStack } from './support';

// A trader's whole day through the router, every number checked exactly against independent arithmetic.

type Stack = Awaited<ReturnType<typeof startTestStack>>;
let stack: Stack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

interface Order {
  id: string;
  side: string;
  type: string;
  status: string;
  quantity: string;
  price: string;
  total: string;
  asset: { symbol: string };
}
interface Entry {
  type: string;
  amount: string;
  balanceAfter: string;
  orderId: string | null;
}
interface Position {
  quantity: string;
  averageCost: string;
  marketValue: string;
  unrealizedPnl: string;
  asset: { symbol: string; name: string; price: string };
}

type LedgerPage = { me: { transactions: { edges: { node: Entry }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };

const PLACE = 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id side type status quantity price total asset { symbol } } }';
const cents = (value: Decimal, rounding: Decimal.Rounding) => value.toDecimalPlaces(2, rounding);

async function priceOf(symbol: string): Promise<Decimal> {
  const response = await gql<{ asset: { price: string } }>(stack.routerUrl, 'query($s: String!) { asset(symbol: $s) { price } }', { s: symbol });
  return d(response.data!.asset.price);
}

async function place(token: string, symbol: string, side: 'BUY' | 'SELL', quantity: string): Promise<Order> {
  const response = await gql<{ placeOrder: Order }>(stack.routerUrl, PLACE, { i: { symbol, side, type: 'MARKET', quantity } }, token);
  expect(response.errors).toBeUndefined();
  return response.data!.placeOrder;
}

test('register, login, deposit, buy, value the portfolio in one request, sell and withdraw: every number exact', async () => {
  const trader = await registerUser(stack.routerUrl, 'ada');

  const byName = await gql<{ login: { token: string; user: { username: string; role: string } } }>(
    stack.routerUrl,
    'mutation($i: LoginInput!) { login(input: $i) { token user { username role } } }',
    { i: { username: trader.username, password: trader.password } },
  );
  expect(byName.data?.login.user).toEqual({ username: trader.username, role: 'CUSTOMER' });
  const fresh = await gql<{ me: { balance: string; email: string } }>(stack.routerUrl, '{ me { balance email } }', {}, byName.data!.login.token);
  expect(fresh.data?.me).toEqual({ balance: '0', email: `${trader.username}@example.com` });
  const byEmail = await gql<{ login: { token: string } }>(stack.routerUrl, 'mutation($i: LoginInput!) { login(input: $i) { token } }', {
    i: { username: `${trader.username.toUpperCase()}@EXAMPLE.COM`, password: trader.password },
  });
  expect(byEmail.data?.login.token).toEqual(expect.any(String));
  const token = byName.data!.login.token;

  const deposit = await gql<{ deposit: Entry }>(
    stack.routerUrl,
    'mutation { deposit(amount: "10000") { type amount balanceAfter orderId } }',
    {},
    token,
  );
  expect(deposit.data?.deposit).toEqual({ type: 'DEPOSIT', amount: '10000', balanceAfter: '10000', orderId: null });

  const btcPrice = await priceOf('BTC');
  const ethPrice = await priceOf('ETH');
  const btc = await place(token, 'btc', 'BUY', '0.01');
  expect(btc).toMatchObject({ side: 'BUY', type: 'MARKET', status: 'FILLED', quantity: '0.01', price: btcPrice.toFixed(), asset: { symbol: 'BTC' } });
  const btcCost = cents(btcPrice.times('0.01'), Decimal.ROUND_UP);
  expect(btc.total).toBe(btcCost.toFixed());
  const eth = await place(token, 'ETH', 'BUY', '0.5');
  const ethCost = cents(ethPrice.times('0.5'), Decimal.ROUND_UP);
  expect(eth.total).toBe(ethCost.toFixed());

  const dashboard = await gql<{
    me: {
      username: string;
      balance: string;
      holdings: { quantity: string; averageCost: string; asset: { symbol: string } }[];
      portfolio: { cashBalance: string; holdingsValue: string; totalValue: string; positions: Position[] };
      orders: { edges: { node: { id: string; side: string; status: string; total: string; asset: { symbol: string } } }[] };
      transactions: { edges: { node: Entry }[] };
    };
  }>(
    stack.routerUrl,
    `{ me { username balance
        holdings { quantity averageCost asset { symbol } }
        portfolio { cashBalance holdingsValue totalValue positions { quantity averageCost marketValue unrealizedPnl asset { symbol name price } } }
        orders(first: 5) { edges { node { id side status total asset { symbol } } } }
        transactions(first: 10) { edges { node { type amount balanceAfter orderId } } } } }`,
    {},
    token,
  );
  expect(dashboard.errors).toBeUndefined();
  const me = dashboard.data!.me;
  const cash = d(10000).minus(btcCost).minus(ethCost);
  expect(me.balance).toBe(cash.toFixed());
  expect(me.holdings).toEqual([
    { quantity: '0.01', averageCost: btcCost.dividedBy('0.01').toFixed(), asset: { symbol: 'BTC' } },
    { quantity: '0.5', averageCost: ethCost.dividedBy('0.5').toFixed(), asset: { symbol: 'ETH' } },
  ]);
  const btcValue = cents(btcPrice.times('0.01'), Decimal.ROUND_HALF_UP);
  const ethValue = cents(ethPrice.times('0.5'), Decimal.ROUND_HALF_UP);
  const positions = Object.fromEntries(me.portfolio.positions.map((p) => [p.asset.symbol, p]));
  expect(positions.BTC).toEqual({
    quantity: '0.01',
    averageCost: btcCost.dividedBy('0.01').toFixed(),
    marketValue: btcValue.toFixed(),
    unrealizedPnl: btcValue.minus(btcCost).toFixed(),
    asset: { symbol: 'BTC', name: 'Bitcoin', price: btcPrice.toFixed() },
  });
  expect(positions.ETH).toMatchObject({
    marketValue: ethValue.toFixed(),
    unrealizedPnl: ethValue.minus(ethCost).toFixed(),
    asset: { name: 'Ethereum' },
  });
  // Largest position first.
  expect(me.portfolio.positions.map((p) => p.asset.symbol)).toEqual(btcValue.gte(ethValue) ? ['BTC', 'ETH'] : ['ETH', 'BTC']);
  expect(me.portfolio.cashBalance).toBe(cash.toFixed());
  expect(me.portfolio.holdingsValue).toBe(btcValue.plus(ethValue).toFixed());
  expect(me.portfolio.totalValue).toBe(cash.plus(btcValue).plus(ethValue).toFixed());
  expect(me.orders.edges.map((e) => e.node)).toEqual([
    { id: eth.id, side: 'BUY', status: 'FILLED', total: ethCost.toFixed(), asset: { symbol: 'ETH' } },
    { id: btc.id, side: 'BUY', status: 'FILLED', total: btcCost.toFixed(), asset: { symbol: 'BTC' } },
  ]);
  expect(me.transactions.edges.map((e) => e.node)).toEqual([
    { type: 'BUY', amount: ethCost.negated().toFixed(), balanceAfter: cash.toFixed(), orderId: eth.id },
    { type: 'BUY', amount: btcCost.negated().toFixed(), balanceAfter: d(10000).minus(btcCost).toFixed(), orderId: btc.id },
    { type: 'DEPOSIT', amount: '10000', balanceAfter: '10000', orderId: null },
  ]);

  const sell = await place(token, 'BTC', 'SELL', '0.004');
  const proceeds = cents(btcPrice.times('0.004'), Decimal.ROUND_DOWN);
  expect(sell).toMatchObject({ status: 'FILLED', side: 'SELL', total: proceeds.toFixed() });
  const withdraw = await gql<{ withdraw: Entry }>(stack.routerUrl, 'mutation { withdraw(amount: "100.5") { type amount balanceAfter } }', {}, token);
  const finalCash = cash.plus(proceeds).minus('100.5');
  expect(withdraw.data?.withdraw).toEqual({ type: 'WITHDRAWAL', amount: '-100.5', balanceAfter: finalCash.toFixed() });

  const after = await gql<{
    me: {
      balance: string;
      holdings: { quantity: string; averageCost: string; asset: { symbol: string } }[];
      transactions: { edges: { node: Entry }[] };
    };
  }>(
    stack.routerUrl,
    '{ me { balance holdings { quantity averageCost asset { symbol } } transactions(first: 100) { edges { node { type amount balanceAfter orderId } } } } }',
    {},
    token,
  );
  const final = after.data!.me;
  expect(final.balance).toBe(finalCash.toFixed());
  // The sold share of the cost leaves the cost basis: 0.006 BTC now cost btcCost - round(btcCost * 0.4).
  const remainingCost = btcCost.minus(cents(btcCost.times('0.4'), Decimal.ROUND_HALF_UP));
  expect(final.holdings[0]).toEqual({
    quantity: '0.006',
    averageCost: remainingCost.dividedBy('0.006').toDecimalPlaces(8).toFixed(),
    asset: { symbol: 'BTC' },
  });
  const ledgerSum = final.transactions.edges.reduce((sum, e) => sum.plus(e.node.amount), d(0));
  expect(ledgerSum.toFixed()).toBe(final.balance);
  expect(final.transactions.edges.map((e) => e.node.type)).toEqual(['WITHDRAWAL', 'SELL', 'BUY', 'BUY', 'DEPOSIT']);
});

test('pages through the ledger with cursors, newest first, without gaps or repeats', async () => {
  const trader = await registerUser(stack.routerUrl, 'pager');
  for (const amount of ['1', '2', '3', '4', '5']) {
    await gql(stack.routerUrl, 'mutation($a: Decimal!) { deposit(amount: $a) { id } }', { a: amount }, trader.token);
  }
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: GqlResponse<LedgerPage> = await gql<LedgerPage>(
      stack.routerUrl,
      'query($after: String) { me { transactions(first: 2, after: $after) { edges { node { amount } } pageInfo { hasNextPage endCursor } } } }',
      { after },
      trader.token,
    );
    const { edges, pageInfo } = page.data!.me.transactions;
    seen.push(...edges.map((e) => e.node.amount));
    if (!pageInfo.hasNextPage) break;
    after = pageInfo.endCursor;
  }
  expect(seen).toEqual(['5', '4', '3', '2', '1']);
});

test('reads are shared within a query, never within a mutation: two orders in one request each see their own fill', async () => {
  const trader = await registerUser(stack.routerUrl, 'twice');
  await gql(stack.routerUrl, 'mutation { deposit(amount: "1000") { id } }', {}, trader.token);
  const buy = (alias: string) =>
    `${alias}: placeOrder(input: { symbol: "ETH", side: BUY, type: MARKET, quantity: "0.01" }) { user { holdings { quantity } portfolio { positions { quantity } } } }`;
  const both = await gql<
    Record<'first' | 'second', { user: { holdings: { quantity: string }[]; portfolio: { positions: { quantity: string }[] } } }>
  >(stack.routerUrl, `mutation { ${buy('first')} ${buy('second')} }`, {}, trader.token);
  expect(both.errors).toBeUndefined();
  expect(both.data!.first.user.holdings).toEqual([{ quantity: '0.01' }]);
  expect(both.data!.second.user.holdings).toEqual([{ quantity: '0.02' }]);
  expect(both.data!.second.user.portfolio.positions).toEqual([{ quantity: '0.02' }]);
  // A query naming the same user through every order reads the holdings once and shows them the same everywhere.
  const orders = await gql<{ me: { orders: { edges: { node: { user: { holdings: { quantity: string }[] } } }[] } } }>(
    stack.routerUrl,
    '{ me { orders(first: 5) { edges { node { user { holdings { quantity } } } } } } }',
    {},
    trader.token,
  );
  expect(orders.data!.me.orders.edges.map(({ node }) => node.user.holdings)).toEqual([[{ quantity: '0.02' }], [{ quantity: '0.02' }]]);
});
