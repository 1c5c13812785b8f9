import { randomUUID } from 'node:crypto';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Coordination, createCoordination, createDatabase, createLogger, type Database, Dec, dynamoNumber } from '@trading/platform';
import { cashMovement, readCashAccount, reconcileAll, transactCash } from '@trading/ledger';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '@trading/platform/dynamodb/embedded';
import { getOrder, type OrderRecord } from '../src/data/orders';
import type { PriceLookup, Quote } from '../src/data/prices';
import { cancelOrder } from '../src/domain/cancel';
import { PRICE_CHANGED, type PriceTick } from '../src/domain/events';
import { fillOpenOrder } from '../src/domain/fills';
import { matchTick, startMatcher, type TickOutcome } from '../src/domain/matcher';
import type { TradingDeps } from '../src/domain/deps';
import { placeOrder } from '../src/domain/trading';

// The matcher and the reservations against the embedded DynamoDB: the same tick matched twice, by two instances on
// Redis, a cancel racing a fill (each without a shared lock where it matters), and the ledger's conditions refusing a
// debit that would spend reserved cash even when the request was planned before the reservation.

const REDIS_URL = 'redis://127.0.0.1:6379';
const log = createLogger('test', 'silent');

let embedded: EmbeddedDynamo;
let db: Database;
const coordinations: Coordination[] = [];

/** Prices as the inventory subgraph would quote them; tests set them. */
const quotes = new Map<string, Quote>();
const prices: PriceLookup = { quotes: async (symbols) => new Map(symbols.flatMap((s) => (quotes.has(s) ? [[s, quotes.get(s)!] as const] : []))) };
const setQuote = (symbol: string, price: string) => quotes.set(symbol, { symbol, price: new Dec(price), active: true });

beforeAll(async () => {
  embedded = await startEmbeddedDynamo();
  db = createDatabase({ endpoint: embedded.endpoint, region: 'us-east-1', tablePrefix: 'matcher-' });
  await db.ensureTables(['users', 'ledger', 'orders', 'holdings', 'requestKeys']);
});
afterAll(async () => {
  await Promise.all(coordinations.map((coordination) => coordination.close()));
  db.close();
  await embedded.close();
});

/** An orders instance's dependencies; instances with the same prefix share locks and events (as on one Redis). */
async function instance(prefix = `matcher-test:${randomUUID()}:`, redisUrl?: string): Promise<TradingDeps> {
  const coordination = await createCoordination({ keyPrefix: prefix, ...(redisUrl ? { redisUrl } : {}) });
  coordinations.push(coordination);
  return { db, coordination, prices, log };
}

async function userWithCash(amount: string): Promise<string> {
  const userId = randomUUID();
  await db.doc.send(
    new PutCommand({
      TableName: db.tables.users,
      Item: { id: userId, username: userId, balance: dynamoNumber(new Dec(0)), ledgerSeq: dynamoNumber(0) },
    }),
  );
  await transactCash(db, userId, () => ({ movement: { type: 'DEPOSIT', amount: new Dec(amount) }, result: () => null }));
  return userId;
}

const newSymbol = () => `T${randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()}`;
const tick = (symbol: string, price: string): PriceTick => ({ symbol, price: new Dec(price), changedAt: new Date().toISOString() });

async function mismatchesOf(userIds: string[]) {
  const found = [];
  for await (const users of reconcileAll(db)) found.push(...users.filter((u) => userIds.includes(u.userId)).flatMap((u) => u.mismatches));
  return found;
}

test('the same tick matched twice at once, by instances that share no lock, fills each order once', async () => {
  const symbol = newSymbol();
  setQuote(symbol, '100');
  const [a, b] = await Promise.all([instance(), instance()]);
  const users = await Promise.all([userWithCash('1000'), userWithCash('1000')]);
  const orders = await Promise.all(
    users.flatMap((userId) => [
      placeOrder(a, userId, { symbol, side: 'BUY', type: 'LIMIT', quantity: '2', limitPrice: '95' }),
      placeOrder(a, userId, { symbol, side: 'BUY', type: 'LIMIT', quantity: '3', limitPrice: '99' }),
    ]),
  );
  expect(orders.map((order) => order.status)).toEqual(['OPEN', 'OPEN', 'OPEN', 'OPEN']);

  const outcomes = await Promise.all([matchTick(a, tick(symbol, '94.5')), matchTick(b, tick(symbol, '94.5')), matchTick(a, tick(symbol, '94.5'))]);
  const filled = outcomes.flatMap((outcome) => outcome.filled.map((order) => order.id));
  expect(filled.sort()).toEqual(orders.map((order) => order.id).sort());
  expect(outcomes.reduce((sum, outcome) => sum + outcome.failed, 0)).toBe(0);
  for (const userId of users) {
    const account = await readCashAccount(db, userId);
    // 2 x 94.5 + 3 x 94.5 = 472.5, every reservation released.
    expect([account?.balance.toFixed(), account?.reserved.toFixed(), account?.ledgerSeq]).toEqual(['527.5', '0', 3]);
  }
  expect(await mismatchesOf(users)).toEqual([]);
});

