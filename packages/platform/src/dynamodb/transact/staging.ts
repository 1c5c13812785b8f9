import type dynaliteDb = require('dynalite/db');

interface StagedWrite {
  target: dynaliteDb.SubDb;
  operation: dynaliteDb.BatchOperation;
}

const noop = () => undefined;

/** Storage identity of an item inside one store: table name plus dynalite's key string. */
export function itemIdentity(tableName: string, key: string): string {
  return `${tableName}\u0000${key}`;
}

/**
 * A dynalite store look-alike handed to dynalite's own putItem/updateItem/deleteItem actions, so a transaction
 * reuses their condition, update-expression, upsert and index logic unchanged. Reads come from items the
 * caller already read under lock; writes (item and index) are collected instead of applied, so they can be
 * committed in one Level batch. Locks are no-ops here: the transaction already holds the real ones.
 */
export class StagingStore implements dynaliteDb.Store {
  readonly options: dynaliteDb.Store['options'];
  private readonly writes: StagedWrite[] = [];

  constructor(
    private readonly real: dynaliteDb.Store,
    private readonly tables: ReadonlyMap<string, dynaliteDb.TableDescription>,
    private readonly lockedItems: ReadonlyMap<string, dynaliteDb.Item | undefined>,
  ) {
    this.options = real.options;
  }

  get db(): dynaliteDb.LevelDb {
    throw new Error('StagingStore has no raw database: dynalite actions are expected to use sub-dbs only');
  }

  getTable(name: string, cb: dynaliteDb.Callback<dynaliteDb.TableDescription>): void {
    const table = this.tables.get(name);
    if (table) cb(null, table);
    else this.real.getTable(name, cb);
  }

  getItemDb(tableName: string): dynaliteDb.SubDb {
    return this.stage(this.real.getItemDb(tableName), tableName);
  }

  getIndexDb(indexType: string, tableName: string, indexName: string): dynaliteDb.SubDb {
    return this.stage(this.real.getIndexDb(indexType, tableName, indexName));
  }

  /**
   * The staged writes as operations on the main Level database, keyed exactly as dynalite keys them: each
   * write goes through the real sub-db's own `batch`, whose synchronous call to the main db's `batch` is
   * captured (not executed) so the key prefixes stay dynalite's business.
   */
  toMainBatch(): dynaliteDb.BatchOperation[] {
    const main = this.real.db;
    const originalBatch = main.batch;
    const captured: dynaliteDb.BatchOperation[] = [];
    main.batch = (operations) => {
      captured.push(...operations);
    };
    try {
      for (const write of this.writes) write.target.batch([write.operation], noop);
    } finally {
      main.batch = originalBatch;
    }
    const layoutOk =
      captured.length === this.writes.length &&
      captured.every((op, i) => op.key.length > this.writes[i]!.operation.key.length && op.key.endsWith(this.writes[i]!.operation.key));
    if (!layoutOk) throw new Error('dynalite sub-db layout is not the one dynalite 4.0.0 uses: pin the version');
    return captured;
  }

  private stage(target: dynaliteDb.SubDb, itemTable?: string): dynaliteDb.SubDb {
    const record = (operation: dynaliteDb.BatchOperation) => this.writes.push({ target, operation });
    return {
      get: (key, cb) => {
        const identity = itemTable === undefined ? undefined : itemIdentity(itemTable, key);
        if (identity !== undefined && this.lockedItems.has(identity)) cb(null, this.lockedItems.get(identity));
        else target.get(key, cb);
      },
      put: (key, value, cb) => {
        record({ type: 'put', key, value });
        cb(null);
      },
      del: (key, cb) => {
        record({ type: 'del', key });
        cb(null);
      },
      batch: (operations, cb) => {
        for (const operation of operations) record(operation);
        cb(null);
      },
      lock: (_key, exec) => exec((done) => done ?? noop),
    };
  }
}
