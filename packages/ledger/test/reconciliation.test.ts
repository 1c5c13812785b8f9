import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDatabase, type Database, Dec, dynamoNumber } from '@trading/platform';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '@trading/platform/dynamodb/embedded';
import { readCashAccount, reserveCashItem, transactCash } from '../src/ledger';
import { reconcileAll, reconcilePage, type MismatchKind } from '../src/reconciliation';

// The reconciliation finds each kind of broken book, and none in books written the platform's way.

let embedded: EmbeddedDynamo;
let db: Database;
let counter = 0;

beforeAll(async () => {
  embedded = await startEmbeddedDynamo();
  db = createDatabase({ endpoint: embedded.endpoint, region: 'us-east-1', tablePrefix: 'recon-' });
  await db.ensureTables(['users', 'ledger', 'orders', 'holdings']);
});
afterAll(async () => {
  db.close();
  await embedded.close();
});

/** A user with a deposit of 1000 and a filled buy of 2 X for 300, written as the platform writes them. */
async function healthyUser(): Promise<{ userId: string; orderId: string }> {
  counter += 1;
  const userId = `u${String(counter).padStart(4, '0')}`;
  const orderId = `ORDER${String(counter).padStart(21, '0')}`;
  await db.doc.send(
    new PutCommand({
      TableName: db.tables.users,
      Item: { id: userId, username: `user${counter}`, balance: dynamoNumber(0), ledgerSeq: dynamoNumber(0) },
    }),
  );
  await transactCash(db, userId, () => ({ movement: { type: 'DEPOSIT', amount: new Dec(1000) }, result: () => null }));
  await transactCash(db, userId, () => ({
    movement: { type: 'BUY', amount: new Dec(-300), orderId },
    items: [
      {
        Put: {
          TableName: db.tables.orders,
          Item: {
            userId,
            id: orderId,
            symbol: 'X',
            side: 'BUY',
            type: 'MARKET',
            status: 'FILLED',
            quantity: dynamoNumber(new Dec(2)),
            total: dynamoNumber(new Dec(300)),
          },
        },
      },
      {
        Put: {
          TableName: db.tables.holdings,
          Item: { userId, symbol: 'X', quantity: dynamoNumber(new Dec(2)), costBasis: dynamoNumber(new Dec(300)) },
        },
      },
    ],
    result: () => null,
  }));
  return { userId, orderId };
}

async function kindsFor(userId: string): Promise<MismatchKind[]> {
  for await (const users of reconcileAll(db, 7)) {
    const found = users.find((user) => user.userId === userId);
    if (found) return found.mismatches.map((mismatch) => mismatch.kind).sort();
  }
  throw new Error(`user ${userId} was not reconciled`);
}

test('books written through the ledger module reconcile without a mismatch, across pages', async () => {
  const users = await Promise.all(Array.from({ length: 10 }, healthyUser));
  const seen = new Map<string, number>();
  for await (const page of reconcileAll(db, 3)) for (const user of page) seen.set(user.userId, user.mismatches.length);
  for (const { userId } of users) expect(seen.get(userId)).toBe(0);
  const first = await reconcilePage(db, 3);
  expect(first.users).toHaveLength(3);
  expect(first.nextUserId).toBe(first.users[2]!.userId);
});

