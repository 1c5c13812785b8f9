import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Database, ErrorCode, failedConditions, type TransactItem, userError } from '@trading/platform';

/** What one attempt wants to write, planned from fresh reads; `{ replay }` ends without writing. */
export type TransactionPlan<T> = { items: TransactItem[]; result: T } | { replay: T };

/**
 * Writes a plan as ONE TransactWriteItems. When a condition fails, another writer got there first: the plan runs
 * again from fresh reads and refuses (by throwing) if the request no longer fits. Like `transactCash`, for changes
 * that move no cash (a reservation, a cancel).
 */
export async function transactPlanned<T>(db: Database, plan: () => Promise<TransactionPlan<T>>, maxAttempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const step = await plan();
    if ('replay' in step) return step.replay;
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: step.items }));
      return step.result;
    } catch (error) {
      if (!failedConditions(error)) throw error;
      if (attempt >= maxAttempts) throw userError(ErrorCode.CONFLICT, 'The account changed during this request too many times: retry');
    }
  }
}
