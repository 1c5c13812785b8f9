import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Database, type Dec, dynamoNumber, toDec, type TransactItem } from '@trading/platform';

/** A user's position in one asset: units held and what they cost in all (USD). */
export interface HoldingRecord {
  userId: string;
  symbol: string;
  quantity: Dec;
  costBasis: Dec;
}

/** One holding, strongly consistent; null when the user holds none of the asset. */
export async function getHolding(db: Database, userId: string, symbol: string): Promise<HoldingRecord | null> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tables.holdings, Key: { userId, symbol }, ConsistentRead: true }));
  return Item ? fromItem(Item) : null;
}

/** Every holding of a user with a positive quantity, by symbol. */
export async function listHoldings(db: Database, userId: string): Promise<HoldingRecord[]> {
  const holdings: HoldingRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tables.holdings,
        KeyConditionExpression: 'userId = :u',
        ExpressionAttributeValues: { ':u': userId },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) holdings.push(fromItem(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return holdings.filter((holding) => holding.quantity.gt(0));
}

/** Adds bought units and their cost to a holding (creating it when absent). */
export function addToHoldingItem(db: Database, userId: string, symbol: string, quantity: Dec, cost: Dec): TransactItem {
  return {
    Update: {
      TableName: db.tables.holdings,
      Key: { userId, symbol },
      UpdateExpression: 'ADD quantity :q, costBasis :c',
      ExpressionAttributeValues: { ':q': dynamoNumber(quantity), ':c': dynamoNumber(cost) },
    },
  };
}

/**
 * Removes sold units and their share of the cost, on condition that the holding still has at least that many units
 * (and still the quantity the cost share was computed from); selling everything deletes the holding.
 */
export function removeFromHoldingItem(db: Database, holding: HoldingRecord, quantity: Dec, costShare: Dec): TransactItem {
  const key = { userId: holding.userId, symbol: holding.symbol };
  if (quantity.eq(holding.quantity)) {
    return {
      Delete: {
        TableName: db.tables.holdings,
        Key: key,
        ConditionExpression: 'quantity = :held',
        ExpressionAttributeValues: { ':held': dynamoNumber(holding.quantity) },
      },
    };
  }
  return {
    Update: {
      TableName: db.tables.holdings,
      Key: key,
      UpdateExpression: 'ADD quantity :minusQ, costBasis :minusC',
      ConditionExpression: 'quantity >= :q AND quantity = :held',
      ExpressionAttributeValues: {
        ':minusQ': dynamoNumber(quantity.negated()),
        ':minusC': dynamoNumber(costShare.negated()),
        ':q': dynamoNumber(quantity),
        ':held': dynamoNumber(holding.quantity),
      },
    },
  };
}

function fromItem(item: Record<string, unknown>): HoldingRecord {
  return {
    userId: item.userId as string,
    symbol: item.symbol as string,
    quantity: toDec(item.quantity as Dec),
    costBasis: toDec((item.costBasis as Dec | undefined) ?? 0),
  };
}
