import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type QueryCommandOutput, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  activeIndexes,
  type Connection,
  createDatabase,
  createTableInput,
  type Database,
  Dec,
  dynamoNumber,
  newId,
  type PageArgs,
  pageRequest,
  readConnection,
  type TableKey,
} from '@trading/platform';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '@trading/platform/dynamodb/embedded';
import { backfillOrderIndexKeys } from '../src/data/index-backfill';
import { cancelOrderItem, fillOrderItem, listOrders, type OrderListIndexes, type OrderRecord, orderSource, putOrderItem } from '../src/data/orders';
import { MarketActivity } from '../src/domain/market-activity';
import { parseOrderFilter } from '../src/domain/order-filter';
import type { OrderFilter } from '../src/generated/resolvers';

// Order lists with filters against the embedded DynamoDB, on a table with the list indexes and on one created before
// them (as an existing data folder has): the same orders, page after page, and the indexes doing the selecting.

let embedded: EmbeddedDynamo;
/** A table with every index of tables.ts. */
let current: Database;
/** A table as created before `bySymbol`, `byStatus` and `filledBySymbol` existed. */
let old: Database;

/** Creates a table of tables.ts without some of its indexes, the way an older version of the platform created it. */
async function createTableWithout(db: Database, key: TableKey, without: string[]): Promise<void> {
  await db.doc.send(new CreateTableCommand(createTableInput(key, db.tables[key], { withoutIndexes: without })));
  await db.ensureTables([key]);
}

beforeAll(async () => {
  embedded = await startEmbeddedDynamo();
  current = createDatabase({ endpoint: embedded.endpoint, region: 'us-east-1', tablePrefix: 'list-' });
  old = createDatabase({ endpoint: embedded.endpoint, region: 'us-east-1', tablePrefix: 'old-' });
  await current.ensureTables(['orders']);
  await createTableWithout(old, 'orders', ['bySymbol', 'byStatus', 'filledBySymbol']);
});
afterAll(async () => {
  current.close();
  old.close();
  await embedded.close();
});

const T = Date.UTC(2026, 0, 15, 12, 0, 0);
const SYMBOLS = ['BTC', 'ETH', 'SOL'];

/** 60 orders a second apart: every symbol, side, type and status, in a pattern the oracle below can filter. */
function ordersOf(userId: string): OrderRecord[] {
  return Array.from({ length: 60 }, (_, i) => {
    const at = T + i * 1000;
    const type = i % 4 === 0 ? 'LIMIT' : 'MARKET';
    const status = type === 'MARKET' || i % 12 === 0 ? 'FILLED' : i % 8 === 0 ? 'OPEN' : 'CANCELLED';
    return {
      userId,
      id: newId(at),
      symbol: SYMBOLS[i % 3]!,
      side: i % 2 ? 'SELL' : 'BUY',
      type,
      status,
      quantity: new Dec(`0.${i + 1}`),
      ...(type === 'LIMIT' ? { limitPrice: new Dec(100 + i) } : {}),
      ...(status === 'FILLED' ? { price: new Dec(100), total: new Dec(10), filledAt: new Date(at).toISOString() } : {}),
      ...(status === 'CANCELLED' ? { cancelledAt: new Date(at).toISOString() } : {}),
      createdAt: new Date(at).toISOString(),
    } satisfies OrderRecord;
  });
}

async function store(db: Database, orders: OrderRecord[]): Promise<void> {
  for (let i = 0; i < orders.length; i += 25) {
    await db.doc.send(new TransactWriteCommand({ TransactItems: orders.slice(i, i + 25).map((order) => putOrderItem(db, order)) }));
  }
}

/** Records every Query the list makes: which index, and how many items DynamoDB evaluated. */
function watchQueries(db: Database): { queries: { index?: string; scanned: number }[]; stop: () => void } {
  const queries: { index?: string; scanned: number }[] = [];
  const send = db.doc.send.bind(db.doc);
  const spy = jest.spyOn(db.doc, 'send').mockImplementation((async (command: object & { input: { IndexName?: string } }) => {
    const output = (await send(command as never)) as QueryCommandOutput;
    if (command instanceof QueryCommand) {
      queries.push({ ...(command.input.IndexName ? { index: command.input.IndexName } : {}), scanned: output.ScannedCount ?? 0 });
    }
    return output;
  }) as never);
  return { queries, stop: () => spy.mockRestore() };
}

