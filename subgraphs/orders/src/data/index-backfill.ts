import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Database, isConditionFailure } from '@trading/platform';
import type { OrderStatus } from '../generated/resolvers';
import { statusKey, symbolKey } from './orders';

/**
 * Sets the index keys (`userSymbol`, `userStatus`, and `filledSymbol` for FILLED orders) on orders written before
 * the `bySymbol`, `byStatus` and `filledBySymbol` indexes existed, once those were added to an existing table (an
 * UpdateTable on AWS): until then such orders are missing from filtered lists. Safe beside live traffic: each update
 * is conditioned on the status read, and an order whose status changed meanwhile got its keys from that change.
 */
export async function backfillOrderIndexKeys(db: Database): Promise<{ updated: number }> {
  let updated = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.tables.orders,
        FilterExpression:
          'attribute_not_exists(userSymbol) OR attribute_not_exists(userStatus) OR (#status = :filled AND attribute_not_exists(filledSymbol))',
        ProjectionExpression: 'userId, #id, #symbol, #status',
        ExpressionAttributeNames: { '#id': 'id', '#symbol': 'symbol', '#status': 'status' },
        ExpressionAttributeValues: { ':filled': 'FILLED' satisfies OrderStatus },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const { userId, id, symbol } = item as { userId: string; id: string; symbol: string };
      const status = item.status as OrderStatus;
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tables.orders,
            Key: { userId, id },
            UpdateExpression: `SET userSymbol = :symbolKey, userStatus = :statusKey${status === 'FILLED' ? ', filledSymbol = :symbol' : ''}`,
            ConditionExpression: '#status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':symbolKey': symbolKey(userId, symbol),
              ':statusKey': statusKey(userId, status),
              ':status': status,
              ...(status === 'FILLED' ? { ':symbol': symbol } : {}),
            },
          }),
        );
        updated += 1;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { updated };
}
