import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Database, dynamoNumber } from '@trading/platform';
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

/**
 * Up to `limit` of a user's ledger entries matching `query`, newest first, below sequence number `afterSeq` (the
 * previous page's last). `from` and `to` become a range of sequence numbers (a binary search on `createdAt`, which
 * grows with the sequence: see @trading/ledger's reads.ts), read as a key range: of the `byType` index when a type
 * is asked for, else of the table. Without `byType` (a table created before it), the type is a FilterExpression on
 * that key range, which DynamoDB applies after its `Limit`: pages are read until `limit` entries matched or the range
 * ends (slower for a rare type among many entries, never wrong). Index reads are eventually consistent on AWS.
 */
export async function listLedgerEntries(
  db: Database,
  hasTypeIndex: boolean,
  userId: string,
  query: LedgerQuery,
  limit: number,
  afterSeq?: number,
): Promise<LedgerEntryRecord[]> {
  let low = 1;
  let high = afterSeq === undefined ? Infinity : afterSeq - 1;
  if (query.from !== undefined || (query.to !== undefined && afterSeq === undefined)) {
    const top = await latestLedgerSeq(db, userId);
    const [first, end] = await Promise.all([
      query.from === undefined ? 1 : firstSeqAtOrAfter(db, userId, query.from, top),
      // After the first page the cursor is below `to` already.
      query.to === undefined || afterSeq !== undefined ? top + 1 : firstSeqAtOrAfter(db, userId, query.to, top),
    ]);
    low = first;
    high = Math.min(high, end - 1);
  }
  if (high < low) return [];

  const byType = query.type !== undefined && hasTypeIndex;
  const values: Record<string, unknown> = { ':p': byType ? ledgerTypeKey(userId, query.type!) : userId };
  const hasLow = low > 1;
  const hasHigh = Number.isFinite(high);
  if (hasLow) values[':low'] = dynamoNumber(low);
  if (hasHigh) values[':high'] = dynamoNumber(high);
  const range = hasLow && hasHigh ? ' AND seq BETWEEN :low AND :high' : hasLow ? ' AND seq >= :low' : hasHigh ? ' AND seq <= :high' : '';
  const filtered = query.type !== undefined && !byType;
  if (filtered) values[':type'] = query.type;

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
        ScanIndexForward: false,
        Limit: filtered ? Math.max(limit, 50) : limit,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) entries.push(ledgerEntryFromItem(item));
    start = page.LastEvaluatedKey;
  } while (start && entries.length < limit);
  return entries.slice(0, limit);
}
