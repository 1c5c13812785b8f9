import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Database,
  Dec,
  dynamoNumber,
  ErrorCode,
  failedConditions,
  type Locks,
  LockTimeoutError,
  newId,
  toDec,
  type TransactItem,
  userError,
} from '@trading/platform';

/**
 * The user's cash account and its ledger, shared by the users subgraph (deposits, withdrawals) and the orders
 * subgraph (fills), so that a fill moves cash in the same DynamoDB transaction as the order and the holding.
 *
 * Every movement bumps `ledgerSeq` on the user item under the condition that it still has the value read, so
 * `balanceAfter` is exact and the ledger's sequence is gap-free; a debit is also conditioned on `balance >= debit`.
 * The per-user lock only orders requests fairly: these conditions are what keep the books right.
 *
 * Cash set aside by open limit buys stays in `balance` (it is still the user's, and the ledger is unchanged until a
 * fill) and is counted in `reserved` on the user item: what can be spent is `balance - reserved`. A debit or a
 * change of `reserved` is conditioned on the `reserved` read and on `balance >= debit + reserved after`, so nothing
 * spends reserved cash and `reserved` never exceeds `balance`.
 */

export type LedgerEntryType = 'DEPOSIT' | 'WITHDRAWAL' | 'BUY' | 'SELL';

/** A ledger entry as stored; `amount` is signed (negative removes cash). */
export interface LedgerEntryRecord {
  userId: string;
  seq: number;
  id: string;
  type: LedgerEntryType;
  amount: Dec;
  balanceAfter: Dec;
  createdAt: string;
  orderId?: string;
}

/** The cash state that a movement is computed from. */
export interface CashAccount {
  userId: string;
  balance: Dec;
  ledgerSeq: number;
  /** Cash set aside by open limit buys (part of `balance`, not spendable); 0 when absent. */
  reserved: Dec;
}

/** The lock key that serializes one user's money movements across the platform. */
export function accountLockKey(userId: string): string {
  return `account:${userId}`;
}

/**
 * Runs fn holding the user's account lock, so one user's money movements execute one at a time and in order.
 * A wait beyond the lock timeout is CONFLICT (retry later), and nothing of fn has run.
 */
export async function withAccountLock<T>(locks: Locks, userId: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await locks.withLock(accountLockKey(userId), fn);
  } catch (error) {
    if (error instanceof LockTimeoutError) {
      throw userError(ErrorCode.CONFLICT, 'Too many requests for this account are in progress: retry in a moment');
    }
    throw error;
  }
}

/** Reads the user's cash account with a strongly consistent read; null when the user does not exist. */
export async function readCashAccount(db: Database, userId: string): Promise<CashAccount | null> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tables.users, Key: { id: userId }, ConsistentRead: true, ProjectionExpression: 'balance, ledgerSeq, reserved' }),
  );
  if (!Item) return null;
  return {
    userId,
    balance: toDec(Item.balance as Dec),
    ledgerSeq: toDec(Item.ledgerSeq as Dec).toNumber(),
    reserved: toDec((Item.reserved as Dec | undefined) ?? 0),
  };
}

/** Cash that can be spent or withdrawn: the balance minus what open limit buys reserve. */
export function availableCash(account: CashAccount): Dec {
  return account.balance.minus(account.reserved);
}

/** A condition that `reserved` still has the value read (absent counts as zero). */
function reservedUnchanged(reserved: Dec): string {
  return reserved.isZero() ? '(attribute_not_exists(reserved) OR reserved = :reserved)' : 'reserved = :reserved';
}

/**
 * The transaction item that sets `amount` of cash aside (an accepted limit buy), on condition that `reserved` is as
 * read and the balance covers every reservation; no ledger entry, the balance does not change.
 */
export function reserveCashItem(db: Database, account: CashAccount, amount: Dec): TransactItem {
  const after = account.reserved.plus(amount);
  return {
    Update: {
      TableName: db.tables.users,
      Key: { id: account.userId },
      UpdateExpression: 'SET reserved = :after',
      ConditionExpression: `${reservedUnchanged(account.reserved)} AND balance >= :after`,
      ExpressionAttributeValues: { ':reserved': dynamoNumber(account.reserved), ':after': dynamoNumber(after) },
    },
  };
}

/** The transaction item that gives back `amount` of reserved cash (a cancelled limit buy). */
export function releaseCashItem(db: Database, userId: string, amount: Dec): TransactItem {
  return {
    Update: {
      TableName: db.tables.users,
      Key: { id: userId },
      UpdateExpression: 'ADD reserved :minus',
      ConditionExpression: 'reserved >= :amount',
      ExpressionAttributeValues: { ':minus': dynamoNumber(amount.negated()), ':amount': dynamoNumber(amount) },
    },
  };
}

