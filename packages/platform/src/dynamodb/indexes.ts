import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { Database } from './database';
import { TABLES, type TableKey } from './tables';

/**
 * The global secondary indexes of a table that can be queried now (ACTIVE). A table created before an index was
 * added to its definition in tables.ts lacks it: `ensureTables` only creates missing tables, and the embedded
 * database (dynalite) cannot add an index to an existing table (its UpdateTable ignores `GlobalSecondaryIndexUpdates`),
 * so services check once at start and fall back to a slower read, saying so in the log.
 */
export async function activeIndexes(db: Database, key: TableKey): Promise<Set<string>> {
  const { Table } = await db.doc.send(new DescribeTableCommand({ TableName: db.tables[key] }));
  return new Set((Table?.GlobalSecondaryIndexes ?? []).filter((index) => index.IndexStatus === 'ACTIVE').map((index) => index.IndexName!));
}

/** The indexes tables.ts defines for a table that it does not have (or not ACTIVE yet), by name. */
export function missingIndexes(key: TableKey, active: Set<string>): string[] {
  const definition: { partitionKey: unknown; indexes?: Record<string, unknown> } = TABLES[key];
  const defined = definition.indexes ?? {};
  return Object.keys(defined).filter((name) => !active.has(name));
}
