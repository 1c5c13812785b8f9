import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type QueryCommandOutput, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
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
import { backfillLedgerTypeKeys, cashMovement, type LedgerEntryRecord, type LedgerEntryType, readCashAccount } from '@trading/ledger';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '@trading/platform/dynamodb/embedded';
import { ledgerSource } from '../src/data/ledger';
import { parseLedgerFilter } from '../src/domain/ledger-filter';
import type { LedgerEntryFilter } from '../src/generated/resolvers';

// User.transactions with filters against the embedded DynamoDB, on a ledger with the `byType` index and on one
// created before it (as an existing data folder has): the same entries, page after page, read by key ranges.

let embedded: EmbeddedDynamo;
let current: Database;
let old: Database;

async function createTableWithout(db: Database, key: TableKey, without: string[]): Promise<void> {
  await db.doc.send(new CreateTableCommand(createTableInput(key, db.tables[key], { withoutIndexes: without })));
  await db.ensureTables([key]);
}

beforeAll(async () => {
  embedded = await startEmbeddedDynamo();
  current = createDatabase({ endpoint: embedded.endpoint, region: 'us-east-1', tablePrefix: 'ledger-' });
  old = createDatabase({ endpoint: embedded.endpoint, region: 'us-east-1', tablePrefix: 'oldledger-' });
  await current.ensureTables(['users', 'ledger']);
  await old.ensureTables(['users']);
  await createTableWithout(old, 'ledger', ['byType']);
});
afterAll(async () => {
  current.close();
  old.close();
  await embedded.close();
});

const T = Date.UTC(2026, 0, 15, 12, 0, 0);
const at = (seconds: number) => new Date(T + seconds * 1000);

interface Made {
  seq: number;
  type: LedgerEntryType;
  createdAt: string;
}

/** A user with 40 ledger entries a second apart (seq 1 at T): deposits, withdrawals, buys and sells. */
async function userWithLedger(db: Database): Promise<{ userId: string; made: Made[] }> {
  const userId = randomUUID();
  await db.doc.send(
    new PutCommand({ TableName: db.tables.users, Item: { id: userId, balance: dynamoNumber(new Dec(0)), ledgerSeq: dynamoNumber(0) } }),
  );
  const made: Made[] = [];
  for (let i = 0; i < 40; i += 1) {
    const type: LedgerEntryType = i % 5 === 0 ? 'DEPOSIT' : i % 7 === 0 ? 'WITHDRAWAL' : i % 2 ? 'BUY' : 'SELL';
    const amount = new Dec({ DEPOSIT: '1000', WITHDRAWAL: '-10', BUY: '-20.5', SELL: '3.25' }[type]);
    const account = (await readCashAccount(db, userId))!;
    const { items, entry } = cashMovement(db, account, {
      type,
      amount,
      at: at(i).toISOString(),
      ...(type === 'BUY' || type === 'SELL' ? { orderId: newId() } : {}),
    });
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
    made.push({ seq: entry.seq, type, createdAt: entry.createdAt });
  }
  return { userId, made };
}

/** One page of a user's transactions as the resolver reads it (a source per request); cursors are the sequence numbers. */
function readPage(db: Database, hasTypeIndex: boolean, userId: string, filter: LedgerEntryFilter, args: PageArgs) {
  const { query } = parseLedgerFilter(filter);
  const request = pageRequest(args, (cursor) => (cursor == null ? undefined : Number(cursor)));
  return readConnection(request, ledgerSource(db, hasTypeIndex, userId, query), (entry) => String(entry.seq));
}

/** Pages through a user's transactions the way a client does; the sequence numbers in order. */
async function pageThrough(db: Database, hasTypeIndex: boolean, userId: string, filter: LedgerEntryFilter, size: number): Promise<number[]> {
  const seqs: number[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const connection: Connection<LedgerEntryRecord> = await readPage(db, hasTypeIndex, userId, filter, { first: size, after });
    seqs.push(...connection.edges.map((edge) => edge.node.seq));
    if (!connection.pageInfo.hasNextPage) return seqs;
    after = connection.pageInfo.endCursor;
  }
  throw new Error('the list never ended');
}

/** Pages back from the end of the list with last/before to its start; each page's numbers and [hasPreviousPage, hasNextPage]. */
async function pageBack(db: Database, hasTypeIndex: boolean, userId: string, filter: LedgerEntryFilter, size: number) {
  const pages: { seqs: number[]; sides: boolean[] }[] = [];
  let before: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const connection: Connection<LedgerEntryRecord> = await readPage(db, hasTypeIndex, userId, filter, { last: size, before });
    pages.unshift({
      seqs: connection.edges.map((edge) => edge.node.seq),
      sides: [connection.pageInfo.hasPreviousPage, connection.pageInfo.hasNextPage],
    });
    if (!connection.pageInfo.hasPreviousPage) return pages;
    before = connection.pageInfo.startCursor;
  }
  throw new Error('the list never began');
}

function expected(made: Made[], filter: LedgerEntryFilter): number[] {
  return made
    .filter(
      (entry) =>
        (!filter.type || entry.type === filter.type) &&
        (!filter.from || Date.parse(entry.createdAt) >= filter.from.getTime()) &&
        (!filter.to || Date.parse(entry.createdAt) < filter.to.getTime()),
    )
    .map((entry) => entry.seq)
    .reverse();
}

