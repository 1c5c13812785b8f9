import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDatabase, type Database, Dec, dynamoNumber } from '@trading/platform';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '@trading/platform/dynamodb/embedded';
import { CashAccountCache, readCashAccount, readLedgerEntry, reserveCashItem, transactCash } from '../src/ledger';

// transactCash with a CashAccountCache: a guess of the account may save a read, never change an outcome.

let embedded: EmbeddedDynamo;
let db: Database;
let counter = 0;

beforeAll(async () => {
  embedded = await startEmbeddedDynamo();
  db = createDatabase({ endpoint: embedded.endpoint, region: 'us-east-1', tablePrefix: 'cache-' });
  await db.ensureTables(['users', 'ledger']);
});
afterAll(async () => {
  db.close();
  await embedded.close();
});

async function newUser(): Promise<string> {
  counter += 1;
  const userId = `u${counter}`;
  await db.doc.send(new PutCommand({ TableName: db.tables.users, Item: { id: userId, balance: dynamoNumber(0), ledgerSeq: dynamoNumber(0) } }));
  return userId;
}

const move = (userId: string, amount: string, cache?: CashAccountCache) =>
  transactCash(
    db,
    userId,
    () => ({ movement: { type: Number(amount) < 0 ? 'WITHDRAWAL' : 'DEPOSIT', amount: new Dec(amount) }, result: (entry) => entry }),
    {
      cache,
    },
  );

/** The account, and whether its ledger is a chain that ends at its balance. */
async function books(userId: string) {
  const account = (await readCashAccount(db, userId))!;
  let running = new Dec(0);
  for (let seq = 1; seq <= account.ledgerSeq; seq++) {
    const entry = (await readLedgerEntry(db, userId, seq))!;
    running = running.plus(entry.amount);
    if (!entry.balanceAfter.eq(running)) return { account, chained: false };
  }
  return { account, chained: running.eq(account.balance) };
}

test('a guess that looks too poor (a deposit made elsewhere) is checked on a fresh read: the debit goes through', async () => {
  const cache = new CashAccountCache();
  const userId = await newUser();
  await move(userId, '1000', cache);
  await move(userId, '500'); // elsewhere: the users service, another orders process
  const entry = await move(userId, '-1200', cache);
  expect(entry).toMatchObject({ seq: 3, balanceAfter: new Dec(300) });
  const { account, chained } = await books(userId);
  expect({ balance: account.balance.toFixed(), seq: account.ledgerSeq, chained }).toEqual({ balance: '300', seq: 3, chained: true });
  // The cache now holds what was committed.
  expect(cache.get(userId)).toMatchObject({ ledgerSeq: 3, balance: new Dec(300) });
});

test('a guess that looks too rich (a withdrawal made elsewhere) fails its condition and the debit is refused on fresh figures', async () => {
  const cache = new CashAccountCache();
  const userId = await newUser();
  await move(userId, '1000', cache);
  await move(userId, '-900');
  await expect(move(userId, '-500', cache)).rejects.toMatchObject({
    extensions: { code: 'INSUFFICIENT_FUNDS', balance: '100' },
  });
  const { account, chained } = await books(userId);
  expect({ balance: account.balance.toFixed(), seq: account.ledgerSeq, chained }).toEqual({ balance: '100', seq: 2, chained: true });
});

test('a guess that misses a reservation made elsewhere (no sequence change) is corrected before the fill is written', async () => {
  const cache = new CashAccountCache();
  const userId = await newUser();
  await move(userId, '100', cache);
  // A limit buy accepted by another process reserves 8 without touching the ledger sequence.
  await db.doc.send(new TransactWriteCommand({ TransactItems: [reserveCashItem(db, (await readCashAccount(db, userId))!, new Dec(8))] }));
  // Its fill pays 8 and releases the reservation: from the guess (nothing reserved) that would release too much.
  const entry = await transactCash(
    db,
    userId,
    () => ({ movement: { type: 'BUY', amount: new Dec(-8), orderId: 'o1', reservedChange: new Dec(-8) }, result: (written) => written }),
    { cache },
  );
  expect(entry.balanceAfter.toFixed()).toBe('92');
  const { account, chained } = await books(userId);
  expect({ balance: account.balance.toFixed(), reserved: account.reserved.toFixed(), chained }).toEqual({
    balance: '92',
    reserved: '0',
    chained: true,
  });
});

test('a plan that refuses on a guess is asked again with the account as stored', async () => {
  const cache = new CashAccountCache();
  const userId = await newUser();
  await move(userId, '10', cache);
  await move(userId, '990');
  const seen: string[] = [];
  const entry = await transactCash(
    db,
    userId,
    (account) => {
      seen.push(account.balance.toFixed());
      if (account.balance.lt(500)) throw new Error('the plan refuses: too little');
      return { movement: { type: 'WITHDRAWAL', amount: new Dec(-500) }, result: (written) => written };
    },
    { cache },
  );
  expect(seen).toEqual(['10', '1000']);
  expect(entry.balanceAfter.toFixed()).toBe('500');
});

test('guesses from many concurrent movements, with writers that use no cache, keep the books whole', async () => {
  const cache = new CashAccountCache();
  const userId = await newUser();
  await move(userId, '1000', cache);
  const results = await Promise.allSettled(Array.from({ length: 30 }, (_, n) => (n % 3 === 0 ? move(userId, '7') : move(userId, '-3', cache))));
  const committed = results.filter((result) => result.status === 'fulfilled').length;
  const { account, chained } = await books(userId);
  expect(chained).toBe(true);
  expect(account.ledgerSeq).toBe(1 + committed);
  // Every refusal is a clear conflict after retries, never a wrong balance.
  for (const result of results)
    if (result.status === 'rejected') expect((result.reason as { extensions?: { code?: string } }).extensions?.code).toBe('CONFLICT');
});

test('the cache holds at most its bound, dropping the least recently written first', () => {
  const cache = new CashAccountCache(2);
  const account = (userId: string) => ({ userId, balance: new Dec(1), ledgerSeq: 1, reserved: new Dec(0) });
  cache.set(account('a'));
  cache.set(account('b'));
  cache.set(account('a'));
  cache.set(account('c'));
  expect([cache.get('a')?.userId, cache.get('b')?.userId, cache.get('c')?.userId]).toEqual(['a', undefined, 'c']);
});
