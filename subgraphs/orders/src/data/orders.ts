import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Database, type Dec, dynamoNumber, toDec, type TransactItem } from '@trading/platform';
import type { OrderSide, OrderStatus, OrderType } from '../generated/resolvers';

/** An order as stored. Ids are ULIDs, so they sort by placement time. */
export interface OrderRecord {
  userId: string;
  id: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  status: OrderStatus;
  clientOrderId?: string;
  quantity: Dec;
  price?: Dec;
  total?: Dec;
  createdAt: string;
  filledAt?: string;
}

/** The transaction item that records a new order (it must not exist yet). */
export function putOrderItem(db: Database, order: OrderRecord): TransactItem {
  return {
    Put: {
      TableName: db.tables.orders,
      Item: {
        ...order,
        quantity: dynamoNumber(order.quantity),
        ...(order.price ? { price: dynamoNumber(order.price) } : {}),
        ...(order.total ? { total: dynamoNumber(order.total) } : {}),
      },
      // `id` is a DynamoDB reserved word: every expression names it through #id.
      ConditionExpression: 'attribute_not_exists(#id)',
      ExpressionAttributeNames: { '#id': 'id' },
    },
  };
}

/** One of a user's orders. */
export async function getOrder(db: Database, userId: string, id: string): Promise<OrderRecord | null> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tables.orders, Key: { userId, id }, ConsistentRead: true }));
  return Item ? fromItem(Item) : null;
}

/** Any user's order by id, through the `byId` index (for admins). */
export async function findOrderById(db: Database, id: string): Promise<OrderRecord | null> {
  const { Items = [] } = await db.doc.send(
    new QueryCommand({
      TableName: db.tables.orders,
      IndexName: 'byId',
      KeyConditionExpression: '#id = :id',
      ExpressionAttributeNames: { '#id': 'id' },
      ExpressionAttributeValues: { ':id': id },
      Limit: 1,
    }),
  );
  return Items[0] ? fromItem(Items[0]) : null;
}

/** Up to `limit` of a user's orders, newest first, older than `afterId`, optionally of one status. */
export async function listOrders(db: Database, userId: string, limit: number, afterId?: string, status?: OrderStatus | null): Promise<OrderRecord[]> {
  const orders: OrderRecord[] = [];
  let start: Record<string, unknown> | undefined;
  // A status filter applies after DynamoDB's page limit, so keep reading pages until the page is full.
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tables.orders,
        KeyConditionExpression: afterId ? 'userId = :u AND #id < :after' : 'userId = :u',
        ...(status ? { FilterExpression: '#status = :status' } : {}),
        ...(afterId || status
          ? { ExpressionAttributeNames: { ...(afterId ? { '#id': 'id' } : {}), ...(status ? { '#status': 'status' } : {}) } }
          : {}),
        ExpressionAttributeValues: { ':u': userId, ...(afterId ? { ':after': afterId } : {}), ...(status ? { ':status': status } : {}) },
        ScanIndexForward: false,
        ConsistentRead: true,
        Limit: status ? Math.max(limit, 50) : limit,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) orders.push(fromItem(item));
    start = page.LastEvaluatedKey;
  } while (start && orders.length < limit);
  return orders.slice(0, limit);
}

function fromItem(item: Record<string, unknown>): OrderRecord {
  return {
    ...(item as unknown as OrderRecord),
    quantity: toDec(item.quantity as Dec),
    ...(item.price ? { price: toDec(item.price as Dec) } : {}),
    ...(item.total ? { total: toDec(item.total as Dec) } : {}),
  };
}
