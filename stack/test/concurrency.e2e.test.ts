import { Decimal } from 'decimal.js';
import { codes, d, gql, registerUser, startTestStack } from './support';

// Many concurrent requests against one account, with in-process and with Redis locks: the books always balance.

const ORDER = 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { status quantity total side } }';
const BOOKS = `{ me { balance
  holdings { quantity asset { symbol } }
  portfolio { positions { marketValue unrealizedPnl asset { symbol } } }
  orders(first: 100) { edges { node { side status quantity total } } }
  transactions(first: 100) { edges { node { type amount balanceAfter orderId } } } } }`;

interface Books {
  me: {
    balance: string;
    holdings: { quantity: string; asset: { symbol: string } }[];
    portfolio: { positions: { marketValue: string; unrealizedPnl: string; asset: { symbol: string } }[] };
    orders: { edges: { node: { side: string; status: string; quantity: string; total: string } }[] };
    transactions: { edges: { node: { type: string; amount: string; balanceAfter: string; orderId: string | null } }[] };
  };
}

/** Checks every invariant of one user's books and returns them. */
async function expectBalancedBooks(url: string, token: string, deposited: Decimal) {
  const response = await gql<Books>(url, BOOKS, {}, token);
  expect(response.errors).toBeUndefined();
  const me = response.data!.me;
  const balance = d(me.balance);
  expect(balance.isNegative()).toBe(false);

  // The ledger, oldest first, is a gap-free chain that ends at the balance.
  const ledger = me.transactions.edges.map((e) => e.node).reverse();
  let running = d(0);
  for (const entry of ledger) {
    running = running.plus(entry.amount);
    expect(entry.balanceAfter).toBe(running.toFixed());
  }
  expect(running.toFixed()).toBe(balance.toFixed());

  // Every filled order has its ledger entry and moved exactly its total.
  const orders = me.orders.edges.map((e) => e.node);
  expect(orders.every((o) => o.status === 'FILLED')).toBe(true);
  const orderEntries = ledger.filter((e) => e.orderId);
  expect(orderEntries.length).toBe(orders.length);
  const spent = orders.reduce((sum, o) => (o.side === 'BUY' ? sum.plus(o.total) : sum.minus(o.total)), d(0));
  const deposits = ledger.filter((e) => !e.orderId).reduce((sum, e) => sum.plus(e.amount), d(0));
  expect(deposits.toFixed()).toBe(deposited.toFixed());
  expect(balance.toFixed()).toBe(deposited.minus(spent).toFixed());

  // Holdings equal filled buys minus sells, per asset.
  const held = Object.fromEntries(me.holdings.map((h) => [h.asset.symbol, h.quantity]));
  const bought = orders.reduce((sum, o) => (o.side === 'BUY' ? sum.plus(o.quantity) : sum.minus(o.quantity)), d(0));
  expect(d(held.ETH ?? 0).toFixed()).toBe(bought.toFixed());
  return { me, balance, orders, ledger };
}