/** Pages through a list the way a client does, `size` at a time; returns the ids in order. */
async function pageThrough(db: Database, indexes: OrderListIndexes, userId: string, filter: OrderFilter, size: number): Promise<string[]> {
  const { query } = parseOrderFilter(filter, null);
  const ids: string[] = [];
  let after: string | undefined;
  for (let page = 0; page < 100; page += 1) {
    const found = await listOrders(db, indexes, userId, query, size + 1, after ? { below: after } : {});
    ids.push(...found.slice(0, size).map((order) => order.id));
    if (found.length <= size) return ids;
    after = found[size - 1]!.id;
  }
  throw new Error('the list never ended');
}

/**
 * Pages through a list as a client of the connection does: forward with first/after to its end, then back from its
 * end with last/before to its start. Returns each walk's pages (ids, and hasPreviousPage/hasNextPage).
 */
async function walkBothWays(db: Database, indexes: OrderListIndexes, userId: string, filter: OrderFilter, size: number) {
  const { query } = parseOrderFilter(filter, null);
  const source = orderSource(db, indexes, userId, query);
  const page = (args: PageArgs) =>
    readConnection(
      pageRequest(args, (cursor) => cursor ?? undefined),
      source,
      (order) => order.id,
    );
  type Page = { ids: string[]; sides: [boolean, boolean] };
  const shown = (connection: Connection<OrderRecord>): Page => ({
    ids: connection.edges.map((edge) => edge.node.id),
    sides: [connection.pageInfo.hasPreviousPage, connection.pageInfo.hasNextPage],
  });
  const forward: Page[] = [];
  for (let after: string | null = null, i = 0; i < 100; i += 1) {
    const connection: Connection<OrderRecord> = await page({ first: size, after });
    forward.push(shown(connection));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  const backward: Page[] = [];
  for (let before: string | null = null, i = 0; i < 100; i += 1) {
    const connection: Connection<OrderRecord> = await page({ last: size, before });
    backward.unshift(shown(connection));
    if (!connection.pageInfo.hasPreviousPage) break;
    before = connection.pageInfo.startCursor;
  }
  return { forward, backward };
}

/** What the list must return: the orders matching every condition, newest first. */
function expected(orders: OrderRecord[], filter: OrderFilter): string[] {
  return orders
    .filter(
      (order) =>
        (!filter.symbol || order.symbol === filter.symbol.toUpperCase()) &&
        (!filter.side || order.side === filter.side) &&
        (!filter.type || order.type === filter.type) &&
        (!filter.status || order.status === filter.status) &&
        (!filter.from || Date.parse(order.createdAt) >= filter.from.getTime()) &&
        (!filter.to || Date.parse(order.createdAt) < filter.to.getTime()),
    )
    .map((order) => order.id)
    .sort()
    .reverse();
}

const at = (seconds: number) => new Date(T + seconds * 1000);
const FILTERS: [string, OrderFilter][] = [
  ['none', {}],
  ['a symbol in lower case', { symbol: 'eth' }],
  ['a status', { status: 'CANCELLED' }],
  ['a side', { side: 'SELL' }],
  ['a type', { type: 'LIMIT' }],
  ['a symbol and a status', { symbol: 'BTC', status: 'FILLED' }],
  ['a status and a side', { status: 'OPEN', side: 'BUY' }],
  ['a time range', { from: at(10), to: at(25) }],
  ['a range from an instant inside a second', { from: new Date(T + 10_500) }],
  ['a range up to an instant', { to: at(7) }],
  ['everything', { symbol: 'sol', side: 'BUY', type: 'MARKET', status: 'FILLED', from: at(5), to: at(50) }],
  ['a symbol nobody trades', { symbol: 'NOPE' }],
  ['an empty range', { from: at(20), to: at(20) }],
];

describe.each([
  ['with the list indexes', () => current, { bySymbol: true, byStatus: true }],
  ['on a table created before them', () => old, { bySymbol: false, byStatus: false }],
])('%s', (_label, database, indexes) => {
  const userId = randomUUID();
  const orders = ordersOf(userId);
  beforeAll(() => store(database(), orders), 30_000);

  test.each(FILTERS)(
    'pages through %s exactly, whatever the page size',
    async (name, filter) => {
      const want = expected(orders, filter);
      // Only the two lists meant to be empty are: the others prove something.
      expect(want.length === 0).toBe(name === 'a symbol nobody trades' || name === 'an empty range');
      for (const size of [1, 3, 7, 100]) expect(await pageThrough(database(), indexes, userId, filter, size)).toEqual(want);
    },
    30_000,
  );

  test.each(FILTERS)(
    'pages through %s backwards (last/before) to the same orders, with exact page info on both sides',
    async (_name, filter) => {
      const want = expected(orders, filter);
      for (const size of [1, 7]) {
        const { forward, backward } = await walkBothWays(database(), indexes, userId, filter, size);
        expect(forward.flatMap((page) => page.ids)).toEqual(want);
        expect(backward.flatMap((page) => page.ids)).toEqual(want);
        // Backward pages are full but the first (the list's start), the other way round from forward pages.
        expect(backward.slice(1).every((page) => page.ids.length === size)).toBe(true);
        // Every page but the list's first has a previous page, every page but its last a next one.
        const sides = (count: number) => Array.from({ length: count }, (_, i) => [i > 0, i < count - 1]);
        expect(forward.map((page) => page.sides)).toEqual(sides(forward.length));
        expect(backward.map((page) => page.sides)).toEqual(sides(backward.length));
      }
    },
    60_000,
  );
});

test("the indexes select the orders: a symbol or status list reads only those orders, not the user's others", async () => {
  const userId = randomUUID();
  const orders = ordersOf(userId);
  await store(current, orders);
  expect(await activeIndexes(current, 'orders')).toEqual(new Set(['byId', 'openBySymbol', 'bySymbol', 'byStatus', 'filledBySymbol']));
  const indexes = { bySymbol: true, byStatus: true };
  for (const [filter, index] of [
    [{ symbol: 'ETH' }, 'bySymbol'],
    [{ status: 'OPEN' }, 'byStatus'],
  ] as const) {
    const watch = watchQueries(current);
    const ids = await pageThrough(current, indexes, userId, filter, 100);
    watch.stop();
    expect(ids).toEqual(expected(orders, filter));
    expect(watch.queries).toEqual([{ index, scanned: ids.length }]);
  }
  // A time range is a key range: only the orders in it are read.
  const watch = watchQueries(current);
  const ranged = await pageThrough(current, indexes, userId, { from: at(30), to: at(40) }, 100);
  watch.stop();
  expect(ranged).toHaveLength(10);
  expect(watch.queries).toEqual([{ scanned: 10 }]);
}, 30_000);

test('a fill or a cancel moves an order to its new status in byStatus, and a fill into the 24 h activity', async () => {
  const userId = randomUUID();
  const symbol = `T${randomUUID().slice(0, 6).toUpperCase()}`;
  const open = (n: number): OrderRecord => ({
    userId,
    id: newId(),
    symbol,
    side: 'BUY',
    type: 'LIMIT',
    status: 'OPEN',
    quantity: new Dec(`1.5${n}`),
    limitPrice: new Dec(10),
    createdAt: new Date().toISOString(),
  });
  const [a, b] = [open(1), open(2)];
  await store(current, [a, b]);
  const activity = new MarketActivity(current, true, { maxAgeMs: 0 });
  expect(await activity.of(symbol)).toEqual({ volume: new Dec(0), trades: 0 });
  await current.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        fillOrderItem(current, a, { price: new Dec(9), total: new Dec('13.59'), filledAt: new Date().toISOString() }),
        cancelOrderItem(current, b, new Date().toISOString()),
      ],
    }),
  );
  const indexes = { bySymbol: true, byStatus: true };
  const list = (status: 'OPEN' | 'FILLED' | 'CANCELLED') => pageThrough(current, indexes, userId, { status }, 10);
  expect(await list('OPEN')).toEqual([]);
  expect(await list('FILLED')).toEqual([a.id]);
  expect(await list('CANCELLED')).toEqual([b.id]);
  expect(await activity.of(symbol)).toEqual({ volume: new Dec('1.51'), trades: 1 });
}, 30_000);

