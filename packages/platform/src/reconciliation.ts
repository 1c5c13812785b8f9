import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from './dynamodb/database';
import { ledgerEntryFromItem, type LedgerEntryRecord } from './ledger';
import { type Dec, toDec, ZERO } from './money';

/**
 * Proves the books balance, user by user, from the stored records alone: the ledger is a gap-free chain ending at the
 * cash balance, every holding equals the fills that made it, nothing is negative, and every fill has exactly its
 * ledger entry and vice versa. Reads page by page, so memory is bounded by one user's records, whatever the number
 * of users.
 */

export type MismatchKind =
  | 'NEGATIVE_BALANCE'
  | 'BALANCE_NOT_LEDGER_SUM'
  | 'LEDGER_CHAIN_BROKEN'
  | 'LEDGER_SEQUENCE_GAP'
  | 'NEGATIVE_HOLDING'
  | 'HOLDING_NOT_FILLS'
  | 'FILL_WITHOUT_LEDGER_ENTRY'
  | 'LEDGER_ENTRY_WITHOUT_FILL'
  | 'FILL_AMOUNT_MISMATCH';

/** One thing that does not add up. */
export interface Mismatch {
  userId: string;
  kind: MismatchKind;
  /** What it concerns: a symbol, an order id, a ledger sequence number. */
  subject: string;
  expected: string;
  actual: string;
}

/** One user's result. */
export interface UserReconciliation {
  userId: string;
  username: string;
  balance: Dec;
  ledgerEntries: number;
  orders: number;
  holdings: number;
  mismatches: Mismatch[];
}

interface UserItem {
  id: string;
  username: string;
  balance: Dec;
  ledgerSeq: Dec;
}

interface OrderItem {
  id: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  status: string;
  quantity: Dec;
  total?: Dec;
}

