import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems, createDatabase, type Database } from '../src/dynamodb/database';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '../src/dynamodb/embedded';

// Entity fetches read many items at once: BatchGetItem, 100 keys a request, each item once.

let embedded: EmbeddedDynamo;
let db: Database;

beforeAll(async () => {
  embedded = await startEmbeddedDynamo();
  db = createDatabase({ endpoint: embedded.endpoint, region: 'us-east-1', tablePrefix: 'batch-' });
  await db.ensureTables(['assets', 'ledger']);
  for (let seq = 1; seq <= 7; seq += 1) await db.doc.send(new PutCommand({ TableName: db.tables.ledger, Item: { userId: 'u', seq, amount: '1' } }));
  for (let i = 0; i < 150; i += 1) {
    await db.doc.send(new PutCommand({ TableName: db.tables.assets, Item: { symbol: `S${i}`, name: `Asset ${i}` } }));
  }
});
afterAll(async () => {
  db?.close();
  await embedded?.close();
});

test('more than 100 keys, duplicates and unknown ones: every item that exists, once', async () => {
  const wanted = [...Array.from({ length: 150 }, (_, i) => `S${i}`), 'S1', 'S149', 'NOPE'];
  const items = await batchGetItems(db, 'assets', 'symbol', wanted);
  expect(items.map((item) => item.symbol).sort()).toEqual(Array.from({ length: 150 }, (_, i) => `S${i}`).sort());
  expect(items.find((item) => item.symbol === 'S42')).toEqual({ symbol: 'S42', name: 'Asset 42' });
});

test('no keys: no request, nothing found', async () => {
  expect(await batchGetItems(db, 'assets', 'symbol', [])).toEqual([]);
});

// Paging loops hand LastEvaluatedKey back as ExclusiveStartKey; its numbers are read as Dec like every number.
test('a list keyed by a number pages on: a LastEvaluatedKey goes back as ExclusiveStartKey as it came', async () => {
  const seqs: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tables.ledger,
        KeyConditionExpression: 'userId = :u',
        ExpressionAttributeValues: { ':u': 'u' },
        Limit: 3,
        ExclusiveStartKey: start,
      }),
    );
    seqs.push(...(page.Items ?? []).map((item) => String(item.seq)));
    start = page.LastEvaluatedKey;
  } while (start);
  expect(seqs).toEqual(['1', '2', '3', '4', '5', '6', '7']);
});
