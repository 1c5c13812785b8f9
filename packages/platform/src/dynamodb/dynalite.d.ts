// Minimal typings for the parts of dynalite 4.0.0 (which ships none) that the embedded endpoint uses.
// The store layout and action signatures are internal to dynalite: keep the dependency pinned exactly.

declare module 'dynalite' {
  namespace dynalite {
    interface Options {
      /** LevelDB folder; in-memory when omitted. */
      path?: string;
      createTableMs?: number;
      deleteTableMs?: number;
      updateTableMs?: number;
      maxItemSizeKb?: number;
      verbose?: boolean;
      debug?: boolean;
    }
  }
  function dynalite(options?: dynalite.Options): import('http').Server;
  export = dynalite;
}

declare module 'dynalite/db' {
  namespace db {
    /** A DynamoDB JSON attribute value such as `{ N: '1' }`. */
    type AttributeValue = { [type: string]: unknown };
    type Item = Record<string, AttributeValue>;
    /** Errors dynalite reports to clients carry the HTTP status and the JSON body to send. */
    interface ApiError extends Error {
      statusCode?: number;
      body?: { __type: string; message?: string; Message?: string };
    }
    type Callback<T> = (err: ApiError | null | undefined, value?: T) => void;
    /** Wraps a completion callback so that calling it releases the lock first. */
    type Release = (done?: (...args: never[]) => void) => (...args: never[]) => void;
    interface TableDescription {
      TableName: string;
      KeySchema: { AttributeName: string; KeyType: string }[];
      [field: string]: unknown;
    }
    interface BatchOperation {
      type: 'put' | 'del';
      key: string;
      value?: unknown;
    }
    /** A key-prefixed view of the main Level database, with a FIFO per-key lock. */
    interface SubDb {
      get(key: string, cb: Callback<Item | undefined>): void;
      put(key: string, value: unknown, cb: Callback<void>): void;
      del(key: string, cb: Callback<void>): void;
      batch(operations: BatchOperation[], cb: Callback<void>): void;
      lock(key: string, exec: (release: Release) => void): void;
    }
    interface LevelDb {
      batch(operations: BatchOperation[], cb: Callback<void>): void;
      close(cb: Callback<void>): void;
    }
    interface Store {
      options: { maxItemSize: number; [option: string]: unknown };
      db: LevelDb;
      getTable(name: string, cb: Callback<TableDescription>): void;
      getItemDb(tableName: string): SubDb;
      getIndexDb(indexType: string, tableName: string, indexName: string): SubDb;
    }
    /** Parsed request data; validation adds `_condition`, `_updates` and `_projection`. */
    type RequestData = Record<string, unknown>;
    interface Module {
      create(options?: import('dynalite').Options): Store;
      validateKey(key: Item, table: TableDescription): ApiError | null | undefined;
      validateItem(item: Item, table: TableDescription): ApiError | null | undefined;
      validateUpdates(attributeUpdates: unknown, updates: unknown, table: TableDescription): ApiError | null | undefined;
      validateKeyPaths(nestedPaths: unknown, table: TableDescription): ApiError | null | undefined;
      createKey(item: Item, table: TableDescription): string;
      checkConditional(data: RequestData, existingItem: Item | undefined): ApiError | null | undefined;
      validationError(message: string): ApiError;
    }
  }
  const db: db.Module;
  export = db;
}

declare module 'dynalite/validations' {
  type Types = Record<string, unknown>;
  /** Type-checks and copies the known fields; deletes unknown fields from `data` (mutates it). */
  export function checkTypes(data: Record<string, unknown>, types: Types): Record<string, unknown>;
  /** Throws a ValidationException ApiError; `custom` may normalise numbers and add parsed expressions. */
  export function checkValidations(
    data: Record<string, unknown>,
    types: Types,
    custom: ((data: Record<string, unknown>, store: import('dynalite/db').Store) => string | undefined) | undefined,
    store: import('dynalite/db').Store,
  ): void;
}

declare module 'dynalite/validations/*' {
  export const types: Record<string, unknown>;
  export function custom(data: Record<string, unknown>, store: import('dynalite/db').Store): string | undefined;
}

declare module 'dynalite/actions/*' {
  function action(
    store: import('dynalite/db').Store,
    data: import('dynalite/db').RequestData,
    cb: import('dynalite/db').Callback<Record<string, unknown>>,
  ): void;
  export = action;
}
