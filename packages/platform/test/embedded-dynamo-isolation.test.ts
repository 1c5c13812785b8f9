import {
  type AttributeValue,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { Decimal } from 'decimal.js';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '../src/dynamodb/embedded';

// Isolation under concurrency: the properties a ledger relies on (DESIGN.md, decisions 2 and 3).

const S = (value: string): AttributeValue => ({ S: value });
const N = (value: string): AttributeValue => ({ N: value });

/** Deterministic so a failure can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('embedded DynamoDB transaction isolation', () => {
  let dynamo: EmbeddedDynamo;
  let client: DynamoDBClient;

  async function createAccounts(table: string, balances: string[]): Promise<string[]> {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    for (let attempt = 0; ; attempt++) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
      if (Table?.TableStatus === 'ACTIVE') break;
      if (attempt > 100) throw new Error(`table ${table} did not become ACTIVE`);
    }
    const ids = balances.map((_, i) => `acct-${i}`);
    for (const [i, id] of ids.entries()) {
      await client.send(new PutItemCommand({ TableName: table, Item: { pk: S(id), balance: N(balances[i]!) } }));
    }
    return ids;
  }

  function transfer(table: string, from: string, to: string, amount: string): Promise<boolean> {
    return client
      .send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: table,
                Key: { pk: S(from) },
                UpdateExpression: 'SET balance = balance - :amt',
                ConditionExpression: 'balance >= :amt',
                ExpressionAttributeValues: { ':amt': N(amount) },
              },
            },
            {
              Update: {
                TableName: table,
                Key: { pk: S(to) },
                UpdateExpression: 'ADD balance :amt',
                ExpressionAttributeValues: { ':amt': N(amount) },
              },
            },
          ],
        }),
      )
      .then(
        () => true,
        (err: unknown) => {
          if (err instanceof TransactionCanceledException) return false;
          throw err;
        },
      );
  }

  async function scanTotal(table: string): Promise<Decimal> {
    const { Items = [] } = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
    return Items.reduce((sum, item) => sum.plus(item.balance?.N ?? 'NaN'), new Decimal(0));
  }

  beforeAll(async () => {
    dynamo = await startEmbeddedDynamo();
    client = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: dynamo.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client?.destroy();
    await dynamo?.close();
  });

  it('conserves the total exactly under concurrent transfers interleaved with plain ADD updates', async () => {
    const table = 'iso-ledger';
    const initial = ['10.5', '3.25', '0.1', '7', '0.01', '1.99'];
    const ids = await createAccounts(table, initial);
    const amounts = ['0.01', '0.1', '0.3', '1.25', '2.5', '7.77'];
    const random = prng(42);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

    let deposits = new Decimal(0);
    let transfers = 0;
    let refused = 0;
    const worker = async () => {
      for (let i = 0; i < 60; i++) {
        const from = pick(ids);
        const to = pick(ids.filter((id) => id !== from));
        if (random() < 0.25) {
          const amount = pick(amounts);
          await client.send(
            new UpdateItemCommand({
              TableName: table,
              Key: { pk: S(to) },
              UpdateExpression: 'ADD balance :amt',
              ExpressionAttributeValues: { ':amt': N(amount) },
            }),
          );
          deposits = deposits.plus(amount);
        } else if (await transfer(table, from, to, pick(amounts))) transfers++;
        else refused++;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));

    // Both outcomes must have happened for the run to prove anything.
    expect(transfers).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(0);
    const { Items = [] } = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
    for (const item of Items) expect(new Decimal(item.balance!.N!).isNegative()).toBe(false);
    const expected = initial.reduce((sum, b) => sum.plus(b), deposits);
    expect((await scanTotal(table)).toFixed()).toBe(expected.toFixed());
  });

  it('never lets Scan or TransactGetItems observe half a transaction', async () => {
    const table = 'iso-snapshot';
    const ids = await createAccounts(table, ['100', '100', '100', '100', '100']);
    const random = prng(7);
    let running = true;

    const scans: string[] = [];
    const scanner = (async () => {
      while (running) scans.push((await scanTotal(table)).toFixed());
    })();
    const pairReads: string[] = [];
    const pairReader = (async () => {
      while (running) {
        const { Responses = [] } = await client.send(
          new TransactGetItemsCommand({
            TransactItems: ids.map((id) => ({ Get: { TableName: table, Key: { pk: S(id) } } })),
          }),
        );
        pairReads.push(Responses.reduce((sum, r) => sum.plus(r.Item!.balance!.N!), new Decimal(0)).toFixed());
      }
    })();

    try {
      const worker = async () => {
        for (let i = 0; i < 50; i++) {
          const from = ids[Math.floor(random() * ids.length)]!;
          const to = ids.filter((id) => id !== from)[Math.floor(random() * (ids.length - 1))]!;
          await transfer(table, from, to, (random() * 60).toFixed(2));
        }
      };
      await Promise.all(Array.from({ length: 6 }, worker));
    } finally {
      running = false;
      await Promise.all([scanner, pairReader]);
    }

    expect(scans.length).toBeGreaterThan(5);
    expect(pairReads.length).toBeGreaterThan(5);
    expect(new Set(scans)).toEqual(new Set(['500']));
    expect(new Set(pairReads)).toEqual(new Set(['500']));
  });
});
