import { randomUUID } from 'node:crypto';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type Role, signInternalToken } from '@trading/platform';
import { adminToken, codes, d, gql, type GqlResponse, registerUser, setAssetPrice, startTestStack } from './support';

// Limit orders through the router: reservations that nothing else can spend, fills at the tick price when an admin
// moves it, cancels that release, races with exactly one outcome, and order events over graphql-ws straight from the
// orders subgraph. Every test trades its own asset, so prices move only when the test moves them; the stack
// reconciles the books when it stops.

type Stack = Awaited<ReturnType<typeof startTestStack>>;
let stack: Stack;
/** A second platform on the same database with its own locks and event bus: only DynamoDB's conditions are shared. */
let twin: Stack;
let admin: string;
const clients: Client[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  twin = await startTestStack({ dynamoEndpoint: stack.dynamoEndpoint, jwt: stack.jwt, internalSecret: stack.internalSecret });
  admin = await adminToken(stack, 'limit_admin');
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await twin?.close();
  await stack?.close();
});

interface Order {
  id: string;
  type: string;
  side: string;
  status: string;
  quantity: string;
  limitPrice: string | null;
  reservedCash: string | null;
  price: string | null;
  total: string | null;
  filledAt: string | null;
  cancelledAt: string | null;
}
const ORDER_FIELDS = 'id type side status quantity limitPrice reservedCash price total filledAt cancelledAt';
const PLACE = `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { ${ORDER_FIELDS} } }`;
const CANCEL = `mutation($id: ID!, $k: String) { cancelOrder(id: $id, idempotencyKey: $k) { ${ORDER_FIELDS} } }`;
const BOOKS = `{ me { balance portfolio { cashBalance reservedCash availableCash }
  holdings { quantity reservedQuantity asset { symbol } } transactions(first: 1) { edges { node { type amount orderId } } } } }`;

interface Books {
  balance: string;
  portfolio: { cashBalance: string; reservedCash: string; availableCash: string };
  holdings: { quantity: string; reservedQuantity: string; asset: { symbol: string } }[];
  transactions: { edges: { node: { type: string; amount: string; orderId: string | null } }[] };
}

async function books(token: string): Promise<Books> {
  const response = await gql<{ me: Books }>(stack.routerUrl, BOOKS, {}, token);
  if (!response.data?.me) throw new Error(`books: ${JSON.stringify(response.errors)}`);
  return response.data.me;
}

const holdingOf = (b: Books, symbol: string) => b.holdings.find((h) => h.asset.symbol === symbol);

