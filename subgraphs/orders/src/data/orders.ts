import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
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
  /** LIMIT orders: the most a buy pays or the least a sell accepts per unit. */
  limitPrice?: Dec;
  /** LIMIT BUY orders accepted OPEN: the cash set aside, `quantity x limitPrice` rounded up to the cent. */
  reservedCash?: Dec;
  price?: Dec;
  total?: Dec;
  createdAt: string;
  filledAt?: string;
  cancelledAt?: string;
}

/** The index of OPEN orders by symbol and limit price (sparse: `openSymbol` exists only while an order is OPEN). */
export const OPEN_BY_SYMBOL = 'openBySymbol';

const NUMBERS = ['quantity', 'limitPrice', 'reservedCash', 'price', 'total'] as const;

/** The transaction item that records a new order (it must not exist yet); an OPEN order enters `openBySymbol`. */
export function putOrderItem(db: Database, order: OrderRecord): TransactItem {
  const item: Record<string, unknown> = { ...order, ...(order.status === 'OPEN' ? { openSymbol: order.symbol } : {}) };
  for (const name of NUMBERS) if (order[name]) item[name] = dynamoNumber(order[name]);
  return {
    Put: {
      TableName: db.tables.orders,
      Item: item,
      // `id` is a DynamoDB reserved word: every expression names it through #id.
      ConditionExpression: 'attribute_not_exists(#id)',
      ExpressionAttributeNames: { '#id': 'id' },
    },
  };
}

/** The transaction item that fills an OPEN order (and takes it out of `openBySymbol`), on condition it is still OPEN. */
export function fillOrderItem(db: Database, order: OrderRecord, fill: { price: Dec; total: Dec; filledAt: string }): TransactItem {
  return {
    Update: {
      TableName: db.tables.orders,
      Key: { userId: order.userId, id: order.id },
      UpdateExpression: 'SET #status = :filled, #price = :price, #total = :total, filledAt = :at REMOVE openSymbol',
      ConditionExpression: '#status = :open',
      ExpressionAttributeNames: { '#status': 'status', '#price': 'price', '#total': 'total' },
      ExpressionAttributeValues: {
        ':filled': 'FILLED' satisfies OrderStatus,
        ':open': 'OPEN' satisfies OrderStatus,
        ':price': dynamoNumber(fill.price),
        ':total': dynamoNumber(fill.total),
        ':at': fill.filledAt,
      },
    },
  };
}

/** The transaction item that cancels an OPEN order (and takes it out of `openBySymbol`), on condition it is still OPEN. */
export function cancelOrderItem(db: Database, order: OrderRecord, cancelledAt: string): TransactItem {
  return {
    Update: {
      TableName: db.tables.orders,
      Key: { userId: order.userId, id: order.id },
      UpdateExpression: 'SET #status = :cancelled, cancelledAt = :at REMOVE openSymbol',
      ConditionExpression: '#status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':cancelled': 'CANCELLED' satisfies OrderStatus, ':open': 'OPEN' satisfies OrderStatus, ':at': cancelledAt },
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

/** True when the orders table has the `openBySymbol` index (a table created before limit orders does not). */
export async function hasOpenOrderIndex(db: Database): Promise<boolean> {
  const { Table } = await db.doc.send(new DescribeTableCommand({ TableName: db.tables.orders }));
  return (Table?.GlobalSecondaryIndexes ?? []).some((index) => index.IndexName === OPEN_BY_SYMBOL);
}

/**
 * The OPEN limit orders on a symbol that a price reaches: buys whose limit is at or above it, sells whose limit is
 * at or below it, through the sparse `openBySymbol` index (eventually consistent on AWS: the fill re-reads each
 * order and is conditioned on it being OPEN).
 */
export async function listOpenOrdersCrossedBy(db: Database, symbol: string, price: Dec): Promise<OrderRecord[]> {
  const sides: [OrderSide, string][] = [
    ['BUY', 'limitPrice >= :price'],
    ['SELL', 'limitPrice <= :price'],
  ];
  const found = await Promise.all(
    sides.map(async ([side, range]) => {
      const orders: OrderRecord[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.doc.send(
          new QueryCommand({
            TableName: db.tables.orders,
            IndexName: OPEN_BY_SYMBOL,
            KeyConditionExpression: `openSymbol = :symbol AND ${range}`,
            FilterExpression: 'side = :side',
            ExpressionAttributeValues: { ':symbol': symbol, ':price': dynamoNumber(price), ':side': side },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) orders.push(fromItem(item));
        start = page.LastEvaluatedKey;
      } while (start);
      return orders;
    }),
  );
  return found.flat();
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
  const { openSymbol: _index, ...stored } = item;
  const order = { ...(stored as unknown as OrderRecord) };
  for (const name of NUMBERS) if (item[name] != null) order[name] = toDec(item[name] as Dec);
  return order;
}
