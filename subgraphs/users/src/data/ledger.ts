import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Database, type LedgerEntryRecord, dynamoNumber, ledgerEntryFromItem } from '@trading/platform';

/** Reads a page of a user's ledger, newest first, starting after sequence number `afterSeq`. */
export async function listLedgerEntries(db: Database, userId: string, limit: number, afterSeq?: number): Promise<LedgerEntryRecord[]> {
  const { Items = [] } = await db.doc.send(
    new QueryCommand({
      TableName: db.tables.ledger,
      KeyConditionExpression: afterSeq === undefined ? 'userId = :u' : 'userId = :u AND seq < :after',
      ExpressionAttributeValues: { ':u': userId, ...(afterSeq === undefined ? {} : { ':after': dynamoNumber(afterSeq) }) },
      ScanIndexForward: false,
      ConsistentRead: true,
      Limit: limit,
    }),
  );
  return Items.map(ledgerEntryFromItem);
}