describe('Asset.volume24h and trades24h', () => {
  const symbol = `V${randomUUID().slice(0, 6).toUpperCase()}`;
  const now = Date.now();
  const fill = (hoursAgo: number, quantity: string, side: 'BUY' | 'SELL'): OrderRecord => {
    const when = now - hoursAgo * 3_600_000;
    return {
      userId: randomUUID(),
      id: newId(when),
      symbol,
      side,
      type: 'MARKET',
      status: 'FILLED',
      quantity: new Dec(quantity),
      price: new Dec(1),
      total: new Dec(1),
      createdAt: new Date(when).toISOString(),
      filledAt: new Date(when).toISOString(),
    };
  };
  const orders = [
    fill(23.9, '0.12345678', 'BUY'),
    fill(1, '2', 'SELL'),
    fill(0.1, '0.00000001', 'BUY'),
    fill(24.1, '1000', 'BUY'),
    fill(48, '7', 'SELL'),
  ];

  beforeAll(async () => {
    await store(current, orders);
    await store(old, orders);
  });

  test.each([
    ['from the filledBySymbol index', () => current, true],
    ['by a scan of a table without it', () => old, false],
  ])('counts the units and fills of the last 24 hours exactly, %s', async (_label, database, indexed) => {
    const activity = new MarketActivity(database(), indexed, { now: () => now });
    expect(await activity.of(symbol)).toEqual({ volume: new Dec('2.12345679'), trades: 3 });
    expect(await activity.of('NEVERTRADED')).toEqual({ volume: new Dec(0), trades: 0 });
  });

  test('serves a figure for a few seconds, then reads the fills again', async () => {
    let clock = now;
    const activity = new MarketActivity(current, true, { now: () => clock, maxAgeMs: 5000 });
    const watch = watchQueries(current);
    const [first, second] = await Promise.all([activity.of(symbol), activity.of(symbol)]);
    expect(second).toEqual(first);
    // Two requests at once share one read.
    expect(watch.queries).toHaveLength(1);
    await store(current, [fill(0, '1', 'SELL')]);
    expect((await activity.of(symbol)).trades).toBe(3);
    clock += 5000;
    expect(await activity.of(symbol)).toEqual({ volume: new Dec('3.12345679'), trades: 4 });
    watch.stop();
    expect(watch.queries).toHaveLength(2);
  });
});

