import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { createClients, type DynamoSettings } from './client';
import { ensureTables, tableNames, type TableKey, type TableNames } from './tables';

/** A service's handle on DynamoDB: the document client and the physical table names. */
export interface Database {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  /** Creates the given tables if they are missing (idempotent). */
  ensureTables(keys: TableKey[]): Promise<void>;
  /** Resolves when DynamoDB answers for this table (readiness); throws when it does not. */
  ping(key: TableKey): Promise<void>;
  close(): void;
}

/** Connects to DynamoDB (AWS, DynamoDB Local or the embedded endpoint) with table names under `tablePrefix`. */
export function createDatabase(settings: DynamoSettings & { tablePrefix: string }): Database {
  const { raw, doc } = createClients(settings);
  const tables = tableNames(settings.tablePrefix);
  return {
    doc,
    tables,
    ensureTables: (keys) => ensureTables(raw, tables, keys),
    ping: async (key) => {
      await raw.send(new DescribeTableCommand({ TableName: tables[key] }));
    },
    close: () => raw.destroy(),
  };
}

/** One item of a TransactWriteItems request, in document-client form. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The per-item outcome of a cancelled transaction: true where that item's condition failed. */
export function failedConditions(error: unknown): boolean[] | null {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return null;
  const reasons = (error as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code === 'ConditionalCheckFailed');
}

/** True when a single-item write failed its condition expression. */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/**
 * Reads items by their single-attribute key (`keyName`), strongly consistent, with BatchGetItem: 100 keys a request,
 * keys DynamoDB leaves unprocessed under load asked again (10 rounds at most). Duplicates are read once; missing
 * items are simply absent from the result.
 */
export async function batchGetItems(db: Database, table: TableKey, keyName: string, values: readonly string[]): Promise<Record<string, unknown>[]> {
  return batchGetByKeys(
    db,
    table,
    [...new Set(values)].map((value) => ({ [keyName]: value })),
  );
}

/** Reads items by their full keys (composite keys too) as `batchGetItems` does; the keys must be distinct. */
export async function batchGetByKeys(db: Database, table: TableKey, allKeys: readonly Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const tableName = db.tables[table];
  for (let i = 0; i < allKeys.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = allKeys.slice(i, i + 100);
    for (let round = 0; keys?.length && round < 10; round += 1) {
      const response: BatchGetCommandOutput = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      items.push(...(response.Responses?.[tableName] ?? []));
      keys = response.UnprocessedKeys?.[tableName]?.Keys;
    }
    if (keys?.length) throw new Error(`DynamoDB left ${keys.length} keys of ${tableName} unread after 10 rounds`);
  }
  return items;
}

/**
 * Writes items unconditionally with BatchWriteItem, 25 a request, `parallel` requests at a time (default 4), items
 * DynamoDB leaves unprocessed written again with a growing pause (10 rounds at most). For bulk loads only: nothing
 * here is conditional or atomic beyond one item.
 */
export async function batchPutItems(db: Database, table: TableKey, items: readonly Record<string, unknown>[], parallel = 4): Promise<void> {
  const tableName = db.tables[table];
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25) as Record<string, unknown>[]);
  const writeBatch = async (batch: Record<string, unknown>[]) => {
    let requests: NonNullable<BatchWriteCommandOutput['UnprocessedItems']>[string] | undefined = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let round = 0; requests?.length && round < 10; round += 1) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
      const response: BatchWriteCommandOutput = await db.doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = response.UnprocessedItems?.[tableName];
    }
    if (requests?.length) throw new Error(`DynamoDB left ${requests.length} items of ${tableName} unwritten after 10 rounds`);
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, batches.length) }, async () => {
      while (next < batches.length) await writeBatch(batches[next++]!);
    }),
  );
}
