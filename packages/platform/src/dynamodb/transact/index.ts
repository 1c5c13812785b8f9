import type dynaliteDb = require('dynalite/db');
import { executeTransactGet, type TransactGetOutput } from './get';
import { IdempotencyCache, type IdempotencyOptions, requestHash } from './idempotency';
import { parseTransactRequest, resolveOperations } from './validate';
import { executeTransactWrite } from './write';

export { DynamoApiError, asApiError, internalServerError } from './errors';
export { DEFAULT_MAX_TOKENS, IdempotencyCache, requestHash } from './idempotency';
export type { IdempotencyOptions } from './idempotency';

export type TransactOperation = 'TransactWriteItems' | 'TransactGetItems';

export type TransactWriteOutput = Record<string, never>;

/** TransactWriteItems' answer here is always empty: one frozen object, shared by every remembered token. */
const WRITE_OUTPUT: TransactWriteOutput = Object.freeze({});

/** Handles one transaction request body for a dynalite store; rejects with DynamoApiError-shaped errors. */
export type TransactionHandler = (operation: TransactOperation, body: Record<string, unknown>) => Promise<TransactWriteOutput | TransactGetOutput>;

/** Builds the TransactWriteItems/TransactGetItems implementation for one dynalite store. */
export function createTransactionHandler(store: dynaliteDb.Store, idempotency: IdempotencyOptions = {}): TransactionHandler {
  const tokens = new IdempotencyCache<TransactWriteOutput>(idempotency);

  return async (operation, body) => {
    if (operation === 'TransactGetItems') {
      const { operations } = parseTransactRequest(body, false, store);
      return executeTransactGet(store, await resolveOperations(store, operations));
    }
    const { operations, clientRequestToken } = parseTransactRequest(body, true, store);
    const resolved = await resolveOperations(store, operations);
    return tokens.run(clientRequestToken, requestHash(body), async () => {
      await executeTransactWrite(store, resolved);
      return WRITE_OUTPUT;
    });
  };
}