const tamper: [string, (ids: { userId: string; orderId: string }) => Promise<unknown>, MismatchKind[]][] = [
  [
    'a balance changed outside the ledger',
    ({ userId }) =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.tables.users,
          Key: { id: userId },
          UpdateExpression: 'SET balance = :b',
          ExpressionAttributeValues: { ':b': dynamoNumber(new Dec('700.01')) },
        }),
      ),
    ['BALANCE_NOT_LEDGER_SUM'],
  ],
  [
    'a negative balance',
    ({ userId }) =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.tables.users,
          Key: { id: userId },
          UpdateExpression: 'SET balance = :b',
          ExpressionAttributeValues: { ':b': dynamoNumber(new Dec(-5)) },
        }),
      ),
    ['BALANCE_NOT_LEDGER_SUM', 'NEGATIVE_BALANCE'],
  ],
  [
    'a ledger entry with a wrong balanceAfter',
    ({ userId }) =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.tables.ledger,
          Key: { userId, seq: dynamoNumber(1) },
          UpdateExpression: 'SET balanceAfter = :b',
          ExpressionAttributeValues: { ':b': dynamoNumber(new Dec(999)) },
        }),
      ),
    ['LEDGER_CHAIN_BROKEN'],
  ],
  [
    'a deleted deposit',
    ({ userId }) => db.doc.send(new DeleteCommand({ TableName: db.tables.ledger, Key: { userId, seq: dynamoNumber(1) } })),
    ['BALANCE_NOT_LEDGER_SUM', 'LEDGER_CHAIN_BROKEN', 'LEDGER_SEQUENCE_GAP', 'LEDGER_SEQUENCE_GAP'],
  ],
  [
    'a holding that is not its fills',
    ({ userId }) =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.tables.holdings,
          Key: { userId, symbol: 'X' },
          UpdateExpression: 'SET quantity = :q',
          ExpressionAttributeValues: { ':q': dynamoNumber(new Dec('2.5')) },
        }),
      ),
    ['HOLDING_NOT_FILLS'],
  ],
  [
    'a negative holding',
    ({ userId }) =>
      db.doc.send(
        new PutCommand({
          TableName: db.tables.holdings,
          Item: { userId, symbol: 'Y', quantity: dynamoNumber(new Dec(-1)), costBasis: dynamoNumber(new Dec(0)) },
        }),
      ),
    ['HOLDING_NOT_FILLS', 'NEGATIVE_HOLDING'],
  ],
  [
    'a fill without its ledger entry',
    ({ userId }) =>
      db.doc.send(
        new PutCommand({
          TableName: db.tables.orders,
          Item: {
            userId,
            id: 'ZFILL',
            symbol: 'X',
            side: 'SELL',
            type: 'MARKET',
            status: 'FILLED',
            quantity: dynamoNumber(new Dec(0)),
            total: dynamoNumber(new Dec(1)),
          },
        }),
      ),
    ['FILL_WITHOUT_LEDGER_ENTRY'],
  ],
  [
    'a fill whose total differs from its ledger entry',
    ({ userId, orderId }) =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.tables.orders,
          Key: { userId, id: orderId },
          UpdateExpression: 'SET #t = :t',
          ExpressionAttributeNames: { '#t': 'total' },
          ExpressionAttributeValues: { ':t': dynamoNumber(new Dec('300.01')) },
        }),
      ),
    ['FILL_AMOUNT_MISMATCH'],
  ],
  [
    'a trade in the ledger without its order',
    ({ userId, orderId }) => db.doc.send(new DeleteCommand({ TableName: db.tables.orders, Key: { userId, id: orderId } })),
    ['HOLDING_NOT_FILLS', 'LEDGER_ENTRY_WITHOUT_FILL'],
  ],
];

test.each(tamper)('finds %s', async (_label, breakIt, expected) => {
  const ids = await healthyUser();
  expect(await kindsFor(ids.userId)).toEqual([]);
  await breakIt(ids);
  expect(await kindsFor(ids.userId)).toEqual(expected);
});

// Limit orders: an OPEN buy reserves cash on the user item, an OPEN sell reserves units on the holding, a filled limit
// buy released its reservation in the fill's update. Written here with the ledger module, as the orders subgraph does.

/** A healthy user plus an OPEN limit buy (reserves 100), an OPEN limit sell of 0.5 X, and a limit buy filled at 90. */
async function userWithLimitOrders(): Promise<{ userId: string; openBuy: string; openSell: string; filledBuy: string }> {
  const { userId } = await healthyUser();
  const [openBuy, openSell, filledBuy] = ['OPENBUY', 'OPENSELL', 'FILLEDBUY'].map((name) => `${name}${userId}`) as [string, string, string];
  const order = (id: string, fields: Record<string, unknown>) => ({
    Put: { TableName: db.tables.orders, Item: { userId, id, symbol: 'X', type: 'LIMIT', createdAt: '2026-01-01T00:00:00.000Z', ...fields } },
  });
  // The filled buy first reserved 100 (1 X at 100), then filled at 90: cost 90, reservation released.
  await db.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        reserveCashItem(db, (await readCashAccount(db, userId))!, new Dec(100)),
        order(filledBuy, {
          side: 'BUY',
          status: 'OPEN',
          quantity: dynamoNumber(new Dec(1)),
          limitPrice: dynamoNumber(new Dec(100)),
          reservedCash: dynamoNumber(new Dec(100)),
        }),
      ],
    }),
  );
  await transactCash(db, userId, () => ({
    movement: { type: 'BUY', amount: new Dec(-90), orderId: filledBuy, reservedChange: new Dec(-100) },
    items: [
      {
        Update: {
          TableName: db.tables.orders,
          Key: { userId, id: filledBuy },
          UpdateExpression: 'SET #s = :filled, price = :p, #t = :t',
          ExpressionAttributeNames: { '#s': 'status', '#t': 'total' },
          ExpressionAttributeValues: { ':filled': 'FILLED', ':p': dynamoNumber(new Dec(90)), ':t': dynamoNumber(new Dec(90)) },
        },
      },
      {
        Update: {
          TableName: db.tables.holdings,
          Key: { userId, symbol: 'X' },
          UpdateExpression: 'ADD quantity :q, costBasis :c',
          ExpressionAttributeValues: { ':q': dynamoNumber(new Dec(1)), ':c': dynamoNumber(new Dec(90)) },
        },
      },
    ],
    result: () => null,
  }));
  await db.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        reserveCashItem(db, (await readCashAccount(db, userId))!, new Dec(100)),
        order(openBuy, {
          side: 'BUY',
          status: 'OPEN',
          quantity: dynamoNumber(new Dec(2)),
          limitPrice: dynamoNumber(new Dec(50)),
          reservedCash: dynamoNumber(new Dec(100)),
        }),
      ],
    }),
  );
  await db.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: db.tables.holdings,
            Key: { userId, symbol: 'X' },
            UpdateExpression: 'SET reserved = :r',
            ExpressionAttributeValues: { ':r': dynamoNumber(new Dec('0.5')) },
          },
        },
        order(openSell, { side: 'SELL', status: 'OPEN', quantity: dynamoNumber(new Dec('0.5')), limitPrice: dynamoNumber(new Dec(500)) }),
      ],
    }),
  );
  return { userId, openBuy, openSell, filledBuy };
}