/**
 * What a movement needs the balance to be at least (`reserved` after it, plus what it takes), or null when it
 * cannot overdraw (a credit that changes no reservation).
 */
function balanceNeeded(account: CashAccount, movement: { amount: Dec; reservedChange?: Dec }): Dec | null {
  const reservedChange = movement.reservedChange ?? new Dec(0);
  if (!movement.amount.isNegative() && reservedChange.isZero()) return null;
  return account.reserved.plus(reservedChange).minus(movement.amount);
}

/**
 * The two transaction items of one cash movement (user update, ledger put) and the entry they record.
 * `reservedChange` changes the reserved cash in the same update (a limit buy's fill releases its reservation).
 */
export function cashMovement(
  db: Database,
  account: CashAccount,
  movement: { type: LedgerEntryType; amount: Dec; orderId?: string; reservedChange?: Dec; at: string },
): { items: [TransactItem, TransactItem]; entry: LedgerEntryRecord } {
  const seq = account.ledgerSeq + 1;
  const entry: LedgerEntryRecord = {
    userId: account.userId,
    seq,
    id: newId(),
    type: movement.type,
    amount: movement.amount,
    balanceAfter: account.balance.plus(movement.amount),
    createdAt: movement.at,
    ...(movement.orderId ? { orderId: movement.orderId } : {}),
  };
  const needed = balanceNeeded(account, movement);
  const reservedAfter = movement.reservedChange?.isZero() === false ? account.reserved.plus(movement.reservedChange) : null;
  if (reservedAfter?.isNegative()) throw new Error(`a movement of ${account.userId} would release more cash than is reserved`);
  const update: TransactItem = {
    Update: {
      TableName: db.tables.users,
      Key: { id: account.userId },
      UpdateExpression: `SET balance = balance + :amount, ledgerSeq = :next${reservedAfter ? ', reserved = :reservedAfter' : ''}`,
      ConditionExpression: needed ? `ledgerSeq = :seq AND ${reservedUnchanged(account.reserved)} AND balance >= :needed` : 'ledgerSeq = :seq',
      ExpressionAttributeValues: {
        ':amount': dynamoNumber(movement.amount),
        ':next': dynamoNumber(seq),
        ':seq': dynamoNumber(account.ledgerSeq),
        ...(needed ? { ':needed': dynamoNumber(needed), ':reserved': dynamoNumber(account.reserved) } : {}),
        ...(reservedAfter ? { ':reservedAfter': dynamoNumber(reservedAfter) } : {}),
      },
    },
  };
  const put: TransactItem = {
    Put: {
      TableName: db.tables.ledger,
      Item: {
        ...entry,
        seq: dynamoNumber(seq),
        amount: dynamoNumber(entry.amount),
        balanceAfter: dynamoNumber(entry.balanceAfter),
        userType: ledgerTypeKey(entry.userId, entry.type),
      },
      ConditionExpression: 'attribute_not_exists(seq)',
    },
  };
  return { items: [update, put], entry };
}

/** One ledger entry by its sequence number. */
export async function readLedgerEntry(db: Database, userId: string, seq: number): Promise<LedgerEntryRecord | null> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tables.ledger, Key: { userId, seq: dynamoNumber(seq) }, ConsistentRead: true }));
  return Item ? ledgerEntryFromItem(Item) : null;
}

/** The `byType` index key of a user's ledger entries of one type. */
export function ledgerTypeKey(userId: string, type: LedgerEntryType): string {
  return `${userId}#${type}`;
}

/** A ledger entry from its stored item. */
export function ledgerEntryFromItem(item: Record<string, unknown>): LedgerEntryRecord {
  const { userType: _index, ...stored } = item;
  return {
    ...(stored as unknown as LedgerEntryRecord),
    seq: toDec(item.seq as Dec).toNumber(),
    amount: toDec(item.amount as Dec),
    balanceAfter: toDec(item.balanceAfter as Dec),
  };
}

/** What one attempt of a cash transaction wants to write, given the account as just read. */
export interface CashTransactionPlan<T> {
  /** The ledger entry type and signed amount of the cash movement; `reservedChange` changes the reserved cash too. */
  movement: { type: LedgerEntryType; amount: Dec; orderId?: string; reservedChange?: Dec };
  /** Further items written in the same transaction (order, holding, ...), each with the conditions it needs. */
  items?: TransactItem[];
  /** The result to return once committed, given the ledger entry written. */
  result: (entry: LedgerEntryRecord) => T;
}

