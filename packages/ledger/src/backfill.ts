import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Database, type Dec, dynamoNumber, toDec } from '@trading/platform';
import { ledgerTypeKey, type LedgerEntryType } from './ledger';

/**
 * Sets `userType` (the key of the ledger's `byType` index) on entries written before the index existed, once it was
 * added to an existing table (an UpdateTable on AWS): until then such entries are missing from lists filtered by
 * type. Entries never change, so this is safe beside live traffic.
 */
export async function backfillLedgerTypeKeys(db: Database): Promise<{ updated: number }> {
  let updated = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.tables.ledger,
        FilterExpression: 'attribute_not_exists(userType)',
        ProjectionExpression: 'userId, seq, #type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const { userId, seq, type } = item as { userId: string; seq: Dec; type: LedgerEntryType };
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tables.ledger,
          Key: { userId, seq: dynamoNumber(toDec(seq)) },
          UpdateExpression: 'SET userType = :key',
          ConditionExpression: 'attribute_exists(seq)',
          ExpressionAttributeValues: { ':key': ledgerTypeKey(userId, type) },
        }),
      );
      updated += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { updated };
}
