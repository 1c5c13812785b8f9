import {
  type Coordination,
  type Database,
  Dec,
  type LedgerEntryRecord,
  parsePositiveDecimal,
  transactCash,
  withAccountLock,
  CASH_SCALE,
} from '@trading/platform';

/** The largest single deposit, in USD. */
export const MAX_DEPOSIT = new Dec('10000000');
/** Bounds a withdrawal's syntax only; the balance is the real limit. */
const MAX_WITHDRAWAL = new Dec('1000000000000');

/** Adds cash: a positive amount with at most 2 decimals, up to MAX_DEPOSIT. */
export async function deposit(db: Database, coordination: Coordination, userId: string, rawAmount: string): Promise<LedgerEntryRecord> {
  const amount = parsePositiveDecimal(rawAmount, { field: 'amount', scale: CASH_SCALE, max: MAX_DEPOSIT });
  return withAccountLock(coordination.locks, userId, () =>
    transactCash(db, userId, () => ({ movement: { type: 'DEPOSIT', amount }, result: (entry) => entry })),
  );
}

/** Removes cash: INSUFFICIENT_FUNDS when the balance is smaller than the amount. */
export async function withdraw(db: Database, coordination: Coordination, userId: string, rawAmount: string): Promise<LedgerEntryRecord> {
  const amount = parsePositiveDecimal(rawAmount, { field: 'amount', scale: CASH_SCALE, max: MAX_WITHDRAWAL });
  return withAccountLock(coordination.locks, userId, () =>
    transactCash(db, userId, () => ({ movement: { type: 'WITHDRAWAL', amount: amount.negated() }, result: (entry) => entry })),
  );
}
