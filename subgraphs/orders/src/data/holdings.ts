import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Database, type Dec, dynamoNumber, roundCash, toDec, type TransactItem } from '@trading/platform';

/**
 * A user's position in one asset: units held, what they cost in all (USD), and how many of them open limit sells
 * have set aside (`reserved`, part of `quantity`: they cannot be sold again until the order fills or is cancelled).
 */
export interface HoldingRecord {
  userId: string;
  symbol: string;
  quantity: Dec;
  costBasis: Dec;
  reserved: Dec;
}

/** Units that can be sold now: the holding minus what open limit sells reserve. */
export function unreservedQuantity(holding: HoldingRecord): Dec {
  return holding.quantity.minus(holding.reserved);
}

/** The share of a holding's cost that `quantity` units take with them (all of it when the holding is sold out). */
export function costShareOf(holding: HoldingRecord, quantity: Dec): Dec {
  return quantity.eq(holding.quantity) ? holding.costBasis : roundCash(holding.costBasis.times(quantity).dividedBy(holding.quantity));
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

/** A condition that the holding's `reserved` still has the value read (absent counts as zero). */
function reservedUnchanged(reserved: Dec): string {
  return reserved.isZero() ? '(attribute_not_exists(reserved) OR reserved = :reserved)' : 'reserved = :reserved';
}

/**
 * Removes sold units and their share of the cost, on condition that the holding is still as read (its quantity,
 * which the cost share was computed from, and its reservations, which the units sold must not touch); selling
 * everything deletes the holding.
 */
export function removeFromHoldingItem(db: Database, holding: HoldingRecord, quantity: Dec, costShare: Dec): TransactItem {
  const key = { userId: holding.userId, symbol: holding.symbol };
  const unchanged = `quantity = :held AND ${reservedUnchanged(holding.reserved)}`;
  const read = { ':held': dynamoNumber(holding.quantity), ':reserved': dynamoNumber(holding.reserved) };
  if (quantity.eq(holding.quantity)) {
    return { Delete: { TableName: db.tables.holdings, Key: key, ConditionExpression: unchanged, ExpressionAttributeValues: read } };
  }
  return {
    Update: {
      TableName: db.tables.holdings,
      Key: key,
      UpdateExpression: 'ADD quantity :minusQ, costBasis :minusC',
      ConditionExpression: `${unchanged} AND quantity >= :needed`,
      ExpressionAttributeValues: {
        ...read,
        ':minusQ': dynamoNumber(quantity.negated()),
        ':minusC': dynamoNumber(costShare.negated()),
        // The units sold come out of the unreserved ones.
        ':needed': dynamoNumber(quantity.plus(holding.reserved)),
      },
    },
  };
}

/** Sets units aside for an accepted limit sell, on condition that they are held and not reserved already. */
export function reserveHoldingItem(db: Database, holding: HoldingRecord, quantity: Dec): TransactItem {
  const after = holding.reserved.plus(quantity);
  return {
    Update: {
      TableName: db.tables.holdings,
      Key: { userId: holding.userId, symbol: holding.symbol },
      UpdateExpression: 'SET reserved = :after',
      ConditionExpression: `${reservedUnchanged(holding.reserved)} AND quantity >= :after`,
      ExpressionAttributeValues: { ':reserved': dynamoNumber(holding.reserved), ':after': dynamoNumber(after) },
    },
  };
}

/** Gives back the units a cancelled limit sell reserved. */
export function releaseHoldingItem(db: Database, userId: string, symbol: string, quantity: Dec): TransactItem {
  return {
    Update: {
      TableName: db.tables.holdings,
      Key: { userId, symbol },
      UpdateExpression: 'ADD reserved :minus',
      ConditionExpression: 'reserved >= :q',
      ExpressionAttributeValues: { ':minus': dynamoNumber(quantity.negated()), ':q': dynamoNumber(quantity) },
    },
  };
}

/**
 * Removes the units of a filled limit sell (which it reserved) and their share of the cost, and releases the
 * reservation, on condition that the holding is as read; selling everything deletes the holding.
 */
export function sellReservedItem(db: Database, holding: HoldingRecord, quantity: Dec, costShare: Dec): TransactItem {
  const key = { userId: holding.userId, symbol: holding.symbol };
  if (quantity.eq(holding.quantity)) {
    return {
      Delete: {
        TableName: db.tables.holdings,
        Key: key,
        ConditionExpression: 'quantity = :held AND reserved = :held',
        ExpressionAttributeValues: { ':held': dynamoNumber(holding.quantity) },
      },
    };
  }
  return {
    Update: {
      TableName: db.tables.holdings,
      Key: key,
      UpdateExpression: 'ADD quantity :minusQ, costBasis :minusC, reserved :minusQ',
      ConditionExpression: 'quantity = :held AND reserved >= :q',
      ExpressionAttributeValues: {
        ':minusQ': dynamoNumber(quantity.negated()),
        ':minusC': dynamoNumber(costShare.negated()),
        ':held': dynamoNumber(holding.quantity),
        ':q': dynamoNumber(quantity),
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
    reserved: toDec((item.reserved as Dec | undefined) ?? 0),
  };
}
