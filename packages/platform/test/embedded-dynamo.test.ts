import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AttributeValue,
  type CreateTableCommandInput,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  type TransactWriteItem,
  ThrottlingException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, NumberValue, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '../src/dynamodb/embedded';
import { DynamoApiError, IdempotencyCache } from '../src/dynamodb/transact';

function clientFor(endpoint: string): DynamoDBClient {
  // One attempt: a retry must never hide what the endpoint answered.
  return new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

async function createTable(client: DynamoDBClient, input: CreateTableCommandInput): Promise<void> {
  await client.send(new CreateTableCommand({ BillingMode: 'PAY_PER_REQUEST', ...input }));
  // createTableMs is 0, so ACTIVE is one timer tick away; each poll is a full request round trip.
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return;
  }
  throw new Error(`table ${input.TableName} did not become ACTIVE`);
}

function simpleTable(name: string): CreateTableCommandInput {
  return {
    TableName: name,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  };
}

const S = (value: string): AttributeValue => ({ S: value });
const N = (value: string): AttributeValue => ({ N: value });

async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the request to fail');
}

describe('embedded DynamoDB transactions', () => {
  let dynamo: EmbeddedDynamo;
  let client: DynamoDBClient;

  const getItem = async (table: string, pk: string) =>
    (await client.send(new GetItemCommand({ TableName: table, Key: { pk: S(pk) }, ConsistentRead: true }))).Item;

  beforeAll(async () => {
    dynamo = await startEmbeddedDynamo();
    client = clientFor(dynamo.endpoint);
    await createTable(client, simpleTable('tx-basic'));
    await createTable(client, simpleTable('tx-limits'));
    await createTable(client, simpleTable('tx-money'));
    await createTable(client, simpleTable('tx-tokens'));
  });

  afterAll(async () => {
    client?.destroy();
    await dynamo?.close();
  });

  describe('TransactWriteItems', () => {
    beforeAll(async () => {
      for (const [pk, balance] of [
        ['a', '10'],
        ['b', '5'],
        ['c', '1'],
      ] as const) {
        await client.send(new PutItemCommand({ TableName: 'tx-basic', Item: { pk: S(pk), balance: N(balance) } }));
      }
    });

    it('applies Put, Update, Delete and ConditionCheck together', async () => {
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: 'tx-basic',
                Item: { pk: S('d'), balance: N('1') },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: 'tx-basic',
                Key: { pk: S('a') },
                UpdateExpression: 'SET balance = balance - :x',
                ConditionExpression: 'balance >= :x',
                ExpressionAttributeValues: { ':x': N('3') },
              },
            },
            { Delete: { TableName: 'tx-basic', Key: { pk: S('c') }, ConditionExpression: 'attribute_exists(pk)' } },
            {
              ConditionCheck: {
                TableName: 'tx-basic',
                Key: { pk: S('b') },
                ConditionExpression: '#b = :five',
                ExpressionAttributeNames: { '#b': 'balance' },
                ExpressionAttributeValues: { ':five': N('5') },
              },
            },
          ],
        }),
      );
      expect(await getItem('tx-basic', 'd')).toEqual({ pk: S('d'), balance: N('1') });
      expect((await getItem('tx-basic', 'a'))?.balance).toEqual(N('7'));
      expect(await getItem('tx-basic', 'c')).toBeUndefined();
      expect((await getItem('tx-basic', 'b'))?.balance).toEqual(N('5'));
    });

    it('applies nothing when one condition fails and reports one reason per item, in order', async () => {
      const err = await rejection(
        client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: 'tx-basic', Item: { pk: S('e'), balance: N('1') } } },
              {
                Update: {
                  TableName: 'tx-basic',
                  Key: { pk: S('a') },
                  UpdateExpression: 'ADD balance :x',
                  ExpressionAttributeValues: { ':x': N('100') },
                },
              },
              { Delete: { TableName: 'tx-basic', Key: { pk: S('d') } } },
              {
                ConditionCheck: {
                  TableName: 'tx-basic',
                  Key: { pk: S('b') },
                  ConditionExpression: 'balance > :big',
                  ExpressionAttributeValues: { ':big': N('100') },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
            ],
          }),
        ),
      );
      expect(err).toBeInstanceOf(TransactionCanceledException);
      const canceled = err as unknown as TransactionCanceledException;
      expect(canceled.$metadata.httpStatusCode).toBe(400);
      expect(canceled.message).toBe(
        'Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, None, ConditionalCheckFailed]',
      );
      expect(canceled.CancellationReasons).toEqual([
        { Code: 'None' },
        { Code: 'None' },
        { Code: 'None' },
        {
          Code: 'ConditionalCheckFailed',
          Message: 'The conditional request failed',
          Item: { pk: S('b'), balance: N('5') },
        },
      ]);
      expect(await getItem('tx-basic', 'e')).toBeUndefined();
      expect((await getItem('tx-basic', 'a'))?.balance).toEqual(N('7'));
      expect(await getItem('tx-basic', 'd')).toBeDefined();
    });

    it('reports every failing condition, without Item unless ALL_OLD was asked', async () => {
      const err = (await rejection(
        client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: 'tx-basic', Item: { pk: S('a') }, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: 'tx-basic', Item: { pk: S('f') } } },
              {
                Delete: {
                  TableName: 'tx-basic',
                  Key: { pk: S('missing') },
                  ConditionExpression: 'attribute_exists(pk)',
                },
              },
            ],
          }),
        ),
      )) as unknown as TransactionCanceledException;
      expect(err.name).toBe('TransactionCanceledException');
      expect(err.CancellationReasons).toEqual([
        { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
        { Code: 'None' },
        { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
      ]);
      expect(await getItem('tx-basic', 'f')).toBeUndefined();
    });

    it('creates items an Update targets when they do not exist, respecting its condition', async () => {
      const upsert = (value: string) =>
        client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              {
                Update: {
                  TableName: 'tx-basic',
                  Key: { pk: S('new') },
                  UpdateExpression: 'SET v = :v',
                  ConditionExpression: 'attribute_not_exists(pk)',
                  ExpressionAttributeValues: { ':v': S(value) },
                },
              },
            ],
          }),
        );
      await upsert('first');
      expect(await getItem('tx-basic', 'new')).toEqual({ pk: S('new'), v: S('first') });
      expect((await rejection(upsert('second'))).name).toBe('TransactionCanceledException');
      expect(await getItem('tx-basic', 'new')).toEqual({ pk: S('new'), v: S('first') });
    });

    it('cancels with ValidationError when an update cannot be applied to the stored item', async () => {
      await client.send(new PutItemCommand({ TableName: 'tx-basic', Item: { pk: S('text'), label: S('x') } }));
      const err = (await rejection(
        client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: 'tx-basic', Item: { pk: S('g') } } },
              {
                Update: {
                  TableName: 'tx-basic',
                  Key: { pk: S('text') },
                  UpdateExpression: 'SET amount = label + :one',
                  ExpressionAttributeValues: { ':one': N('1') },
                },
              },
            ],
          }),
        ),
      )) as unknown as TransactionCanceledException;
      expect(err.CancellationReasons).toEqual([
        { Code: 'None' },
        { Code: 'ValidationError', Message: 'An operand in the update expression has an incorrect data type' },
      ]);
      expect(await getItem('tx-basic', 'g')).toBeUndefined();
    });
  });

  describe('request validation', () => {
    const put = (pk: string, table = 'tx-limits'): TransactWriteItem => ({
      Put: { TableName: table, Item: { pk: S(pk) } },
    });

    it('refuses two operations on one item', async () => {
      const err = await rejection(
        client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              put('same'),
              {
                ConditionCheck: {
                  TableName: 'tx-limits',
                  Key: { pk: S('same') },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        ),
      );
      expect(err.name).toBe('ValidationException');
      expect(err.message).toBe('Transaction request cannot include multiple operations on one item');
      expect(await client.send(new ScanCommand({ TableName: 'tx-limits' }))).toMatchObject({ Count: 0 });
    });

    it('refuses 101 items and accepts 100', async () => {
      const items = Array.from({ length: 101 }, (_, i) => put(`item-${i}`));
      const err = await rejection(client.send(new TransactWriteItemsCommand({ TransactItems: items })));
      expect(err.name).toBe('ValidationException');
      expect(err.message).toMatch(/at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100/);

      await client.send(new TransactWriteItemsCommand({ TransactItems: items.slice(0, 100) }));
      expect(await client.send(new ScanCommand({ TableName: 'tx-limits', Select: 'COUNT' }))).toMatchObject({
        Count: 100,
      });
    });

    it('refuses an empty request and items with no or several operations', async () => {
      const empty = await rejection(client.send(new TransactWriteItemsCommand({ TransactItems: [] })));
      expect(empty.name).toBe('ValidationException');
      const none = await rejection(client.send(new TransactWriteItemsCommand({ TransactItems: [{}] })));
      expect(none.message).toBe('TransactItems can only contain one of Check, Put, Update or Delete');
      const two = await rejection(
        client.send(
          new TransactWriteItemsCommand({
            TransactItems: [{ ...put('x'), Delete: { TableName: 'tx-limits', Key: { pk: S('y') } } }],
          }),
        ),
      );
      expect(two.message).toBe('TransactItems can only contain one of Check, Put, Update or Delete');
    });

    it('validates expressions and keys like the single-item APIs', async () => {
      const unused = await rejection(
        client.send(
          new TransactWriteItemsCommand({
            TransactItems: [{ Put: { TableName: 'tx-limits', Item: { pk: S('z') }, ExpressionAttributeValues: { ':v': N('1') } } }],
          }),
        ),
      );
      expect(unused.name).toBe('ValidationException');
      const badKey = await rejection(
        client.send(
          new TransactWriteItemsCommand({
            TransactItems: [{ Delete: { TableName: 'tx-limits', Key: { other: S('z') } } }],
          }),
        ),
      );
      expect(badKey.message).toBe('The provided key element does not match the schema');
      const missingName = await rejection(
        client.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: undefined, Item: { pk: S('z') } } }] })),
      );
      expect(missingName.message).toMatch(/'transactItems\.1\.member\.put\.tableName' failed to satisfy constraint: Member must not be null/);
    });

    it('answers ResourceNotFoundException for a missing table', async () => {
      const err = await rejection(client.send(new TransactWriteItemsCommand({ TransactItems: [put('x', 'no-such-table')] })));
      expect(err.name).toBe('ResourceNotFoundException');
      const getErr = await rejection(
        client.send(
          new TransactGetItemsCommand({
            TransactItems: [{ Get: { TableName: 'no-such-table', Key: { pk: S('x') } } }],
          }),
        ),
      );
      expect(getErr.name).toBe('ResourceNotFoundException');
    });
  });

  describe('exact decimal numbers', () => {
    let doc: DynamoDBDocumentClient;
    beforeAll(() => {
      doc = DynamoDBDocumentClient.from(client, { unmarshallOptions: { wrapNumbers: true } });
    });
    const balanceOf = async (pk: string) => {
      const { Item } = await doc.send(new GetCommand({ TableName: 'tx-money', Key: { pk }, ConsistentRead: true }));
      return (Item?.balance as NumberValue).toString();
    };
    const addWithFloor = (pk: string, add: string, floor: string) =>
      doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: 'tx-money',
                Key: { pk },
                UpdateExpression: 'ADD balance :x',
                ConditionExpression: 'balance >= :floor',
                ExpressionAttributeValues: { ':x': NumberValue.from(add), ':floor': NumberValue.from(floor) },
              },
            },
          ],
        }),
      );

    it('adds 0.1 ten times to exactly 1', async () => {
      await doc.send(new PutCommand({ TableName: 'tx-money', Item: { pk: 'tenths', balance: NumberValue.from('0') } }));
      for (let i = 0; i < 10; i++) await addWithFloor('tenths', '0.1', '0');
      expect(await balanceOf('tenths')).toBe('1');
    });

    it('compares decimals exactly in conditions', async () => {
      await doc.send(new PutCommand({ TableName: 'tx-money', Item: { pk: 'cmp', balance: NumberValue.from('0.1') } }));
      await addWithFloor('cmp', '0.2', '0.1');
      expect(await balanceOf('cmp')).toBe('0.3'); // a float would hold 0.30000000000000004

      await addWithFloor('cmp', '0', '0.3');
      // One unit in the 38th significant digit above the balance: floats cannot tell the two apart.
      const justAbove = '0.30000000000000000000000000000000000001';
      expect((await rejection(addWithFloor('cmp', '1', justAbove))).name).toBe('TransactionCanceledException');
      await addWithFloor('cmp', '-0.3', '0.29999999999999999999999999999999999999');
      expect(await balanceOf('cmp')).toBe('0');
    });
  });

  describe('ClientRequestToken', () => {
    const bump = (token: string, by = '1', pk = 'counter'): TransactWriteItemsCommand =>
      new TransactWriteItemsCommand({
        ClientRequestToken: token,
        TransactItems: [
          {
            Update: {
              TableName: 'tx-tokens',
              Key: { pk: S(pk) },
              UpdateExpression: 'ADD n :by',
              ConditionExpression: 'attribute_not_exists(blocked)',
              ExpressionAttributeValues: { ':by': N(by) },
            },
          },
        ],
      });
    const counter = async (pk = 'counter') => (await getItem('tx-tokens', pk))?.n?.N;

    it('applies a repeated request once and refuses the token for another request', async () => {
      await client.send(bump('token-1'));
      await client.send(bump('token-1'));
      expect(await counter()).toBe('1');
      const mismatch = await rejection(client.send(bump('token-1', '2')));
      expect(mismatch.name).toBe('IdempotentParameterMismatchException');
      await client.send(bump('token-2'));
      expect(await counter()).toBe('2');
    });

    it('treats concurrent repeats as one request', async () => {
      await Promise.all(Array.from({ length: 5 }, () => client.send(bump('token-3', '1', 'concurrent'))));
      expect(await counter('concurrent')).toBe('1');
    });

    it('evaluates a repeat of a cancelled request again', async () => {
      await client.send(new PutItemCommand({ TableName: 'tx-tokens', Item: { pk: S('gated'), blocked: { BOOL: true } } }));
      expect((await rejection(client.send(bump('token-4', '1', 'gated')))).name).toBe('TransactionCanceledException');
      await client.send(new PutItemCommand({ TableName: 'tx-tokens', Item: { pk: S('gated') } }));
      await client.send(bump('token-4', '1', 'gated'));
      expect(await counter('gated')).toBe('1');
    });

    describe('token cache', () => {
      let now: number;
      let runs: number;
      beforeEach(() => {
        now = 0;
        runs = 0;
      });
      /** Runs a request under a token; each execution answers `run-<n>`, so a repeat that was not applied again is visible. */
      function runner(cache: IdempotencyCache<string>) {
        return (token: string, hash = 'h') => cache.run(token, hash, async () => `run-${++runs}`);
      }

      it('forgets a token once its window has passed', async () => {
        const run = runner(new IdempotencyCache<string>({ ttlMs: 1000, now: () => now }));
        expect(await run('t')).toBe('run-1');
        now = 999;
        expect(await run('t')).toBe('run-1');
        await expect(run('t', 'other')).rejects.toMatchObject({
          body: { __type: expect.stringMatching(/IdempotentParameterMismatch/) },
        });
        now = 1000;
        expect(await run('t', 'other')).toBe('run-2');
      });

      it('recognises a retry until 10 minutes have passed, however many tokens came in between', async () => {
        const cache = new IdempotencyCache<string>({ now: () => now });
        const run = runner(cache);
        expect(await run('first')).toBe('run-1');
        // Twice the 10,000 tokens the cache used to hold, spread over the window.
        for (let i = 1; i <= 20_000; i++) {
          now = i * 25;
          await run(`other-${i}`);
        }
        now = 10 * 60_000 - 1;
        expect(await run('first')).toBe('run-1');
        expect(runs).toBe(20_001);
        expect(cache.size).toBe(20_001);

        now = 10 * 60_000;
        expect(await run('first')).toBe('run-20002');
        // other-1 completed at 25 ms, so it is remembered until 10 minutes and 25 ms.
        now = 10 * 60_000 + 24;
        expect(await run('other-1')).toBe('run-2');
        now = 10 * 60_000 + 25;
        expect(await run('other-1')).toBe('run-20003');
      });

      it('refuses a new token with a ThrottlingException while the bound is full of unexpired tokens; expired ones make room', async () => {
        const cache = new IdempotencyCache<string>({ ttlMs: 1000, maxEntries: 3, now: () => now });
        const run = runner(cache);
        for (const token of ['a', 'b', 'c']) {
          await run(token);
          now += 100;
        }
        const refused = await rejection(run('d'));
        expect(refused).toMatchObject({ statusCode: 400, body: { __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException' } });
        expect(runs).toBe(3); // nothing ran
        // No unexpired token was forgotten to make room, and the remembered ones are still answered.
        expect(await Promise.all(['a', 'b', 'c'].map((token) => run(token)))).toEqual(['run-1', 'run-2', 'run-3']);

        now = 1000; // 'a' expires
        expect(await run('d')).toBe('run-4');
        expect(await run('b')).toBe('run-2');
        expect(cache.size).toBe(3);
        expect((await rejection(run('e'))).body).toMatchObject({ __type: expect.stringMatching(/#ThrottlingException$/) });
        now = 1200; // 'b' and 'c' expire
        expect(await run('e')).toBe('run-5');
        expect(await run('f')).toBe('run-6');
      });

      it('counts running requests against the bound', async () => {
        const cache = new IdempotencyCache<string>({ maxEntries: 1, now: () => now });
        let finish: (value: string) => void = () => undefined;
        const running = cache.run('slow', 'h', () => new Promise<string>((resolve) => (finish = resolve)));
        expect((await rejection(cache.run('other', 'h', async () => 'other'))).body).toMatchObject({
          __type: expect.stringMatching(/#ThrottlingException$/),
        });
        finish('slow');
        expect(await running).toBe('slow');
      });

      it('answers the refusal in a form the AWS SDK reads as ThrottlingException and retries', async () => {
        const refusal = await rejection(new IdempotencyCache<string>({ maxEntries: 0 }).run('t', 'h', async () => 'never'));
        if (!(refusal instanceof DynamoApiError)) throw refusal;
        let attempts = 0;
        const sdk = new DynamoDBClient({
          region: 'us-east-1',
          endpoint: 'http://127.0.0.1:9', // never contacted: requestHandler answers
          credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
          maxAttempts: 2,
          // The endpoint's answer, as embedded.ts sends it: status, JSON content type and the error body.
          requestHandler: {
            handle: async () => {
              attempts += 1;
              const headers = { 'content-type': 'application/x-amz-json-1.0' };
              return { response: { statusCode: refusal.statusCode, headers, body: Buffer.from(JSON.stringify(refusal.body)) } };
            },
          },
        });
        try {
          const err = await rejection(sdk.send(bump('throttled')));
          expect(err).toBeInstanceOf(ThrottlingException);
          expect(err.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 2 });
          expect(attempts).toBe(2);
        } finally {
          sdk.destroy();
        }
      });
    });
  });

  describe('TransactGetItems', () => {
    it('returns the items in request order, with empty entries for missing items', async () => {
      await client.send(new PutItemCommand({ TableName: 'tx-basic', Item: { pk: S('g1'), v: N('1'), extra: S('x') } }));
      await client.send(new PutItemCommand({ TableName: 'tx-basic', Item: { pk: S('g2'), v: N('2') } }));
      const { Responses } = await client.send(
        new TransactGetItemsCommand({
          TransactItems: [
            { Get: { TableName: 'tx-basic', Key: { pk: S('g2') } } },
            { Get: { TableName: 'tx-basic', Key: { pk: S('nope') } } },
            {
              Get: {
                TableName: 'tx-basic',
                Key: { pk: S('g1') },
                ProjectionExpression: '#v',
                ExpressionAttributeNames: { '#v': 'v' },
              },
            },
          ],
        }),
      );
      expect(Responses).toEqual([{ Item: { pk: S('g2'), v: N('2') } }, {}, { Item: { v: N('1') } }]);
    });

    it('refuses two reads of one item and more than 100 items', async () => {
      const get = { Get: { TableName: 'tx-basic', Key: { pk: S('g1') } } };
      const twice = await rejection(client.send(new TransactGetItemsCommand({ TransactItems: [get, get] })));
      expect(twice.message).toBe('Transaction request cannot include multiple operations on one item');
      const many = Array.from({ length: 101 }, (_, i) => ({ Get: { TableName: 'tx-basic', Key: { pk: S(`k${i}`) } } }));
      expect((await rejection(client.send(new TransactGetItemsCommand({ TransactItems: many })))).name).toBe('ValidationException');
    });
  });
});

describe('embedded DynamoDB secondary indexes', () => {
  let dynamo: EmbeddedDynamo;
  let client: DynamoDBClient;

  beforeAll(async () => {
    dynamo = await startEmbeddedDynamo();
    client = clientFor(dynamo.endpoint);
  });
  afterAll(async () => {
    client?.destroy();
    await dynamo?.close();
  });

  it('finds items written by transactions through a GSI and an LSI', async () => {
    await createTable(client, {
      TableName: 'tx-indexed',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'owner', AttributeType: 'S' },
        { AttributeName: 'createdAt', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byOwner',
          KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: 'byCreated',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'createdAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
    const item = (sk: string, owner: string, createdAt: string) => ({
      Put: { TableName: 'tx-indexed', Item: { pk: S('orders'), sk: S(sk), owner: S(owner), createdAt: N(createdAt) } },
    });
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [item('o1', 'alice', '3'), item('o2', 'alice', '1'), item('o3', 'bob', '2')],
      }),
    );

    const byOwner = async (owner: string) =>
      (
        await client.send(
          new QueryCommand({
            TableName: 'tx-indexed',
            IndexName: 'byOwner',
            KeyConditionExpression: '#o = :o',
            ExpressionAttributeNames: { '#o': 'owner' },
            ExpressionAttributeValues: { ':o': S(owner) },
          }),
        )
      ).Items?.map((i) => i.sk?.S).sort();
    expect(await byOwner('alice')).toEqual(['o1', 'o2']);
    expect(await byOwner('bob')).toEqual(['o3']);

    const { Items: byCreated } = await client.send(
      new QueryCommand({
        TableName: 'tx-indexed',
        IndexName: 'byCreated',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': S('orders') },
      }),
    );
    expect(byCreated?.map((i) => i.sk?.S)).toEqual(['o2', 'o3', 'o1']);

    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Update: {
              TableName: 'tx-indexed',
              Key: { pk: S('orders'), sk: S('o1') },
              UpdateExpression: 'SET #o = :bob',
              ExpressionAttributeNames: { '#o': 'owner' },
              ExpressionAttributeValues: { ':bob': S('bob') },
            },
          },
          { Delete: { TableName: 'tx-indexed', Key: { pk: S('orders'), sk: S('o2') } } },
        ],
      }),
    );
    expect(await byOwner('alice')).toEqual([]);
    expect(await byOwner('bob')).toEqual(['o1', 'o3']);
  });
});

describe('embedded DynamoDB persistence', () => {
  it('keeps data written with a dataDir across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'embedded-dynamo-'));
    try {
      const first = await startEmbeddedDynamo({ dataDir });
      const firstClient = clientFor(first.endpoint);
      try {
        await createTable(firstClient, simpleTable('persisted'));
        await firstClient.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: 'persisted', Item: { pk: S('p1'), amount: N('12.34') } } },
              { Put: { TableName: 'persisted', Item: { pk: S('p2'), amount: N('0.01') } } },
            ],
          }),
        );
      } finally {
        firstClient.destroy();
        await first.close();
      }

      const second = await startEmbeddedDynamo({ dataDir });
      const secondClient = clientFor(second.endpoint);
      try {
        const { Items } = await secondClient.send(new ScanCommand({ TableName: 'persisted' }));
        expect(Items?.map((i) => [i.pk?.S, i.amount?.N]).sort()).toEqual([
          ['p1', '12.34'],
          ['p2', '0.01'],
        ]);
      } finally {
        secondClient.destroy();
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
