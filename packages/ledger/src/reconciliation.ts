import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type Database, type Dec, ROUND_DOWN, ROUND_UP, roundCash, toDec, ZERO } from '@trading/platform';
import { ledgerEntryFromItem, type LedgerEntryRecord } from './ledger';

/**
 * Proves the books balance, user by user, from the stored records alone: the ledger is a gap-free chain ending at the
 * cash balance, every holding equals the fills that made it, nothing is negative, and every fill has exactly its
 * ledger entry and vice versa. Reservations too: the cash reserved on the user item is what the OPEN limit buys
 * reserve, the units reserved on each holding are what the OPEN limit sells reserve, neither exceeds what is held,
 * and every filled limit order kept to its limit (and a buy to its reservation). Reads page by page, so memory is
 * bounded by one user's records, whatever the number of users.
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
  | 'FILL_AMOUNT_MISMATCH'
  | 'RESERVED_NOT_OPEN_ORDERS'
  | 'OVER_RESERVED'
  | 'FILL_BEYOND_LIMIT';

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
  /** Cash reserved by open limit buys; absent means none. */
  reserved?: Dec;
}

interface OrderItem {
  id: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  type: string;
  status: string;
  quantity: Dec;
  limitPrice?: Dec;
  reservedCash?: Dec;
  price?: Dec;
  total?: Dec;
}

const optionalDec = (value: unknown): Dec | undefined => (value == null ? undefined : toDec(value as Dec));

/** What a filled limit order breaks, if anything: its limit, its reservation, or the rounding of its total. */
function limitFillProblem(order: OrderItem): { expected: string; actual: string } | null {
  if (!order.limitPrice || !order.price || !order.total) return { expected: 'limitPrice, price and total', actual: 'missing' };
  const buy = order.side === 'BUY';
  if (buy ? order.price.gt(order.limitPrice) : order.price.lt(order.limitPrice))
    return { expected: `price ${buy ? '<=' : '>='} ${order.limitPrice.toFixed()}`, actual: order.price.toFixed() };
  const total = roundCash(order.quantity.times(order.price), buy ? ROUND_UP : ROUND_DOWN);
  if (!order.total.eq(total)) return { expected: `total ${total.toFixed()}`, actual: order.total.toFixed() };
  if (buy && order.reservedCash && order.total.gt(order.reservedCash))
    return { expected: `total <= reservedCash ${order.reservedCash.toFixed()}`, actual: order.total.toFixed() };
  return null;
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

  // Fills against the ledger, holdings against fills, reservations against open limit orders.
  const orders: OrderItem[] = orderItems.map((item) => {
    const order = { ...(item as unknown as OrderItem), quantity: toDec(item.quantity as Dec) };
    for (const name of ['limitPrice', 'reservedCash', 'price', 'total'] as const) {
      const value = optionalDec(item[name]);
      if (value) order[name] = value;
      else delete order[name];
    }
    return order;
  });
  const entriesByOrder = new Map<string, LedgerEntryRecord[]>();
  for (const entry of ledger) {
    if (!entry.orderId) continue;
    entriesByOrder.set(entry.orderId, [...(entriesByOrder.get(entry.orderId) ?? []), entry]);
  }
  const expectedHoldings = new Map<string, Dec>();
  const expectedReservedUnits = new Map<string, Dec>();
  const add = (totals: Map<string, Dec>, symbol: string, quantity: Dec) => totals.set(symbol, (totals.get(symbol) ?? ZERO).plus(quantity));
  let expectedReservedCash = ZERO;
  const filledIds = new Set<string>();
  for (const order of orders) {
    if (order.status === 'OPEN') {
      // An open limit order reserves its units (sell) or its cash (buy), and has moved nothing yet.
      if (order.side === 'SELL') add(expectedReservedUnits, order.symbol, order.quantity);
      else expectedReservedCash = expectedReservedCash.plus(order.reservedCash ?? ZERO);
    }
    if (order.status !== 'FILLED') continue;
    filledIds.add(order.id);
    add(expectedHoldings, order.symbol, order.side === 'BUY' ? order.quantity : order.quantity.negated());
    if (order.type === 'LIMIT') {
      const problem = limitFillProblem(order);
      if (problem) flag('FILL_BEYOND_LIMIT', order.id, problem.expected, problem.actual);
    }
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
    // Only a fill moves cash for an order: an open or cancelled limit order has no ledger entry.
    if ((entry.type === 'BUY' || entry.type === 'SELL') && (!entry.orderId || !filledIds.has(entry.orderId))) {
      flag('LEDGER_ENTRY_WITHOUT_FILL', `seq ${entry.seq}`, 'a filled order', entry.orderId ?? 'none');
    }
  }
  // A zero reservation is never over what is held: a negative balance or holding has its own mismatch.
  const reservedCash = optionalDec(user.reserved) ?? ZERO;
  if (!reservedCash.eq(expectedReservedCash)) flag('RESERVED_NOT_OPEN_ORDERS', 'cash', expectedReservedCash.toFixed(), reservedCash.toFixed());
  if (reservedCash.isNegative() || (!reservedCash.isZero() && reservedCash.gt(balance)))
    flag('OVER_RESERVED', 'cash', `0 to ${balance.toFixed()}`, reservedCash.toFixed());
  const held = new Map(
    holdingItems.map(
      (item) => [item.symbol as string, { quantity: toDec(item.quantity as Dec), reserved: optionalDec(item.reserved) ?? ZERO }] as const,
    ),
  );
  for (const symbol of new Set([...held.keys(), ...expectedHoldings.keys(), ...expectedReservedUnits.keys()])) {
    const actual = held.get(symbol) ?? { quantity: ZERO, reserved: ZERO };
    const expected = expectedHoldings.get(symbol) ?? ZERO;
    const expectedReserved = expectedReservedUnits.get(symbol) ?? ZERO;
    if (actual.quantity.isNegative()) flag('NEGATIVE_HOLDING', symbol, '>= 0', actual.quantity.toFixed());
    if (!actual.quantity.eq(expected)) flag('HOLDING_NOT_FILLS', symbol, expected.toFixed(), actual.quantity.toFixed());
    if (!actual.reserved.eq(expectedReserved)) flag('RESERVED_NOT_OPEN_ORDERS', symbol, expectedReserved.toFixed(), actual.reserved.toFixed());
    if (actual.reserved.isNegative() || (!actual.reserved.isZero() && actual.reserved.gt(actual.quantity)))
      flag('OVER_RESERVED', symbol, `0 to ${actual.quantity.toFixed()}`, actual.reserved.toFixed());
  }

  return {
    userId: user.id,
    username: user.username,
    balance,
    ledgerEntries: ledger.length,
    orders: orders.length,
    holdings: [...held.values()].filter((holding) => !holding.quantity.isZero()).length,
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
      ProjectionExpression: '#id, username, balance, ledgerSeq, reserved',
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
