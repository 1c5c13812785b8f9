import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Database, dynamoNumber, type PageSource } from '@trading/platform';
import {
  firstSeqAtOrAfter,
  latestLedgerSeq,
  ledgerEntryFromItem,
  type LedgerEntryRecord,
  type LedgerEntryType,
  ledgerTypeKey,
} from '@trading/ledger';

/** The ledger index of one user's entries of one type by sequence number (`userType` = `<userId>#<type>`). */
export const LEDGER_BY_TYPE = 'byType';

/** A validated `User.transactions` filter: every condition given must hold. */
export interface LedgerQuery {
  type?: LedgerEntryType;
  /** Epoch ms: only entries made at or after it. */
  from?: number;
  /** Epoch ms: only entries made before it. */
  to?: number;
}

/** Inclusive bounds of sequence numbers; `high` is Infinity when open. */
interface SeqRange {
  low: number;
  high: number;
}

/**
 * The sequence numbers `from` and `to` cover: a binary search on `createdAt`, which grows with the sequence (see
 * @trading/ledger's reads.ts), about log2(n) single-entry reads for each of them; none without them.
 */
async function seqRange(db: Database, userId: string, query: LedgerQuery): Promise<SeqRange> {
  if (query.from === undefined && query.to === undefined) return { low: 1, high: Infinity };
  const top = await latestLedgerSeq(db, userId);
  const [first, end] = await Promise.all([
    query.from === undefined ? 1 : firstSeqAtOrAfter(db, userId, query.from, top),
    query.to === undefined ? top + 1 : firstSeqAtOrAfter(db, userId, query.to, top),
  ]);
  return { low: first, high: end - 1 };
}

/** `User.transactions` as a connection's source (newest first; positions are sequence numbers), with its count. */
export interface LedgerSource extends PageSource<LedgerEntryRecord, number> {
  /**
   * How many entries match in all, given the account's `ledgerSeq` (the sequence is gap-free, so that is the count
   * of the whole ledger, and a time range's is the size of its range); null with a type (counting would read them).
   */
  count(ledgerSeq: number): Promise<number | null>;
}

/**
 * A user's ledger entries matching `query`, newest first, as a connection's source. `from` and `to` become a range
 * of sequence numbers (found once per list), read as a key range: of the `byType` index when a type is asked for,
 * else of the table; a cursor narrows it. The look beyond a cursor is one entry read from it towards the list's
 * edge, so both sides of a page are exact.
 */
export function ledgerSource(db: Database, hasTypeIndex: boolean, userId: string, query: LedgerQuery): LedgerSource {
  let range: Promise<SeqRange> | undefined;
  const rangeOnce = () => (range ??= seqRange(db, userId, query));
  return {
    read: async ({ after, before }, from, limit) => {
      const { low, high } = await rangeOnce();
      const window = { low: before === undefined ? low : Math.max(low, before + 1), high: after === undefined ? high : Math.min(high, after - 1) };
      return readLedger(db, hasTypeIndex, userId, query.type, window, limit, from === 'end');
    },
    // At or before a position in the list is at or above its sequence number (newer), at or after it is at or below.
    beyond: async (position, side) => {
      const { low, high } = await rangeOnce();
      const window = side === 'start' ? { low: Math.max(low, position), high } : { low, high: Math.min(high, position) };
      return (await readLedger(db, hasTypeIndex, userId, query.type, window, 1, side === 'start')).length > 0;
    },
    count: async (ledgerSeq) => {
      if (query.type !== undefined) return null;
      const { low, high } = await rangeOnce();
      return Math.max(0, (Number.isFinite(high) ? high : ledgerSeq) - low + 1);
    },
  };
}

/**
 * Up to `limit` of a user's ledger entries with sequence numbers in `range`, of one type when given, newest first
 * (or oldest first). Without `byType` (a table created before it), the type is a FilterExpression on that key range,
 * which DynamoDB applies after its `Limit`: pages are read until `limit` entries matched or the range ends (slower
 * for a rare type among many entries, never wrong). Index reads are eventually consistent on AWS.
 */
async function readLedger(
  db: Database,
  hasTypeIndex: boolean,
  userId: string,
  type: LedgerEntryType | undefined,
  { low, high }: SeqRange,
  limit: number,
  oldestFirst: boolean,
): Promise<LedgerEntryRecord[]> {
  if (high < low) return [];
  const byType = type !== undefined && hasTypeIndex;
  const values: Record<string, unknown> = { ':p': byType ? ledgerTypeKey(userId, type) : userId };
  const hasLow = low > 1;
  const hasHigh = Number.isFinite(high);
  if (hasLow) values[':low'] = dynamoNumber(low);
  if (hasHigh) values[':high'] = dynamoNumber(high);
  const range = hasLow && hasHigh ? ' AND seq BETWEEN :low AND :high' : hasLow ? ' AND seq >= :low' : hasHigh ? ' AND seq <= :high' : '';
  const filtered = type !== undefined && !byType;
  if (filtered) values[':type'] = type;

  const entries: LedgerEntryRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tables.ledger,
        ...(byType ? { IndexName: LEDGER_BY_TYPE } : { ConsistentRead: true }),
        KeyConditionExpression: `${byType ? 'userType' : 'userId'} = :p${range}`,
        ...(filtered ? { FilterExpression: '#type = :type', ExpressionAttributeNames: { '#type': 'type' } } : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: oldestFirst,
        Limit: filtered ? Math.max(limit, 50) : limit,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) entries.push(ledgerEntryFromItem(item));
    start = page.LastEvaluatedKey;
  } while (start && entries.length < limit);
  return entries.slice(0, limit);
}
