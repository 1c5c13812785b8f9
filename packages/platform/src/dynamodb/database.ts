import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
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
  const items: Record<string, unknown>[] = [];
  const unique = [...new Set(values)];
  const tableName = db.tables[table];
  for (let i = 0; i < unique.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map((value) => ({ [keyName]: value }));
    for (let round = 0; keys?.length && round < 10; round += 1) {
      const response: BatchGetCommandOutput = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      items.push(...(response.Responses?.[tableName] ?? []));
      keys = response.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return items;
}