test('two orders instances on Redis both receive every tick; each order is filled exactly once', async () => {
  const prefix = `matcher-test:${randomUUID()}:`;
  const [a, b] = await Promise.all([instance(prefix, REDIS_URL), instance(prefix, REDIS_URL)]);
  const symbol = newSymbol();
  setQuote(symbol, '10');
  const outcomes: TickOutcome[] = [];
  let bothDone!: () => void;
  const done = new Promise<void>((resolve) => (bothDone = resolve));
  const onTick = (outcome: TickOutcome) => {
    outcomes.push(outcome);
    if (outcomes.length === 2) bothDone();
  };
  const matchers = await Promise.all([startMatcher(a, { onTick }), startMatcher(b, { onTick })]);
  try {
    const users = await Promise.all(Array.from({ length: 4 }, () => userWithCash('100')));
    const orders: OrderRecord[] = [];
    for (const userId of users) {
      orders.push(await placeOrder(a, userId, { symbol, side: 'BUY', type: 'LIMIT', quantity: '1', limitPrice: '9' }));
      orders.push(await placeOrder(b, userId, { symbol, side: 'BUY', type: 'LIMIT', quantity: '2', limitPrice: '8.5' }));
    }
    await a.coordination.events.publish(PRICE_CHANGED, { symbol, price: '8', previousPrice: '10', changedAt: new Date().toISOString() });
    await done;
    // Each instance handled the tick; between them every order was filled once.
    expect(outcomes.map((outcome) => outcome.tick.price.toFixed())).toEqual(['8', '8']);
    const filled = outcomes.flatMap((outcome) => outcome.filled.map((order) => order.id));
    expect(filled.sort()).toEqual(orders.map((order) => order.id).sort());
    for (const order of orders) expect((await getOrder(db, order.userId, order.id))?.status).toBe('FILLED');
    expect(await mismatchesOf(users)).toEqual([]);
  } finally {
    await Promise.all(matchers.map((matcher) => matcher.close()));
  }
});

test('a cancel racing a fill without a shared lock: exactly one wins, and the books agree', async () => {
  const [a, b] = await Promise.all([instance(), instance()]);
  const symbol = newSymbol();
  setQuote(symbol, '50');
  const userId = await userWithCash('10000');
  await placeOrder(a, userId, { symbol, side: 'BUY', type: 'MARKET', quantity: '20' });
  const results: string[] = [];
  for (let round = 0; round < 20; round += 1) {
    const side = round % 2 ? 'SELL' : 'BUY';
    const order = await placeOrder(a, userId, { symbol, side, type: 'LIMIT', quantity: '1', limitPrice: side === 'BUY' ? '45' : '55' });
    // The cancel starts 0 to 4 reads after the fill, so the two interleave differently from round to round.
    const delayedCancel = async () => {
      for (let read = 0; read < round % 5; read += 1) await getOrder(db, userId, order.id);
      return cancelOrder(a, userId, order.id);
    };
    const [filled, cancelled] = await Promise.allSettled([fillOpenOrder(b, order, new Dec(side === 'BUY' ? '44' : '56')), delayedCancel()]);
    const final = await getOrder(db, userId, order.id);
    if (final?.status === 'CANCELLED') {
      expect(cancelled.status).toBe('fulfilled');
      expect(filled).toEqual({ status: 'fulfilled', value: null });
    } else {
      expect(final?.status).toBe('FILLED');
      expect(filled.status === 'fulfilled' && filled.value?.status).toBe('FILLED');
      expect(cancelled.status === 'rejected' && (cancelled.reason as { extensions: unknown }).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        orderStatus: 'FILLED',
      });
    }
    results.push(final!.status);
  }
  // Started at once, the cancel wins; started four reads later, the fill does: both outcomes happen.
  expect(new Set(results)).toEqual(new Set(['CANCELLED', 'FILLED']));
  expect((await readCashAccount(db, userId))?.reserved.toFixed()).toBe('0');
  expect(await mismatchesOf([userId])).toEqual([]);
});

test("a debit planned before a reservation is refused by the ledger's condition, not only by the check before it", async () => {
  const deps = await instance();
  const symbol = newSymbol();
  setQuote(symbol, '10');
  const userId = await userWithCash('100');
  const before = (await readCashAccount(db, userId))!;
  await placeOrder(deps, userId, { symbol, side: 'BUY', type: 'LIMIT', quantity: '6', limitPrice: '9' });
  // A withdrawal of 50 fitted the account as read before; 54 of the 100 are reserved now.
  const stale = cashMovement(db, before, { type: 'WITHDRAWAL', amount: new Dec(-50), at: new Date().toISOString() });
  const refused: unknown = await db.doc.send(new TransactWriteCommand({ TransactItems: stale.items })).catch((error: unknown) => error);
  expect((refused as Error).name).toBe('TransactionCanceledException');
  // Planned from fresh reads, it is refused as INSUFFICIENT_FUNDS; what is available may go.
  const again: unknown = await transactCash(db, userId, () => ({
    movement: { type: 'WITHDRAWAL', amount: new Dec(-46.01) },
    result: () => null,
  })).catch((error: unknown) => error);
  expect((again as { extensions: unknown }).extensions).toMatchObject({ code: 'INSUFFICIENT_FUNDS', available: '46' });
  await transactCash(db, userId, () => ({ movement: { type: 'WITHDRAWAL', amount: new Dec(-46) }, result: () => null }));
  const after = await readCashAccount(db, userId);
  expect([after?.balance.toFixed(), after?.reserved.toFixed()]).toEqual(['54', '54']);
  expect(await mismatchesOf([userId])).toEqual([]);
});
