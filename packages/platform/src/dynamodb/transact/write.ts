import dynaliteDb = require('dynalite/db');
import putItem = require('dynalite/actions/putItem');
import updateItem = require('dynalite/actions/updateItem');
import deleteItem = require('dynalite/actions/deleteItem');
import { type CancellationReason, isConditionalCheckFailure, isValidationFailure, transactionCanceled } from './errors';
import { lockItems } from './locks';
import { itemIdentity, StagingStore } from './staging';
import type { ResolvedOperation, WriteKind } from './validate';

type Action = typeof putItem;

const ACTIONS: Record<Exclude<WriteKind, 'ConditionCheck'>, Action> = {
  Put: putItem,
  Update: updateItem,
  Delete: deleteItem,
};

/** Runs a dynalite action; resolves to the error it reported (or null), so callers can classify it. */
export function runAction(
  action: Action,
  store: dynaliteDb.Store,
  data: dynaliteDb.RequestData,
): Promise<{ err: dynaliteDb.ApiError | null; result: Record<string, unknown> | undefined }> {
  return new Promise((resolve) => action(store, data, (err, result) => resolve({ err: err ?? null, result })));
}

function readItem(store: dynaliteDb.Store, op: ResolvedOperation): Promise<dynaliteDb.Item | undefined> {
  return new Promise((resolve, reject) => {
    store.getItemDb(op.tableName).get(op.key, (err, item) => {
      if (err && err.name !== 'NotFoundError') reject(err);
      else resolve(item ?? undefined);
    });
  });
}

function commit(store: dynaliteDb.Store, operations: dynaliteDb.BatchOperation[]): Promise<void> {
  if (operations.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => store.db.batch(operations, (err) => (err ? reject(err) : resolve())));
}

async function stage(staging: StagingStore, op: ResolvedOperation, existing: dynaliteDb.Item | undefined): Promise<CancellationReason | null> {
  const err =
    op.kind === 'ConditionCheck'
      ? (dynaliteDb.checkConditional(op.data, existing) ?? null)
      : (await runAction(ACTIONS[op.kind as Exclude<WriteKind, 'ConditionCheck'>], staging, op.data)).err;
  if (!err) return null;
  if (isConditionalCheckFailure(err)) {
    const reason: CancellationReason = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' };
    if (op.returnOldOnConditionFailure && existing) reason.Item = existing;
    return reason;
  }
  // AWS reports per-item problems found while applying (wrong operand type, item too large) as a cancellation.
  if (isValidationFailure(err)) return { Code: 'ValidationError', Message: err.body?.message ?? err.message };
  throw err;
}

/**
 * Applies a validated TransactWriteItems request all-or-nothing: under the items' locks, every condition is
 * evaluated and every item and index write is staged; if all pass, the writes land in ONE Level batch, so
 * GetItem/Query/Scan (which never lock) see either none or all of the transaction.
 * Throws TransactionCanceledException with one reason per item when any operation fails.
 */
export async function executeTransactWrite(store: dynaliteDb.Store, operations: ResolvedOperation[]): Promise<void> {
  const release = await lockItems(store, operations);
  try {
    const lockedItems = new Map<string, dynaliteDb.Item | undefined>();
    const existing = await Promise.all(operations.map((op) => readItem(store, op)));
    operations.forEach((op, i) => lockedItems.set(itemIdentity(op.tableName, op.key), existing[i]));

    const tables = new Map(operations.map((op) => [op.tableName, op.table]));
    const staging = new StagingStore(store, tables, lockedItems);
    const reasons: (CancellationReason | null)[] = [];
    for (const [i, op] of operations.entries()) reasons.push(await stage(staging, op, existing[i]));

    if (reasons.some((reason) => reason !== null)) {
      throw transactionCanceled(reasons.map((reason) => reason ?? { Code: 'None' }));
    }
    await commit(store, staging.toMainBatch());
  } finally {
    release();
  }
}