async function queryAll(db: Database, table: string, userId: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'userId = :u',
        ExpressionAttributeValues: { ':u': userId },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Checks one user's books. */
export async function reconcileUser(db: Database, user: UserItem): Promise<UserReconciliation> {
  const [ledgerItems, orderItems, holdingItems] = await Promise.all([
    queryAll(db, db.tables.ledger, user.id),
    queryAll(db, db.tables.orders, user.id),
    queryAll(db, db.tables.holdings, user.id),
  ]);
  const mismatches: Mismatch[] = [];
  const flag = (kind: MismatchKind, subject: string, expected: unknown, actual: unknown) =>
    mismatches.push({ userId: user.id, kind, subject, expected: String(expected), actual: String(actual) });

  const balance = toDec(user.balance);
  if (balance.isNegative()) flag('NEGATIVE_BALANCE', 'cash', '>= 0', balance.toFixed());

  // Ledger: ascending by sequence, each balanceAfter = previous + amount, sequence 1..ledgerSeq without gaps.
  const ledger: LedgerEntryRecord[] = ledgerItems.map(ledgerEntryFromItem).sort((a, b) => a.seq - b.seq);
  let running = ZERO;
  ledger.forEach((entry, index) => {
    if (entry.seq !== index + 1) flag('LEDGER_SEQUENCE_GAP', `seq ${entry.seq}`, index + 1, entry.seq);
    running = running.plus(entry.amount);
    if (!entry.balanceAfter.eq(running)) flag('LEDGER_CHAIN_BROKEN', `seq ${entry.seq}`, running.toFixed(), entry.balanceAfter.toFixed());
  });
  if (ledger.length !== toDec(user.ledgerSeq).toNumber()) flag('LEDGER_SEQUENCE_GAP', 'ledgerSeq', ledger.length, toDec(user.ledgerSeq).toFixed());
  if (!running.eq(balance)) flag('BALANCE_NOT_LEDGER_SUM', 'cash', running.toFixed(), balance.toFixed());

  // Fills against the ledger, and holdings against fills (and open sells, whose units are reserved).
  const orders = orderItems.map((item) => ({
    ...(item as unknown as OrderItem),
    quantity: toDec(item.quantity as Dec),
    ...(item.total ? { total: toDec(item.total as Dec) } : {}),
  }));
  const entriesByOrder = new Map<string, LedgerEntryRecord[]>();
  for (const entry of ledger) {
    if (!entry.orderId) continue;
    entriesByOrder.set(entry.orderId, [...(entriesByOrder.get(entry.orderId) ?? []), entry]);
  }
  const expectedHoldings = new Map<string, Dec>();
  const add = (symbol: string, quantity: Dec) => expectedHoldings.set(symbol, (expectedHoldings.get(symbol) ?? ZERO).plus(quantity));
  const orderIds = new Set<string>();
  for (const order of orders) {
    orderIds.add(order.id);
    if (order.status === 'OPEN' && order.side === 'SELL') add(order.symbol, order.quantity.negated());
    if (order.status !== 'FILLED') continue;
    add(order.symbol, order.side === 'BUY' ? order.quantity : order.quantity.negated());
    const entries = (entriesByOrder.get(order.id) ?? []).filter((entry) => entry.type === order.side);
    if (entries.length !== 1) {
      flag('FILL_WITHOUT_LEDGER_ENTRY', order.id, '1 ledger entry', `${entries.length}`);
      continue;
    }
    const expectedAmount = order.side === 'BUY' ? order.total?.negated() : order.total;
    if (!expectedAmount || !entries[0]!.amount.eq(expectedAmount))
      flag('FILL_AMOUNT_MISMATCH', order.id, expectedAmount?.toFixed() ?? 'a total', entries[0]!.amount.toFixed());
  }
  for (const entry of ledger) {
    if ((entry.type === 'BUY' || entry.type === 'SELL') && (!entry.orderId || !orderIds.has(entry.orderId))) {
      flag('LEDGER_ENTRY_WITHOUT_FILL', `seq ${entry.seq}`, 'an order', entry.orderId ?? 'none');
    }
  }
  const held = new Map(holdingItems.map((item) => [item.symbol as string, toDec(item.quantity as Dec)] as const));
  for (const symbol of new Set([...held.keys(), ...expectedHoldings.keys()])) {
    const actual = held.get(symbol) ?? ZERO;
    const expected = expectedHoldings.get(symbol) ?? ZERO;
    if (actual.isNegative()) flag('NEGATIVE_HOLDING', symbol, '>= 0', actual.toFixed());
    if (!actual.eq(expected)) flag('HOLDING_NOT_FILLS', symbol, expected.toFixed(), actual.toFixed());
  }

  return {
    userId: user.id,
    username: user.username,
    balance,
    ledgerEntries: ledger.length,
    orders: orders.length,
    holdings: [...held.values()].filter((quantity) => !quantity.isZero()).length,
    mismatches,
  };
}

/** A page of users checked, and where the next page starts (null at the end). */
export interface ReconciliationPage {
  users: UserReconciliation[];
  nextUserId: string | null;
}

/** Checks up to `pageSize` users after `afterUserId` (table order). */
export async function reconcilePage(db: Database, pageSize: number, afterUserId?: string | null): Promise<ReconciliationPage> {
  const page = await db.doc.send(
    new ScanCommand({
      TableName: db.tables.users,
      Limit: pageSize,
      ProjectionExpression: '#id, username, balance, ledgerSeq',
      ExpressionAttributeNames: { '#id': 'id' },
      ...(afterUserId ? { ExclusiveStartKey: { id: afterUserId } } : {}),
    }),
  );
  const users = await Promise.all((page.Items ?? []).map((item) => reconcileUser(db, item as unknown as UserItem)));
  return { users, nextUserId: page.LastEvaluatedKey ? (page.LastEvaluatedKey.id as string) : null };
}

/** Every user, page by page. */
export async function* reconcileAll(db: Database, pageSize = 100): AsyncGenerator<UserReconciliation[]> {
  let after: string | null = null;
  do {
    const page: ReconciliationPage = await reconcilePage(db, pageSize, after);
    yield page.users;
    after = page.nextUserId;
  } while (after);
}