const setUser = (userId: string, expression: string, values: Record<string, unknown>) =>
  db.doc.send(
    new UpdateCommand({ TableName: db.tables.users, Key: { id: userId }, UpdateExpression: expression, ExpressionAttributeValues: values }),
  );
const setOrder = (userId: string, id: string, expression: string, values: Record<string, unknown>, names?: Record<string, string>) =>
  db.doc.send(
    new UpdateCommand({
      TableName: db.tables.orders,
      Key: { userId, id },
      UpdateExpression: expression,
      ExpressionAttributeValues: values,
      ...(names ? { ExpressionAttributeNames: names } : {}),
    }),
  );

test('open limit orders and a filled limit buy reconcile: reservations equal the open orders, the fill kept its limit', async () => {
  const { userId } = await userWithLimitOrders();
  expect(await kindsFor(userId)).toEqual([]);
  const account = await readCashAccount(db, userId);
  // 1000 - 300 - 90 in cash, of which the open buy reserves 100.
  expect([account?.balance.toFixed(), account?.reserved.toFixed()]).toEqual(['610', '100']);
});

const tamperReservations: [string, (ids: Awaited<ReturnType<typeof userWithLimitOrders>>) => Promise<unknown>, MismatchKind[]][] = [
  [
    'reserved cash that no open order accounts for',
    ({ userId }) => setUser(userId, 'SET reserved = :r', { ':r': dynamoNumber(new Dec(150)) }),
    ['RESERVED_NOT_OPEN_ORDERS'],
  ],
  [
    'more cash reserved than the balance',
    ({ userId }) => setUser(userId, 'SET reserved = :r', { ':r': dynamoNumber(new Dec(611)) }),
    ['OVER_RESERVED', 'RESERVED_NOT_OPEN_ORDERS'],
  ],
  [
    'an open buy cancelled without releasing its cash',
    ({ userId, openBuy }) => setOrder(userId, openBuy, 'SET #s = :c', { ':c': 'CANCELLED' }, { '#s': 'status' }),
    ['RESERVED_NOT_OPEN_ORDERS'],
  ],
  [
    'units reserved that no open sell accounts for',
    ({ userId }) =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.tables.holdings,
          Key: { userId, symbol: 'X' },
          UpdateExpression: 'SET reserved = :r',
          ExpressionAttributeValues: { ':r': dynamoNumber(new Dec('0.25')) },
        }),
      ),
    ['RESERVED_NOT_OPEN_ORDERS'],
  ],
  [
    'an open sell whose units are not all reserved',
    ({ userId, openSell }) => setOrder(userId, openSell, 'SET quantity = :q', { ':q': dynamoNumber(new Dec(4)) }),
    ['RESERVED_NOT_OPEN_ORDERS'],
  ],
  [
    'a limit buy filled above its limit',
    ({ userId, filledBuy }) => setOrder(userId, filledBuy, 'SET limitPrice = :l', { ':l': dynamoNumber(new Dec(80)) }),
    ['FILL_BEYOND_LIMIT'],
  ],
  [
    'a limit buy whose total is not quantity x price rounded up',
    ({ userId, filledBuy }) => setOrder(userId, filledBuy, 'SET price = :p', { ':p': dynamoNumber(new Dec('89.98')) }),
    ['FILL_BEYOND_LIMIT'],
  ],
  [
    'a ledger entry for an order that is still open',
    ({ userId, filledBuy }) => setOrder(userId, filledBuy, 'SET #s = :o, openSymbol = :x', { ':o': 'OPEN', ':x': 'X' }, { '#s': 'status' }),
    ['HOLDING_NOT_FILLS', 'LEDGER_ENTRY_WITHOUT_FILL', 'RESERVED_NOT_OPEN_ORDERS'],
  ],
];

test.each(tamperReservations)('finds %s', async (_label, breakIt, expected) => {
  const ids = await userWithLimitOrders();
  expect(await kindsFor(ids.userId)).toEqual([]);
  await breakIt(ids);
  expect(await kindsFor(ids.userId)).toEqual(expected);
});
