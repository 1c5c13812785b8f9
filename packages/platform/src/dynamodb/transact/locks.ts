import type dynaliteDb = require('dynalite/db');

/** What identifies an item's lock: dynalite keeps one FIFO lock per table item db, keyed by `createKey`. */
export interface LockTarget {
  tableName: string;
  key: string;
}

function compareTargets(a: LockTarget, b: LockTarget): number {
  // Plain code-unit comparison: a total order that every transaction agrees on.
  if (a.tableName !== b.tableName) return a.tableName < b.tableName ? -1 : 1;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return 0;
}

/**
 * Takes the same per-item locks PutItem/UpdateItem/DeleteItem take, one at a time in (table, key) order so two
 * transactions can never wait on each other in a cycle (single-item writes hold one lock at most).
 * Resolves to a function that releases every lock taken; call it in `finally`.
 */
export async function lockItems(store: dynaliteDb.Store, targets: readonly LockTarget[]): Promise<() => void> {
  const releases: dynaliteDb.Release[] = [];
  const releaseAll = () => {
    for (const release of releases.splice(0).reverse()) release()();
  };
  try {
    for (const target of [...targets].sort(compareTargets)) {
      const itemDb = store.getItemDb(target.tableName);
      releases.push(await new Promise<dynaliteDb.Release>((resolve) => itemDb.lock(target.key, resolve)));
    }
  } catch (err) {
    releaseAll();
    throw err;
  }
  return releaseAll;
}
