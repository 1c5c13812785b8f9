import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetByKeys, type Database, type Dec, dynamoNumber, type PageSource, toDec, type TransactItem } from '@trading/platform';
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
/** The index of a user's orders of one asset by id (`userSymbol` = `<userId>#<symbol>`). */
export const BY_SYMBOL = 'bySymbol';
/** The index of a user's orders of one status by id (`userStatus` = `<userId>#<status>`, changed with the status). */
export const BY_STATUS = 'byStatus';
/** The index of FILLED orders by symbol and fill time (sparse: `filledSymbol` is set when an order fills). */
export const FILLED_BY_SYMBOL = 'filledBySymbol';

const NUMBERS = ['quantity', 'limitPrice', 'reservedCash', 'price', 'total'] as const;
/** Attributes that exist only to key an index; never part of an OrderRecord. */
const INDEX_KEYS = ['openSymbol', 'userSymbol', 'userStatus', 'filledSymbol'] as const;

/** The `bySymbol` key of a user's orders of one asset. */
export const symbolKey = (userId: string, symbol: string) => `${userId}#${symbol}`;
/** The `byStatus` key of a user's orders of one status. */
export const statusKey = (userId: string, status: OrderStatus) => `${userId}#${status}`;

/**
 * The transaction item that records a new order (it must not exist yet), with the keys of every index it belongs
 * in: an OPEN order enters `openBySymbol`, a FILLED one `filledBySymbol`.
 */
