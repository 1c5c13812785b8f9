import {
  CASH_SCALE,
  type Coordination,
  type Database,
  Dec,
  findRequestKey,
  fingerprintOf,
  parsePositiveDecimal,
  replay,
  requestKeyItem,
  validRequestKey,
} from '@trading/platform';
import { type LedgerEntryRecord, readLedgerEntry, transactCash, withAccountLock } from '@trading/ledger';

/** The largest single deposit, in USD. */
export const MAX_DEPOSIT = new Dec('10000000');
/** Bounds a withdrawal's syntax only; the balance is the real limit. */
const MAX_WITHDRAWAL = new Dec('1000000000000');

interface Transfer {
  kind: 'DEPOSIT' | 'WITHDRAWAL';
  rawAmount: string;
  /** A client's key: a retry with it returns the first result and moves nothing. */
  idempotencyKey?: string | null;
}

/** Moves cash in or out of the user's account: one ledger entry, exactly once per idempotency key. */
async function transfer(db: Database, coordination: Coordination, userId: string, request: Transfer): Promise<LedgerEntryRecord> {
  const max = request.kind === 'DEPOSIT' ? MAX_DEPOSIT : MAX_WITHDRAWAL;
  const amount = parsePositiveDecimal(request.rawAmount, { field: 'amount', scale: CASH_SCALE, max });
  const key = request.idempotencyKey == null ? null : validRequestKey(request.idempotencyKey, 'idempotencyKey');
  const fingerprint = fingerprintOf({ kind: request.kind, amount: amount.toFixed() });
  const signed = request.kind === 'DEPOSIT' ? amount : amount.negated();
  return withAccountLock(coordination.locks, userId, () =>
    transactCash<LedgerEntryRecord>(db, userId, async (account) => {
      if (key) {
        const used = await findRequestKey(db, userId, 'transfer', key);
        if (used) return { replay: await replay(used, fingerprint, 'idempotencyKey', (seq) => readLedgerEntry(db, userId, Number(seq))) };
      }
      const seq = account.ledgerSeq + 1;
      return {
        movement: { type: request.kind, amount: signed },
        items: key ? [requestKeyItem(db, { userId, kind: 'transfer', clientKey: key, fingerprint, resultId: String(seq) })] : [],
        result: (entry) => entry,
      };
    }),
  );
}

/** Adds cash: a positive amount with at most 2 decimals, up to MAX_DEPOSIT. */
export function deposit(
  db: Database,
  coordination: Coordination,
  userId: string,
  rawAmount: string,
  idempotencyKey?: string | null,
): Promise<LedgerEntryRecord> {
  return transfer(db, coordination, userId, { kind: 'DEPOSIT', rawAmount, idempotencyKey });
}

/** Removes cash: INSUFFICIENT_FUNDS when the balance is smaller than the amount. */
export function withdraw(
  db: Database,
  coordination: Coordination,
  userId: string,
  rawAmount: string,
  idempotencyKey?: string | null,
): Promise<LedgerEntryRecord> {
  return transfer(db, coordination, userId, { kind: 'WITHDRAWAL', rawAmount, idempotencyKey });
}