/**
 * Cash accounts as this process last committed them, so that the next movement of the same account can skip reading
 * it (a GetItem: under the orders benchmark, a fifth of the database's work per order). Only ever a guess: a
 * movement planned from it is conditioned on the ledger sequence (and the reservation, for debits) like any other,
 * so a stale entry (a deposit through the users service, another orders process) fails the condition and the
 * movement runs again from a fresh read. Nothing is refused because of it: a plan that refuses, or a balance that
 * looks too small, is checked again on a fresh read. Bounded; the oldest entries go first.
 */
export class CashAccountCache {
  private readonly accounts = new Map<string, CashAccount>();

  constructor(private readonly maxEntries = 10_000) {}

  get(userId: string): CashAccount | undefined {
    return this.accounts.get(userId);
  }

  set(account: CashAccount): void {
    this.accounts.delete(account.userId);
    if (this.accounts.size >= this.maxEntries) this.accounts.delete(this.accounts.keys().next().value as string);
    this.accounts.set(account.userId, account);
  }

  forget(userId: string): void {
    this.accounts.delete(userId);
  }
}

/**
 * Runs a cash movement (plus any further items) as ONE TransactWriteItems. When a condition fails, another writer
 * got there first: the plan runs again from fresh reads, and refuses (INSUFFICIENT_FUNDS, or whatever the plan
 * checks) if the request no longer fits. Nothing is written by a refused or failed attempt. With `options.cache`,
 * the first attempt may start from the account as this process last committed it (see CashAccountCache).
 */
export async function transactCash<T>(
  db: Database,
  userId: string,
  /** Plans the write from the account as read; `{ replay }` ends without writing (an idempotent retry). */
  plan: (account: CashAccount) => CashTransactionPlan<T> | { replay: T } | Promise<CashTransactionPlan<T> | { replay: T }>,
  options: { maxAttempts?: number; cache?: CashAccountCache | undefined } = {},
): Promise<T> {
  const { maxAttempts = 5, cache } = options;
  let cached = cache?.get(userId);
  for (let attempt = 1; ;) {
    const guessed = cached !== undefined;
    const account = cached ?? (await readCashAccount(db, userId));
    cached = undefined;
    if (!account) throw userError(ErrorCode.UNAUTHENTICATED, 'This account no longer exists: sign in again', { reason: 'ACCOUNT_GONE' });
    // From a guess, any refusal (the plan's or the balance check's) is decided again on a fresh read.
    let step: CashTransactionPlan<T> | { replay: T };
    try {
      step = await plan(account);
    } catch (error) {
      cache?.forget(userId);
      if (guessed) continue;
      throw error;
    }
    if ('replay' in step) return step.replay;
    const needed = balanceNeeded(account, step.movement);
    if (needed?.gt(account.balance)) {
      cache?.forget(userId);
      if (guessed) continue;
      const available = availableCash(account);
      const reserved = account.reserved.isZero() ? '' : ` (${account.reserved.toFixed()} USD of it is reserved by open limit orders)`;
      throw userError(
        ErrorCode.INSUFFICIENT_FUNDS,
        `Insufficient funds: this needs ${step.movement.amount.negated().toFixed()} USD and the balance is ${account.balance.toFixed()} USD${reserved}`,
        { balance: account.balance.toFixed(), available: available.toFixed() },
      );
    }
    let movement: ReturnType<typeof cashMovement>;
    try {
      movement = cashMovement(db, account, { ...step.movement, at: new Date().toISOString() });
    } catch (error) {
      // A guess that makes no sense (it releases a reservation already released elsewhere): decide on a fresh read.
      cache?.forget(userId);
      if (guessed) continue;
      throw error;
    }
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: [...movement.items, ...(step.items ?? [])] }));
    } catch (error) {
      cache?.forget(userId);
      // Anything but a failed condition may have committed: never tried again.
      if (!failedConditions(error)) throw error;
      // A stale guess costs a retry from a fresh read, not one of the attempts.
      if (guessed) continue;
      if (attempt >= maxAttempts) throw userError(ErrorCode.CONFLICT, 'The account changed during this request too many times: retry');
      attempt += 1;
      continue;
    }
    const { entry } = movement;
    const reservedChange = step.movement.reservedChange;
    cache?.set({
      userId,
      balance: entry.balanceAfter,
      ledgerSeq: entry.seq,
      reserved: reservedChange ? account.reserved.plus(reservedChange) : account.reserved,
    });
    return step.result(entry);
  }
}
