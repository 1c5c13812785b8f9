import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Database, type Dec, dynamoNumber, toDec } from '@trading/platform';
import { ledgerEntryFromItem, type LedgerEntryRecord } from './ledger';

/*
 * Reads of a user's ledger by time. The ledger is keyed by a gap-free sequence number (1..ledgerSeq), and each
 * entry's `createdAt` is taken under the account lock right before it commits, so `createdAt` grows with `seq`: an
 * instant maps onto a sequence number by binary search, with no index on time. (With services on several hosts,
 * clock skew between them can put an entry made within that skew of an instant on the wrong side of it.)
 */

/** The newest sequence number of a user's ledger, 0 when it is empty (strongly consistent). */
export async function latestLedgerSeq(db: Database, userId: string): Promise<number> {
  const { Items = [] } = await db.doc.send(
    new QueryCommand({
      TableName: db.tables.ledger,
      KeyConditionExpression: 'userId = :u',
      ExpressionAttributeValues: { ':u': userId },
      ProjectionExpression: 'seq',
      ScanIndexForward: false,
      ConsistentRead: true,
      Limit: 1,
    }),
  );
  return Items[0] ? toDec(Items[0].seq as Dec).toNumber() : 0;
}

async function createdAtOf(db: Database, userId: string, seq: number): Promise<number> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tables.ledger, Key: { userId, seq: dynamoNumber(seq) }, ProjectionExpression: 'createdAt', ConsistentRead: true }),
  );
  // The sequence is gap-free by construction (and reconciled): a hole is a broken ledger, not a case to guess at.
  if (!Item) throw new Error(`the ledger of ${userId} has no entry ${seq}`);
  return Date.parse(Item.createdAt as string);
}

/**
 * The first sequence number in 1..`top` whose entry was made at or after `epochMs`, or `top + 1` when none was:
 * about log2(top) strongly consistent GetItems.
 */
export async function firstSeqAtOrAfter(db: Database, userId: string, epochMs: number, top: number): Promise<number> {
  let low = 1;
  let high = top + 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if ((await createdAtOf(db, userId, middle)) >= epochMs) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * What a user's cash was from `sinceMs` on: the entries with sequence numbers up to `throughSeq`, newest first, down
 * to and including the newest one made at or before `sinceMs` (the balance in force then), or down to the first
 * entry when the account is younger. Strongly consistent; reads only the entries of that period (plus one).
 */
export async function ledgerEntriesSince(db: Database, userId: string, throughSeq: number, sinceMs: number): Promise<LedgerEntryRecord[]> {
  const entries: LedgerEntryRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tables.ledger,
        KeyConditionExpression: 'userId = :u AND seq <= :through',
        ExpressionAttributeValues: { ':u': userId, ':through': dynamoNumber(throughSeq) },
        ScanIndexForward: false,
        ConsistentRead: true,
        Limit: 100,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const entry = ledgerEntryFromItem(item);
      entries.push(entry);
      if (Date.parse(entry.createdAt) <= sinceMs) return entries;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return entries;
}
