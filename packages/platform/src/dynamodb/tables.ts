import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

type KeyType = 'S' | 'N';
interface KeyAttr {
  name: string;
  type: KeyType;
}
interface TableDefinition {
  partitionKey: KeyAttr;
  sortKey?: KeyAttr;
  /** Global secondary indexes by name (all attributes projected). */
  indexes?: Record<string, { partitionKey: KeyAttr; sortKey?: KeyAttr }>;
  /** The attribute DynamoDB's TTL deletes items by (epoch seconds), where the table's items expire. */
  ttlAttribute?: string;
}

/**
 * Every table of the platform, defined once. Ownership: users -> users, userLogins, ledger, sessions, auditEvents, apiKeys; inventory -> assets;
 * orders -> orders, holdings; requestKeys is shared (transfers by users, orders by orders). An order fill also writes the user's cash and ledger through the shared `ledger`
 * module, in the same transaction as the order (see docs/DATA.md).
 */
export const TABLES = {
  /** One item per user: profile, password hash, role, cash balance and the ledger sequence number. */
  users: { partitionKey: { name: 'id', type: 'S' } },
  /** Uniqueness guards: `username#<lowercase>` and `email#<lowercase>` -> userId, written with the user. */
  userLogins: { partitionKey: { name: 'login', type: 'S' } },
  /**
   * Cash ledger entries per user, by a gap-free sequence number (newest = highest); `byType` (`userType` =
   * `<userId>#<type>`, `seq`) lists one type of entry.
   */
  ledger: {
    partitionKey: { name: 'userId', type: 'S' },
    sortKey: { name: 'seq', type: 'N' },
    indexes: { byType: { partitionKey: { name: 'userType', type: 'S' }, sortKey: { name: 'seq', type: 'N' } } },
  },
  /** The asset catalog and current prices. */
  assets: { partitionKey: { name: 'symbol', type: 'S' } },
  /**
   * Price history: one item per asset, candle interval and run of 60 candles (`series` = `BTC#ONE_MINUTE`, `start` =
   * the run's first candle in epoch seconds), so one Query reads a symbol's candles of one interval in time order.
   * Runs expire by `expiresAt` after their interval's retention (none for ONE_DAY); see subgraphs/inventory.
   */
  candles: { partitionKey: { name: 'series', type: 'S' }, sortKey: { name: 'start', type: 'N' }, ttlAttribute: 'expiresAt' },
  /**
   * Orders per user by time-ordered id; `byId` finds one for admins; `openBySymbol` (sparse: `openSymbol` is set
   * only while an order is OPEN) finds the open limit orders a price reaches; `bySymbol` (`userSymbol` =
   * `<userId>#<symbol>`) and `byStatus` (`userStatus` = `<userId>#<status>`) list one user's orders of one asset or
   * status by id; `filledBySymbol` (sparse: `filledSymbol` is set once an order is FILLED) finds an asset's fills by
   * time.
   */
  orders: {
    partitionKey: { name: 'userId', type: 'S' },
    sortKey: { name: 'id', type: 'S' },
    indexes: {
      byId: { partitionKey: { name: 'id', type: 'S' } },
      openBySymbol: { partitionKey: { name: 'openSymbol', type: 'S' }, sortKey: { name: 'limitPrice', type: 'N' } },
      bySymbol: { partitionKey: { name: 'userSymbol', type: 'S' }, sortKey: { name: 'id', type: 'S' } },
      byStatus: { partitionKey: { name: 'userStatus', type: 'S' }, sortKey: { name: 'id', type: 'S' } },
      filledBySymbol: { partitionKey: { name: 'filledSymbol', type: 'S' }, sortKey: { name: 'filledAt', type: 'S' } },
    },
  },
  /** One item per user and asset held: quantity and cost basis. */
  holdings: { partitionKey: { name: 'userId', type: 'S' }, sortKey: { name: 'symbol', type: 'S' } },
  /** Sign-in sessions: the current refresh token's hash, expiry and revocation; `byUser` lists a user's sessions. */
  sessions: {
    partitionKey: { name: 'id', type: 'S' },
    indexes: { byUser: { partitionKey: { name: 'userId', type: 'S' } } },
    ttlAttribute: 'expiresAt',
  },
  /** The append-only security audit trail, by subject (the account concerned); `byActor` and `byDay` for admins. */
  auditEvents: {
    partitionKey: { name: 'subjectKey', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    indexes: {
      byActor: { partitionKey: { name: 'actorKey', type: 'S' }, sortKey: { name: 'sk', type: 'S' } },
      byDay: { partitionKey: { name: 'day', type: 'S' }, sortKey: { name: 'sk', type: 'S' } },
    },
    /** AUDIT_RETENTION_DAYS after the event (packages/platform/src/audit.ts). */
    ttlAttribute: 'expiresAt',
  },
  /**
   * API keys by id (the id is part of the secret, so a key is found in one read; the secret itself is never stored,
   * only its keyed hash); `byUser` lists a user's keys, newest first; the item `count#<userId>` counts a user's keys.
   * A revoked key's record expires by `purgeAt`. Owned by users; the router reads it (api-keys.ts).
   */
  apiKeys: {
    partitionKey: { name: 'id', type: 'S' },
    indexes: { byUser: { partitionKey: { name: 'userId', type: 'S' }, sortKey: { name: 'createdAt', type: 'S' } } },
    ttlAttribute: 'purgeAt',
  },
  /** Client-supplied idempotency keys per user (`order#<clientOrderId>`, `transfer#<key>`), written with the change. */
  requestKeys: { partitionKey: { name: 'userId', type: 'S' }, sortKey: { name: 'key', type: 'S' } },
} satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof TABLES;
export type TableNames = Record<TableKey, string>;

/** Physical table names for a prefix, e.g. `trading-users`. */
export function tableNames(prefix: string): TableNames {
  return Object.fromEntries(Object.keys(TABLES).map((key) => [key, `${prefix}${key}`])) as TableNames;
}

/**
 * The CreateTable request for one table (also used to generate infrastructure definitions). `withoutIndexes` leaves
 * indexes out, as an older version of the platform created the table (tests of databases made before an index).
 */
export function createTableInput(key: TableKey, name: string, options: { withoutIndexes?: readonly string[] } = {}): CreateTableCommandInput {
  const table: TableDefinition = TABLES[key];
  const def: TableDefinition = {
    ...table,
    indexes: Object.fromEntries(Object.entries(table.indexes ?? {}).filter(([indexName]) => !options.withoutIndexes?.includes(indexName))),
  };
  const keySchema = (pk: KeyAttr, sk?: KeyAttr) => [
    { AttributeName: pk.name, KeyType: 'HASH' as const },
    ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
  ];
  const attrs = new Map<string, KeyType>();
  const collect = (a?: KeyAttr) => a && attrs.set(a.name, a.type);
  collect(def.partitionKey);
  collect(def.sortKey);
  for (const index of Object.values(def.indexes ?? {})) {
    collect(index.partitionKey);
    collect(index.sortKey);
  }
  const indexes = Object.entries(def.indexes ?? {});
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attrs].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: keySchema(def.partitionKey, def.sortKey),
    ...(indexes.length
      ? {
          GlobalSecondaryIndexes: indexes.map(([IndexName, index]) => ({
            IndexName,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
  };
}

/** Creates the given tables if missing and waits until each is ACTIVE; safe to run from every instance at start. */
export async function ensureTables(client: DynamoDBClient, names: TableNames, keys: TableKey[]): Promise<void> {
  await Promise.all(
    keys.map(async (key) => {
      try {
        await client.send(new CreateTableCommand(createTableInput(key, names[key])));
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
      }
      await waitUntilActive(client, names[key]);
    }),
  );
}

async function waitUntilActive(client: DynamoDBClient, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
      if (Table?.TableStatus === 'ACTIVE') return;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    if (Date.now() > deadline) throw new Error(`DynamoDB table ${name} did not become ACTIVE within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
