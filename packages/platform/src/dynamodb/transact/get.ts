import type dynaliteDb = require('dynalite/db');
import getItem = require('dynalite/actions/getItem');
import { lockItems } from './locks';
import type { ResolvedOperation } from './validate';
import { runAction } from './write';

export interface TransactGetOutput {
  Responses: { Item?: dynaliteDb.Item }[];
}

/**
 * Reads every item of a validated TransactGetItems request while holding their write locks (taken in the
 * same sorted order as writers), so the result is one consistent snapshot of those items. Missing items
 * come back as empty entries, in request order.
 */
export async function executeTransactGet(store: dynaliteDb.Store, operations: ResolvedOperation[]): Promise<TransactGetOutput> {
  const release = await lockItems(store, operations);
  try {
    const results = await Promise.all(operations.map((op) => runAction(getItem, store, op.data)));
    return {
      Responses: results.map(({ err, result }) => {
        if (err) throw err;
        const item = result?.Item as dynaliteDb.Item | undefined;
        return item ? { Item: item } : {};
      }),
    };
  } finally {
    release();
  }
}