describe.each([
  ['in-process locks', undefined],
  ['Redis locks', 'redis://127.0.0.1:6379'],
] as const)('with %s', (_label, redisUrl) => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  beforeAll(async () => {
    stack = await startTestStack(redisUrl ? { redisUrl } : {});
  });
  afterAll(() => stack?.close());

  test('50 concurrent market buys that together exceed the balance: never overdrawn, cash + cost conserved', async () => {
    const trader = await registerUser(stack.routerUrl, 'racer');
    await gql(stack.routerUrl, 'mutation { deposit(amount: "1000") { id } }', {}, trader.token);
    const price = d((await gql<{ asset: { price: string } }>(stack.routerUrl, '{ asset(symbol: "ETH") { price } }')).data!.asset.price);
    // About 95 USD each: at most 10 can be paid for.
    const quantity = d(95).dividedBy(price).toDecimalPlaces(6).toFixed();

    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        gql<{ placeOrder: { status: string } }>(
          stack.routerUrl,
          ORDER,
          { i: { symbol: 'ETH', side: 'BUY', type: 'MARKET', quantity } },
          trader.token,
        ),
      ),
    );
    const filled = results.filter((r) => r.data?.placeOrder?.status === 'FILLED');
    const refused = results.filter((r) => r.errors);
    expect(filled.length + refused.length).toBe(50);
    expect(filled.length).toBe(10);
    expect(refused.every((r) => codes(r)[0] === 'INSUFFICIENT_FUNDS')).toBe(true);

    const { me, balance } = await expectBalancedBooks(stack.routerUrl, trader.token, d(1000));
    // Cash plus what the holding cost (market value - unrealized P&L) is what was deposited.
    const eth = me.portfolio.positions.find((p) => p.asset.symbol === 'ETH')!;
    const cost = d(eth.marketValue).minus(eth.unrealizedPnl);
    expect(balance.plus(cost).toFixed()).toBe('1000');
  });

  // The router sends identical subgraph queries in flight once (router/src/subgraph-client.ts): sharing must never
  // cross identities, and never hide a caller's own write.
  test('identical reads of two traders at once: each sees only their own account, and every read after a write sees it', async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.routerUrl, 'twin'), registerUser(stack.routerUrl, 'twin')]);
    await gql(stack.routerUrl, 'mutation { deposit(amount: "111") { id } }', {}, alice!.token);
    await gql(stack.routerUrl, 'mutation { deposit(amount: "222") { id } }', {}, bob!.token);
    const ME = '{ me { username balance holdings { quantity } } }';
    const read = (token: string) => gql<{ me: { username: string; balance: string } }>(stack.routerUrl, ME, {}, token);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, n) => read(n % 2 ? bob!.token : alice!.token)));
    answers.forEach((answer, n) =>
      expect(answer.data?.me).toMatchObject(n % 2 ? { username: bob!.username, balance: '222' } : { username: alice!.username, balance: '111' }),
    );
    // Identical reads of the account kept in flight while it changes; the read sent after each deposit answered
    // must see it, though an identical read that started before the deposit may still be on its way.
    let reading = true;
    const reader = async () => {
      while (reading) await read(alice!.token);
    };
    const readers = Array.from({ length: 8 }, reader);
    const seen: string[] = [];
    for (let round = 0; round < 20; round++) {
      await gql(stack.routerUrl, 'mutation { deposit(amount: "1") { id } }', {}, alice!.token);
      seen.push((await read(alice!.token)).data!.me.balance);
    }
    reading = false;
    await Promise.all(readers);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, n) => d(112 + n).toFixed()));
  });

  test('buys, sells, deposits and withdrawals interleaved concurrently keep the books balanced', async () => {
    const trader = await registerUser(stack.routerUrl, 'mixer');
    await gql(stack.routerUrl, 'mutation { deposit(amount: "2000") { id } }', {}, trader.token);
    await gql(stack.routerUrl, ORDER, { i: { symbol: 'ETH', side: 'BUY', type: 'MARKET', quantity: '0.2' } }, trader.token);
    const requests = Array.from({ length: 40 }, (_, n) => {
      switch (n % 4) {
        case 0:
          return gql(stack.routerUrl, ORDER, { i: { symbol: 'ETH', side: 'BUY', type: 'MARKET', quantity: '0.03' } }, trader.token);
        case 1:
          return gql(stack.routerUrl, ORDER, { i: { symbol: 'ETH', side: 'SELL', type: 'MARKET', quantity: '0.05' } }, trader.token);
        case 2:
          return gql(stack.routerUrl, 'mutation { deposit(amount: "10.01") { id } }', {}, trader.token);
        default:
          return gql(stack.routerUrl, 'mutation { withdraw(amount: "75.5") { id } }', {}, trader.token);
      }
    });
    const results = await Promise.all(requests);
    for (const result of results) {
      if (result.errors) expect(['INSUFFICIENT_FUNDS', 'INSUFFICIENT_HOLDINGS']).toContain(codes(result)[0]);
    }
    const depositsOk = results.filter((r, n) => n % 4 === 2 && !r.errors).length;
    const withdrawalsOk = results.filter((r, n) => n % 4 === 3 && !r.errors).length;
    expect(depositsOk).toBe(10);
    const deposited = d(2000).plus(d('10.01').times(depositsOk)).minus(d('75.5').times(withdrawalsOk));
    await expectBalancedBooks(stack.routerUrl, trader.token, deposited);
  });
});