const FILTERS: [string, LedgerEntryFilter, boolean][] = [
  ['none', {}, true],
  ['deposits', { type: 'DEPOSIT' }, true],
  ['withdrawals', { type: 'WITHDRAWAL' }, true],
  ['buys in a range', { type: 'BUY', from: at(3), to: at(30) }, true],
  ['a range', { from: at(10), to: at(20) }, true],
  ['from an instant between two entries', { from: new Date(T + 12_500) }, true],
  ['up to an instant', { to: at(5) }, true],
  ['before the first entry', { to: at(0) }, false],
  ['after the last entry', { from: at(40) }, false],
  ['an empty range', { from: at(8), to: at(8) }, false],
];

describe.each([
  ['with the byType index', () => current, true],
  ['on a ledger created before it', () => old, false],
])('%s', (_label, database, hasTypeIndex) => {
  let user: Awaited<ReturnType<typeof userWithLedger>>;
  beforeAll(async () => {
    user = await userWithLedger(database());
  }, 30_000);

  test.each(FILTERS)(
    'pages through %s exactly, whatever the page size',
    async (_name, filter, some) => {
      const want = expected(user.made, filter);
      expect(want.length > 0).toBe(some);
      for (const size of [1, 4, 100]) expect(await pageThrough(database(), hasTypeIndex, user.userId, filter, size)).toEqual(want);
    },
    30_000,
  );

  test.each(FILTERS)(
    'pages through %s backwards to the same entries, with exact page info, and counts it unless typed',
    async (_name, filter) => {
      const want = expected(user.made, filter);
      for (const size of [1, 4]) {
        const pages = await pageBack(database(), hasTypeIndex, user.userId, filter, size);
        expect(pages.flatMap((page) => page.seqs)).toEqual(want);
        expect(pages.slice(1).every((page) => page.seqs.length === size)).toBe(true);
        expect(pages.map((page) => page.sides)).toEqual(pages.map((_page, i) => [i > 0, i < pages.length - 1]));
      }
      const { query } = parseLedgerFilter(filter);
      expect(await ledgerSource(database(), hasTypeIndex, user.userId, query).count(user.made.length)).toBe(filter.type ? null : want.length);
    },
    30_000,
  );

  test('a page after a cursor knows there are entries before it, and one before a cursor those after it', async () => {
    const [newest, second, third] = expected(user.made, {}).map(String);
    const forward = await readPage(database(), hasTypeIndex, user.userId, {}, { first: 1, after: newest });
    expect(forward.edges.map((edge) => edge.node.seq)).toEqual([Number(second)]);
    expect(forward.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: true, startCursor: second, endCursor: second });
    const back = await readPage(database(), hasTypeIndex, user.userId, {}, { last: 2, before: third });
    expect(back.edges.map((edge) => edge.node.seq)).toEqual([Number(newest), Number(second)]);
    expect(back.pageInfo).toEqual({ hasPreviousPage: false, hasNextPage: true, startCursor: newest, endCursor: second });
  });
});

test('a type is read from byType and a time range is found in about log2(n) reads, never by reading the ledger through', async () => {
  const { userId, made } = await userWithLedger(current);
  const queries: { index?: string; scanned: number }[] = [];
  let gets = 0;
  const send = current.doc.send.bind(current.doc);
  const spy = jest.spyOn(current.doc, 'send').mockImplementation((async (command: object & { input: { IndexName?: string } }) => {
    const output = (await send(command as never)) as QueryCommandOutput;
    if (command instanceof GetCommand) gets += 1;
    if (command instanceof QueryCommand)
      queries.push({ ...(command.input.IndexName ? { index: command.input.IndexName } : {}), scanned: output.ScannedCount ?? 0 });
    return output;
  }) as never);
  try {
    const deposits = await pageThrough(current, true, userId, { type: 'DEPOSIT', from: at(6), to: at(36) }, 100);
    expect(deposits).toEqual(expected(made, { type: 'DEPOSIT', from: at(6), to: at(36) }));
    // The newest entry's number, then one key-range read of exactly the deposits in range.
    expect(queries).toEqual([{ scanned: 1 }, { index: 'byType', scanned: deposits.length }]);
    // Two binary searches over 40 entries: at most 2 x 6 reads of one entry each.
    expect(gets).toBeLessThanOrEqual(12);
  } finally {
    spy.mockRestore();
  }
}, 30_000);

test('refuses from after to, naming filter.from', () => {
  expect(() => parseLedgerFilter({ from: at(2), to: at(1) })).toThrow(
    expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'filter.from' } }),
  );
});

test('entries stored before byType existed join it once `npm run backfill-indexes` wrote their keys', async () => {
  const { userId, made } = await userWithLedger(current);
  // As the platform stored entries before: without userType.
  for (const entry of made) {
    await current.doc.send(
      new UpdateCommand({ TableName: current.tables.ledger, Key: { userId, seq: dynamoNumber(entry.seq) }, UpdateExpression: 'REMOVE userType' }),
    );
  }
  expect(await pageThrough(current, true, userId, { type: 'DEPOSIT' }, 10)).toEqual([]);
  expect((await backfillLedgerTypeKeys(current)).updated).toBeGreaterThanOrEqual(made.length);
  expect(await pageThrough(current, true, userId, { type: 'DEPOSIT' }, 3)).toEqual(expected(made, { type: 'DEPOSIT' }));
  expect(await backfillLedgerTypeKeys(current)).toEqual({ updated: 0 });
}, 30_000);