export function putOrderItem(db: Database, order: OrderRecord): TransactItem {
  const item: Record<string, unknown> = {
    ...order,
    userSymbol: symbolKey(order.userId, order.symbol),
    userStatus: statusKey(order.userId, order.status),
    ...(order.status === 'OPEN' ? { openSymbol: order.symbol } : {}),
    ...(order.status === 'FILLED' ? { filledSymbol: order.symbol } : {}),
  };
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

/**
 * The transaction item that fills an OPEN order (taking it out of `openBySymbol`, into `filledBySymbol` and the
 * FILLED part of `byStatus`), on condition it is still OPEN.
 */
export function fillOrderItem(db: Database, order: OrderRecord, fill: { price: Dec; total: Dec; filledAt: string }): TransactItem {
  return {
    Update: {
      TableName: db.tables.orders,
      Key: { userId: order.userId, id: order.id },
      UpdateExpression:
        'SET #status = :filled, #price = :price, #total = :total, filledAt = :at, userStatus = :statusKey, filledSymbol = :symbol REMOVE openSymbol',
      ConditionExpression: '#status = :open',
      ExpressionAttributeNames: { '#status': 'status', '#price': 'price', '#total': 'total' },
      ExpressionAttributeValues: {
        ':filled': 'FILLED' satisfies OrderStatus,
        ':open': 'OPEN' satisfies OrderStatus,
        ':price': dynamoNumber(fill.price),
        ':total': dynamoNumber(fill.total),
        ':at': fill.filledAt,
        ':statusKey': statusKey(order.userId, 'FILLED'),
        ':symbol': order.symbol,
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
      UpdateExpression: 'SET #status = :cancelled, cancelledAt = :at, userStatus = :statusKey REMOVE openSymbol',
      ConditionExpression: '#status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':cancelled': 'CANCELLED' satisfies OrderStatus,
        ':open': 'OPEN' satisfies OrderStatus,
        ':at': cancelledAt,
        ':statusKey': statusKey(order.userId, 'CANCELLED'),
      },
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

/** A validated list request: every condition given must hold (see `parseOrderFilter`). */
export interface OrderQuery {
  symbol?: string;
  side?: OrderSide;
  type?: OrderType;
  status?: OrderStatus;
  /** Only ids at or above this one: orders placed at or after an instant (`firstIdAt`). */
  fromId?: string;
  /** Only ids below this one: orders placed before an instant. */
  toId?: string;
}

/** Which of the list indexes the orders table has (a table created before them has none; see the server). */
export interface OrderListIndexes {
  bySymbol: boolean;
  byStatus: boolean;
}

const ID_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The greatest id below `id` among ids of the same length over [0-9A-Z] (every order id is such a ULID), so that
 * `< id` can be written as an inclusive bound; null when there is none.
 */
export function idBelow(id: string): string | null {
  return idStep(id, -1);
}

/** The least id above `id` among ids of the same length over [0-9A-Z] (`> id` as an inclusive bound); null when none. */
export function idAbove(id: string): string | null {
  return idStep(id, 1);
}

function idStep(id: string, step: 1 | -1): string | null {
  const chars = id.split('');
  const [last, wrap] = step === -1 ? [0, ID_CHARS.at(-1)!] : [ID_CHARS.length - 1, ID_CHARS[0]!];
  for (let i = chars.length - 1; i >= 0; i -= 1) {
    const at = ID_CHARS.indexOf(chars[i]!);
    if (at !== last) {
      chars[i] = ID_CHARS[at + step]!;
      return chars.join('');
    }
    chars[i] = wrap;
  }
  return null;
}

/**
 * Where a read of a user's orders lies in the list (newest first): only ids below `below` (the orders after a
 * cursor) and above `above` (the orders before one), both exclusive; `oldestFirst` reads the range from its oldest
 * end (a backward page, or a look at what lies beyond one).
 */
export interface OrderWindow {
  below?: string;
  above?: string;
  oldestFirst?: boolean;
}

/**
 * Up to `limit` of a user's orders matching `query`, newest first (or oldest first), within `window`.
 *
 * The partition read is the narrowest the table offers: the user's orders of that symbol (`bySymbol`), else of that
 * status (`byStatus`), else all the user's orders; the time range and the page position are a key range on the id
 * (ULIDs sort by placement time). Conditions the partition does not cover (side, type, and status beside a symbol)
 * are a FilterExpression, which DynamoDB applies after its `Limit`: so pages are read until `limit` orders matched
 * or the range ends, never a fixed page filtered. That is acceptable because those conditions have two or three
 * values each and are usually a large share of one user's orders of one asset or status; the read is bounded by
 * the orders in range either way. Index reads are eventually consistent on AWS (the base table's are strong):
 * an order placed a moment ago may be missing from a filtered list for that moment.
 */
export async function listOrders(
  db: Database,
  indexes: OrderListIndexes,
  userId: string,
  query: OrderQuery,
  limit: number,
  window: OrderWindow = {},
): Promise<OrderRecord[]> {
  const bySymbol = query.symbol !== undefined && indexes.bySymbol;
  const byStatus = !bySymbol && query.status !== undefined && indexes.byStatus;
  const partition = bySymbol
    ? { index: BY_SYMBOL, name: 'userSymbol', value: symbolKey(userId, query.symbol!) }
    : byStatus
      ? { index: BY_STATUS, name: 'userStatus', value: statusKey(userId, query.status!) }
      : { index: undefined, name: 'userId', value: userId };
  // Inclusive bounds of the id range: the filter's time range, narrowed by the window.
  const above = window.above === undefined ? undefined : idAbove(window.above);
  if (above === null) return [];
  const low = [query.fromId, above]
    .filter((id): id is string => id !== undefined)
    .sort()
    .at(-1);
  const below = [query.toId, window.below].filter((id): id is string => id !== undefined).sort()[0];
  const high = below === undefined ? undefined : idBelow(below);
  if (high === null || (low !== undefined && high !== undefined && low > high)) return [];

  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':p': partition.value };
  let keyCondition = `${partition.name} = :p`;
  if (low !== undefined || high !== undefined) {
    names['#id'] = 'id';
    if (low !== undefined) values[':low'] = low;
    if (high !== undefined) values[':high'] = high;
    keyCondition += low === undefined ? ' AND #id <= :high' : high === undefined ? ' AND #id >= :low' : ' AND #id BETWEEN :low AND :high';
  }
  const filters: string[] = [];
  const filterOn = (attribute: string, value: string | undefined) => {
    if (value === undefined) return;
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
    filters.push(`#${attribute} = :${attribute}`);
  };
  if (!bySymbol) filterOn('symbol', query.symbol);
  if (!byStatus) filterOn('status', query.status);
  filterOn('side', query.side);
  filterOn('type', query.type);

  const orders: OrderRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tables.orders,
        ...(partition.index ? { IndexName: partition.index } : { ConsistentRead: true }),
        KeyConditionExpression: keyCondition,
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: window.oldestFirst === true,
        // Filtered reads evaluate more items per round trip: most of a page may not match.
        Limit: filters.length ? Math.max(limit, 50) : limit,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) orders.push(fromItem(item));
    start = page.LastEvaluatedKey;
  } while (start && orders.length < limit);
  return orders.slice(0, limit);
}

/**
 * A user's orders matching `query` as a connection's source (newest first; positions are order ids). `beyond` is one
 * Query of one order (`Limit` 1, from the cursor's id towards the list's edge: the cursor's own order when it still
 * matches), so `hasPreviousPage` and `hasNextPage` are exact on both sides.
 */
export function orderSource(
  db: Database,
  indexes: OrderListIndexes,
  userId: string,
  query: OrderQuery,
  readOnce: <T>(key: string, load: () => Promise<T>) => Promise<T> = (_key, load) => load(),
): PageSource<OrderRecord, string> {
  return {
    read: ({ after, before }, from, limit) =>
      readOnce(`orders:${userId}:${JSON.stringify(query)}:${after ?? ''}:${before ?? ''}:${from}:${limit}`, () =>
        listOrders(db, indexes, userId, query, limit, {
          ...(after !== undefined ? { below: after } : {}),
          ...(before !== undefined ? { above: before } : {}),
          oldestFirst: from === 'end',
        }),
      ),
    // At or before a position in the list is at or above its id (newer), at or after it is at or below.
    beyond: async (position, side) => {
      const bound = side === 'start' ? idBelow(position) : idAbove(position);
      const window: OrderWindow =
        side === 'start' ? { oldestFirst: true, ...(bound ? { above: bound } : {}) } : { oldestFirst: false, ...(bound ? { below: bound } : {}) };
      return (await listOrders(db, indexes, userId, query, 1, window)).length > 0;
    },
  };
}

/** A user's orders by id, read together (BatchGetItem, strongly consistent); ids not found are absent. */
export async function getOrders(db: Database, userId: string, ids: readonly string[]): Promise<Map<string, OrderRecord>> {
  const items = await batchGetByKeys(
    db,
    'orders',
    [...new Set(ids)].map((id) => ({ userId, id })),
  );
  return new Map(items.map((item) => [item.id as string, fromItem(item)]));
}

/** The quantity of each order of `symbol` filled at or after `since` (ISO instant), through `filledBySymbol`. */
export async function listFilledQuantities(db: Database, symbol: string, since: string): Promise<Dec[]> {
  const quantities: Dec[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tables.orders,
        IndexName: FILLED_BY_SYMBOL,
        KeyConditionExpression: 'filledSymbol = :symbol AND filledAt >= :since',
        ExpressionAttributeNames: { '#quantity': 'quantity' },
        ExpressionAttributeValues: { ':symbol': symbol, ':since': since },
        ProjectionExpression: '#quantity',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) quantities.push(toDec(item.quantity as Dec));
    start = page.LastEvaluatedKey;
  } while (start);
  return quantities;
}

/**
 * Every order filled at or after `since`, as symbol and quantity, by scanning the whole table: only for a table
 * without `filledBySymbol` (created before it), where nothing else can find them.
 */
export async function scanFilledQuantities(db: Database, since: string): Promise<{ symbol: string; quantity: Dec }[]> {
  const fills: { symbol: string; quantity: Dec }[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.tables.orders,
        FilterExpression: '#status = :filled AND filledAt >= :since',
        ExpressionAttributeNames: { '#status': 'status', '#symbol': 'symbol', '#quantity': 'quantity' },
        ExpressionAttributeValues: { ':filled': 'FILLED' satisfies OrderStatus, ':since': since },
        ProjectionExpression: '#symbol, #quantity',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) fills.push({ symbol: item.symbol as string, quantity: toDec(item.quantity as Dec) });
    start = page.LastEvaluatedKey;
  } while (start);
  return fills;
}

function fromItem(item: Record<string, unknown>): OrderRecord {
  const stored = { ...item };
  for (const name of INDEX_KEYS) delete stored[name];
  const order = stored as unknown as OrderRecord;
  for (const name of NUMBERS) if (item[name] != null) order[name] = toDec(item[name] as Dec);
  return order;
}