/** A fresh asset only this test trades, at `price`. */
async function newAsset(price: string): Promise<string> {
  const symbol = `L${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
  const created = await gql(
    stack.routerUrl,
    'mutation($i: CreateAssetInput!) { createAsset(input: $i) { symbol } }',
    { i: { symbol, name: `Limit test ${symbol}`, description: 'For limit order tests.', category: 'MEME', price } },
    admin,
  );
  if (created.errors) throw new Error(`createAsset: ${JSON.stringify(created.errors)}`);
  return symbol;
}

/** Moves a price as an admin does; inventory publishes the tick the matcher listens to. */
const setPrice = (symbol: string, price: string) => setAssetPrice(stack.routerUrl, admin, symbol, price);

async function trader(deposit: string): Promise<{ token: string; id: string }> {
  const user = await registerUser(stack.routerUrl, 'limit');
  const funded = await gql(stack.routerUrl, 'mutation($a: Decimal!) { deposit(amount: $a) { id } }', { a: deposit }, user.token);
  if (funded.errors) throw new Error(`deposit: ${JSON.stringify(funded.errors)}`);
  return user;
}

function place(token: string, input: Record<string, unknown>, url = stack.routerUrl): Promise<GqlResponse<{ placeOrder: Order }>> {
  return gql<{ placeOrder: Order }>(url, PLACE, { i: input }, token);
}

async function placed(token: string, input: Record<string, unknown>): Promise<Order> {
  const response = await place(token, input);
  if (!response.data?.placeOrder) throw new Error(`placeOrder: ${JSON.stringify(response.errors)}`);
  return response.data.placeOrder;
}

function cancel(token: string, id: string, key?: string, url = stack.routerUrl): Promise<GqlResponse<{ cancelOrder: Order }>> {
  return gql<{ cancelOrder: Order }>(url, CANCEL, { id, k: key }, token);
}

/** The order events one graphql-ws subscription receives, straight from the orders subgraph. */
interface OrderWatch {
  /** Every event received so far, in order. */
  events: Order[];
  /** Resolves with the first event (received or to come) that matches; fails after `ms` without one. */
  until(match: (order: Order) => boolean, ms?: number): Promise<Order>;
  /** Resolves with the error the subscription ended with, if it ends with one. */
  failed: Promise<{ message: string; extensions?: { code?: string } }[]>;
}

function watchOrders(as: { userId: string; role?: Role }, userId?: string): OrderWatch {
  const client = createClient({
    url: `ws://${stack.subgraphUrls.orders.replace(/^http:\/\//, '')}`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: {
      authorization: `Bearer ${signInternalToken(stack.internalSecret, { identity: { userId: as.userId, role: as.role ?? 'CUSTOMER', sessionId: randomUUID() } })}`,
    },
  });
  clients.push(client);
  const events: Order[] = [];
  const waiters = new Set<() => void>();
  let fail!: (errors: { message: string; extensions?: { code?: string } }[]) => void;
  const failed = new Promise<{ message: string; extensions?: { code?: string } }[]>((resolve) => (fail = resolve));
  client.subscribe<{ orderUpdated: Order }>(
    { query: `subscription($u: ID) { orderUpdated(userId: $u) { ${ORDER_FIELDS} } }`, variables: { u: userId } },
    {
      next: (result) => {
        if (result.errors) fail(result.errors as never);
        if (result.data) events.push(result.data.orderUpdated);
        for (const wake of waiters) wake();
      },
      error: (error) => fail(Array.isArray(error) ? error : [{ message: String(error) }]),
      complete: () => undefined,
    },
  );
  return {
    events,
    failed,
    until: (match, ms = 10_000) =>
      new Promise<Order>((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching order event within ${ms} ms; received ${JSON.stringify(events)}`));
        }, ms);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
  };
}

const is = (id: string, status: string) => (order: Order) => order.id === id && order.status === status;

/** Places a limit order and waits until the owner's subscription has seen it OPEN (which also proves it is live). */
async function openLimit(token: string, watch: OrderWatch, input: Record<string, unknown>): Promise<Order> {
  const order = await placed(token, { type: 'LIMIT', ...input });
  expect(order.status).toBe('OPEN');
  await watch.until(is(order.id, 'OPEN'));
  return order;
}

describe('limit buy', () => {
  test('reserves its cash: a withdrawal, a market buy or another limit buy cannot spend it', async () => {
    const symbol = await newAsset('100');
    const user = await trader('1000');
    const watch = watchOrders({ userId: user.id });
    const order = await openLimit(user.token, watch, { symbol, side: 'BUY', quantity: '5', limitPrice: '90' });
    expect(order).toMatchObject({ type: 'LIMIT', limitPrice: '90', reservedCash: '450', price: null, total: null, filledAt: null });
    // The cash is still the user's (the ledger has not moved) but 450 of it is set aside.
    expect(await books(user.token)).toMatchObject({
      balance: '1000',
      portfolio: { cashBalance: '1000', reservedCash: '450', availableCash: '550' },
      transactions: { edges: [{ node: { type: 'DEPOSIT', amount: '1000' } }] },
    });

    const withdraw = await gql(stack.routerUrl, 'mutation { withdraw(amount: "550.01") { id } }', {}, user.token);
    expect(withdraw.errors?.[0]?.extensions).toMatchObject({ code: 'INSUFFICIENT_FUNDS', available: '550' });
    expect(codes(await place(user.token, { symbol, side: 'BUY', type: 'MARKET', quantity: '5.5001' }))).toEqual(['INSUFFICIENT_FUNDS']);
    expect(codes(await place(user.token, { symbol, side: 'BUY', type: 'LIMIT', quantity: '6.2', limitPrice: '89' }))).toEqual(['INSUFFICIENT_FUNDS']);
    expect(await books(user.token)).toMatchObject({ balance: '1000', portfolio: { reservedCash: '450', availableCash: '550' } });

    // All the available cash may go; the reservation stays whole.
    expect(codes(await gql(stack.routerUrl, 'mutation { withdraw(amount: "550") { id } }', {}, user.token))).toEqual([]);
    expect(codes(await place(user.token, { symbol, side: 'BUY', type: 'MARKET', quantity: '0.01' }))).toEqual(['INSUFFICIENT_FUNDS']);
    expect(await books(user.token)).toMatchObject({ balance: '450', portfolio: { reservedCash: '450', availableCash: '0' } });

    // A tick that does not reach the limit fills nothing; ticks of a symbol are matched in order, so a fill at the
    // second tick's price proves the first one left the order alone.
    await setPrice(symbol, '90.01');
    await setPrice(symbol, '87.5');
    const filled = await watch.until(is(order.id, 'FILLED'));
    expect(filled).toMatchObject({ price: '87.5', total: '437.5', reservedCash: '450', limitPrice: '90' });
    expect(watch.events.map((e) => e.status)).toEqual(['OPEN', 'FILLED']);
    // It cost 437.50 of the 450 reserved: the difference is back, and nothing is reserved any more.
    const after = await books(user.token);
    expect(after).toMatchObject({
      balance: '12.5',
      portfolio: { reservedCash: '0', availableCash: '12.5' },
      transactions: { edges: [{ node: { type: 'BUY', amount: '-437.5', orderId: order.id } }] },
    });
    expect(holdingOf(after, symbol)).toEqual({ quantity: '5', reservedQuantity: '0', asset: { symbol } });
  });

  test('a fill never costs more than the reservation, even when the reservation is all the cash', async () => {
    const symbol = await newAsset('120');
    // 0.3333 x 100.01 = 33.333333: the reservation rounds up to 33.34, exactly the deposit.
    const user = await trader('33.34');
    const watch = watchOrders({ userId: user.id });
    const order = await openLimit(user.token, watch, { symbol, side: 'BUY', quantity: '0.3333', limitPrice: '100.01' });
    expect(order.reservedCash).toBe('33.34');
    expect((await books(user.token)).portfolio.availableCash).toBe('0');
    await setPrice(symbol, '100.01');
    expect(await watch.until(is(order.id, 'FILLED'))).toMatchObject({ price: '100.01', total: '33.34' });
    expect(await books(user.token)).toMatchObject({ balance: '0', portfolio: { reservedCash: '0', availableCash: '0' } });
  });

  test('a limit the current price already reaches executes at once, at the current price', async () => {
    const symbol = await newAsset('100');
    const user = await trader('1000');
    const buy = await placed(user.token, { symbol, side: 'BUY', type: 'LIMIT', quantity: '2', limitPrice: '110' });
    expect(buy).toMatchObject({ type: 'LIMIT', status: 'FILLED', limitPrice: '110', reservedCash: null, price: '100', total: '200' });
    const sell = await placed(user.token, { symbol, side: 'SELL', type: 'LIMIT', quantity: '1', limitPrice: '95.5' });
    expect(sell).toMatchObject({ status: 'FILLED', price: '100', total: '100' });
    expect(await books(user.token)).toMatchObject({ balance: '900', portfolio: { reservedCash: '0' } });
  });

  test('a retried placement with its clientOrderId reserves once', async () => {
    const symbol = await newAsset('50');
    const user = await trader('100');
    const input = { symbol, side: 'BUY', type: 'LIMIT', quantity: '1', limitPrice: '40', clientOrderId: 'limit-retry-1' };
    const results = await Promise.all([place(user.token, input), place(user.token, input, twin.routerUrl), place(user.token, input)]);
    const ids = new Set(results.flatMap((r) => (r.data?.placeOrder ? [r.data.placeOrder.id] : [])));
    expect(ids.size).toBe(1);
    expect((await books(user.token)).portfolio.reservedCash).toBe('40');
    const otherLimit = await place(user.token, { ...input, limitPrice: '41' });
    expect(otherLimit.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'clientOrderId' });
    expect(codes(await cancel(user.token, [...ids][0]!))).toEqual([]);
  });
});

describe('limit sell', () => {
  test('reserves its units (they cannot be sold twice) and fills at the tick price', async () => {
    const symbol = await newAsset('100');
    const user = await trader('1000');
    await placed(user.token, { symbol, side: 'BUY', type: 'MARKET', quantity: '2' });
    const watch = watchOrders({ userId: user.id });
    const order = await openLimit(user.token, watch, { symbol, side: 'SELL', quantity: '1.5', limitPrice: '120' });
    expect(order).toMatchObject({ limitPrice: '120', reservedCash: null });
    expect(holdingOf(await books(user.token), symbol)).toEqual({ quantity: '2', reservedQuantity: '1.5', asset: { symbol } });

    const tooMany = await place(user.token, { symbol, side: 'SELL', type: 'MARKET', quantity: '0.50000001' });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'INSUFFICIENT_HOLDINGS', field: 'quantity' });
    expect(codes(await place(user.token, { symbol, side: 'SELL', type: 'LIMIT', quantity: '0.6', limitPrice: '130' }))).toEqual([
      'INSUFFICIENT_HOLDINGS',
    ]);
    // The units not reserved may be sold.
    expect((await placed(user.token, { symbol, side: 'SELL', type: 'MARKET', quantity: '0.5' })).total).toBe('50');
    expect(holdingOf(await books(user.token), symbol)).toEqual({ quantity: '1.5', reservedQuantity: '1.5', asset: { symbol } });

    await setPrice(symbol, '119.99');
    await setPrice(symbol, '125.123');
    // 1.5 x 125.123 = 187.6845: the seller receives it rounded down.
    expect(await watch.until(is(order.id, 'FILLED'))).toMatchObject({ price: '125.123', total: '187.68' });
    const after = await books(user.token);
    expect(holdingOf(after, symbol)).toBeUndefined();
    expect(after).toMatchObject({ balance: '1037.68', transactions: { edges: [{ node: { type: 'SELL', amount: '187.68', orderId: order.id } }] } });
  });
});

describe('cancelOrder', () => {
  test('releases the reservation; a retry with its key returns the same cancelled order; a cancelled order is not filled', async () => {
    const symbol = await newAsset('10');
    const user = await trader('100');
    await placed(user.token, { symbol, side: 'BUY', type: 'MARKET', quantity: '3' });
    const watch = watchOrders({ userId: user.id });
    const buy = await openLimit(user.token, watch, { symbol, side: 'BUY', quantity: '7', limitPrice: '9' });
    const sell = await openLimit(user.token, watch, { symbol, side: 'SELL', quantity: '3', limitPrice: '11' });
    expect(await books(user.token)).toMatchObject({ portfolio: { reservedCash: '63', availableCash: '7' } });

    const cancelled = await cancel(user.token, buy.id, 'cancel-1');
    expect(cancelled.data?.cancelOrder).toMatchObject({ id: buy.id, status: 'CANCELLED', price: null, total: null });
    expect(cancelled.data?.cancelOrder.cancelledAt).toEqual(expect.any(String));
    await watch.until(is(buy.id, 'CANCELLED'));
    expect((await cancel(user.token, buy.id, 'cancel-1')).data).toEqual(cancelled.data);
    expect(watch.events.filter((e) => e.id === buy.id).map((e) => e.status)).toEqual(['OPEN', 'CANCELLED']);
    const reused = await cancel(user.token, sell.id, 'cancel-1');
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(await books(user.token)).toMatchObject({ balance: '70', portfolio: { reservedCash: '0', availableCash: '70' } });

    expect(codes(await cancel(user.token, sell.id))).toEqual([]);
    expect(holdingOf(await books(user.token), symbol)).toMatchObject({ quantity: '3', reservedQuantity: '0' });
    // Both limits are reached now; neither order fills. A new order at the same tick proves the tick was matched.
    const probe = await openLimit(user.token, watch, { symbol, side: 'BUY', quantity: '1', limitPrice: '8' });
    await setPrice(symbol, '8');
    await watch.until(is(probe.id, 'FILLED'));
    await setPrice(symbol, '12');
    const probeSell = await placed(user.token, { symbol, side: 'SELL', type: 'LIMIT', quantity: '1', limitPrice: '12' });
    expect(probeSell.status).toBe('FILLED');
    expect(watch.events.filter((e) => e.id === buy.id || e.id === sell.id).map((e) => e.status)).toEqual(['OPEN', 'OPEN', 'CANCELLED', 'CANCELLED']);
  });

  test('refuses what is not an open order of the caller, changing nothing', async () => {
    const symbol = await newAsset('10');
    const [owner, other] = await Promise.all([trader('100'), trader('100')]);
    const market = await placed(owner.token, { symbol, side: 'BUY', type: 'MARKET', quantity: '1' });
    const open = await placed(owner.token, { symbol, side: 'BUY', type: 'LIMIT', quantity: '1', limitPrice: '5' });
    const before = await books(owner.token);

    const filled = await cancel(owner.token, market.id);
    expect(filled.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', orderStatus: 'FILLED' });
    expect(codes(await cancel(other.token, open.id))).toEqual(['NOT_FOUND']);
    expect(codes(await cancel(owner.token, '01ARZ3NDEKTSV4RRFFQ69G5FAV'))).toEqual(['NOT_FOUND']);
    // Ids that cannot be ours are refused before anything is looked up.
    for (const id of ['', 'x'.repeat(65), 'x'.repeat(3000), '01ARZ3NDEKTSV4RRFFQ69G5FA#', '01ARZ3NDEKTSV4RRFFQ69G5FAV/..']) {
      expect((await cancel(owner.token, id)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    }
    const badKey = await cancel(owner.token, open.id, 'not a key');
    expect(badKey.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    const adminCancel = await cancel(admin, open.id);
    expect(codes(adminCancel)).toEqual(['FORBIDDEN']);
    expect(await books(owner.token)).toEqual(before);

    expect(codes(await cancel(owner.token, open.id))).toEqual([]);
    const again = await cancel(owner.token, open.id);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', orderStatus: 'CANCELLED' });
  });

  test('concurrent cancels through two platforms that share no lock: exactly one succeeds', async () => {
    const symbol = await newAsset('10');
    const user = await trader('100');
    const order = await placed(user.token, { symbol, side: 'BUY', type: 'LIMIT', quantity: '4', limitPrice: '5' });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => cancel(user.token, order.id, undefined, (i % 2 ? twin : stack).routerUrl)));
    expect(results.filter((r) => r.data?.cancelOrder?.status === 'CANCELLED')).toHaveLength(1);
    for (const refused of results.filter((r) => !r.data?.cancelOrder)) {
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', orderStatus: 'CANCELLED' });
    }
    expect(await books(user.token)).toMatchObject({ balance: '100', portfolio: { reservedCash: '0' } });
  });

  test('cancels racing fills: each order ends either FILLED or CANCELLED, and the books agree', async () => {
    const symbol = await newAsset('10');
    const user = await trader('1000');
    await placed(user.token, { symbol, side: 'BUY', type: 'MARKET', quantity: '10' });
    const watch = watchOrders({ userId: user.id });
    const buys = await Promise.all(
      Array.from({ length: 5 }, () => placed(user.token, { symbol, side: 'BUY', type: 'LIMIT', quantity: '2', limitPrice: '9' })),
    );
    const sells = await Promise.all(
      Array.from({ length: 5 }, () => placed(user.token, { symbol, side: 'SELL', type: 'LIMIT', quantity: '2', limitPrice: '11' })),
    );
    await Promise.all([...buys, ...sells].map((order) => watch.until(is(order.id, 'OPEN'))));

    // The price reaches the buys' limits: once the matcher has filled the first, the cancels go out while it fills
    // the others (half through the twin, which shares no lock with it); then the same for the sells.
    const viaTwin = (i: number) => (i % 2 ? twin : stack).routerUrl;
    const anyFilled = (ids: Order[]) => (event: Order) => event.status === 'FILLED' && ids.some((order) => order.id === event.id);
    await setPrice(symbol, '8.5');
    await watch.until(anyFilled(buys));
    const buyCancels = buys.map((order, i) => cancel(user.token, order.id, undefined, viaTwin(i)));
    await setPrice(symbol, '11.5');
    await watch.until(anyFilled(sells));
    const sellCancels = sells.map((order, i) => cancel(user.token, order.id, undefined, viaTwin(i)));
    const cancels = await Promise.all([...buyCancels, ...sellCancels]);

    // A cancel that returned decided its order: CANCELLED, or refused because the order was FILLED by then.
    const orders = [...buys, ...sells];
    const outcome = new Map<string, string>();
    orders.forEach((order, i) => {
      const result = cancels[i]!;
      if (result.data?.cancelOrder) outcome.set(order.id, 'CANCELLED');
      else {
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', orderStatus: 'FILLED' });
        outcome.set(order.id, 'FILLED');
      }
    });
    for (const order of orders) {
      const stored = await gql<{ order: Order }>(
        stack.routerUrl,
        `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`,
        { id: order.id },
        user.token,
      );
      expect(stored.data?.order.status).toBe(outcome.get(order.id));
    }
    // The fills were announced (the twin's cancels go to the twin's own event bus); none of them was cancelled.
    for (const [id, status] of outcome) if (status === 'FILLED') await watch.until(is(id, 'FILLED'));
    for (const [id, status] of outcome) if (status === 'CANCELLED') expect(watch.events.find(is(id, 'FILLED'))).toBeUndefined();

    const filledBuys = buys.filter((o) => outcome.get(o.id) === 'FILLED').length;
    const filledSells = sells.filter((o) => outcome.get(o.id) === 'FILLED').length;
    // The first of each side filled before the cancels went out.
    expect(filledBuys).toBeGreaterThanOrEqual(1);
    expect(filledSells).toBeGreaterThanOrEqual(1);
    const b = await books(user.token);
    expect(b.portfolio.reservedCash).toBe('0');
    expect(holdingOf(b, symbol)).toMatchObject({ quantity: d(10 + 2 * filledBuys - 2 * filledSells).toFixed(), reservedQuantity: '0' });
    expect(b.balance).toBe(d(1000 - 100 - 17 * filledBuys + 23 * filledSells).toFixed());
  });
});

describe('Subscription.orderUpdated', () => {
  test("the owner gets their orders' events, another customer does not, an admin may watch a user", async () => {
    const symbol = await newAsset('10');
    const [owner, other] = await Promise.all([trader('100'), trader('100')]);
    const ownerWatch = watchOrders({ userId: owner.id });
    const otherWatch = watchOrders({ userId: other.id });
    const adminWatch = watchOrders({ userId: randomUUID(), role: 'ADMIN' }, owner.id);
    // Each stream is live once it has delivered an event of its own.
    await openLimit(other.token, otherWatch, { symbol, side: 'BUY', quantity: '1', limitPrice: '1' });
    const first = await openLimit(owner.token, ownerWatch, { symbol, side: 'BUY', quantity: '1', limitPrice: '2' });
    await adminWatch.until(is(first.id, 'OPEN'));
    const market = await placed(owner.token, { symbol, side: 'BUY', type: 'MARKET', quantity: '1' });
    await ownerWatch.until(is(market.id, 'FILLED'));
    await cancel(owner.token, first.id);
    await ownerWatch.until(is(first.id, 'CANCELLED'));
    // Events reach every subscriber in publication order: the other's next own event comes after the owner's.
    const last = await openLimit(other.token, otherWatch, { symbol, side: 'BUY', quantity: '1', limitPrice: '3' });
    expect(otherWatch.events.map((e) => e.id)).toEqual([otherWatch.events[0]!.id, last.id]);
    expect(ownerWatch.events.map((e) => [e.id, e.status])).toEqual([
      [first.id, 'OPEN'],
      [market.id, 'FILLED'],
      [first.id, 'CANCELLED'],
    ]);
    await adminWatch.until(is(first.id, 'CANCELLED'));
    expect(adminWatch.events.map((e) => e.id)).toEqual([first.id, market.id, first.id]);
  });

  test("a customer asking for another user's orders is FORBIDDEN", async () => {
    const [owner, other] = await Promise.all([registerUser(stack.routerUrl, 'watched'), registerUser(stack.routerUrl, 'snoop')]);
    const errors = await watchOrders({ userId: other.id }, owner.id).failed;
    expect(errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

describe('placeOrder input', () => {
  test.each([
    ['a LIMIT order without limitPrice', { type: 'LIMIT' }, 'limitPrice'],
    ['a MARKET order with a limitPrice', { type: 'MARKET', limitPrice: '1' }, 'limitPrice'],
    ['a zero limitPrice', { type: 'LIMIT', limitPrice: '0' }, 'limitPrice'],
    ['a negative limitPrice', { type: 'LIMIT', limitPrice: '-1' }, 'limitPrice'],
    ['a limitPrice with 9 decimals', { type: 'LIMIT', limitPrice: '1.000000001' }, 'limitPrice'],
    ['a limit order worth less than a cent', { type: 'LIMIT', limitPrice: '0.009' }, 'quantity'],
  ])('refuses %s (BAD_USER_INPUT naming the field)', async (_label, fields, field) => {
    const user = await trader('10');
    const response = await place(user.token, { symbol: 'BTC', side: 'BUY', quantity: '1', ...fields });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await books(user.token)).toMatchObject({ balance: '10', portfolio: { reservedCash: '0' } });
  });
});