test('orders stored before the indexes existed join them once `npm run backfill-indexes` wrote their keys', async () => {
  const userId = randomUUID();
  const symbol = `B${randomUUID().slice(0, 6).toUpperCase()}`;
  const [filled, open] = ordersOf(userId).filter((order) => order.status === 'FILLED' || order.status === 'OPEN');
  // Stored as the platform stored orders before: no userSymbol, userStatus or filledSymbol.
  for (const order of [filled!, { ...open!, status: 'OPEN' as const }]) {
    const item: Record<string, unknown> = { ...order, symbol };
    for (const name of ['quantity', 'limitPrice', 'price', 'total'] as const) if (order[name]) item[name] = dynamoNumber(order[name]);
    await current.doc.send(new PutCommand({ TableName: current.tables.orders, Item: item }));
  }
  const indexes = { bySymbol: true, byStatus: true };
  const activity = new MarketActivity(current, true, { maxAgeMs: 0, now: () => Date.parse(filled!.filledAt!) + 1000 });
  expect(await pageThrough(current, indexes, userId, { symbol }, 10)).toEqual([]);
  expect(await pageThrough(current, indexes, userId, { status: 'OPEN' }, 10)).toEqual([]);
  expect((await activity.of(symbol)).trades).toBe(0);

  const { updated } = await backfillOrderIndexKeys(current);
  expect(updated).toBeGreaterThanOrEqual(2);
  expect(await pageThrough(current, indexes, userId, { symbol }, 10)).toEqual([open!.id, filled!.id].sort().reverse());
  expect(await pageThrough(current, indexes, userId, { status: 'OPEN' }, 10)).toEqual([open!.id]);
  expect(await activity.of(symbol)).toEqual({ volume: filled!.quantity, trades: 1 });
  // A second run finds nothing left to do.
  expect(await backfillOrderIndexKeys(current)).toEqual({ updated: 0 });
}, 30_000);
