import { cursorScope, ErrorCode, firstIdAt, userError } from '@trading/platform';
import type { OrderQuery } from '../data/orders';
import type { OrderFilter, OrderStatus } from '../generated/resolvers';
import { normaliseSymbol } from './order-request';

/** A validated `User.orders` request: what to read, and the scope its cursors belong to. */
export interface OrderList {
  query: OrderQuery;
  /** `cursorScope` of the normalized conditions: a cursor from another filter is refused. */
  scope: string;
}

/**
 * Checks `User.orders`' filter (BAD_USER_INPUT naming `filter.<field>`) and merges the older `status` argument
 * into it (`filter.status` wins). `from` and `to` become an id range: ids are ULIDs of the placement instant.
 */
export function parseOrderFilter(filter: OrderFilter | null | undefined, status: OrderStatus | null | undefined): OrderList {
  const symbol = filter?.symbol == null ? undefined : normaliseSymbol(filter.symbol, 'filter.symbol');
  const from = filter?.from ?? undefined;
  const to = filter?.to ?? undefined;
  if (from && to && from.getTime() > to.getTime()) {
    throw userError(ErrorCode.BAD_USER_INPUT, 'filter.from must not be after filter.to', { field: 'filter.from' });
  }
  const query: OrderQuery = {
    ...(symbol ? { symbol } : {}),
    ...(filter?.side ? { side: filter.side } : {}),
    ...(filter?.type ? { type: filter.type } : {}),
    ...((filter?.status ?? status) ? { status: (filter?.status ?? status)! } : {}),
    ...(from ? { fromId: firstIdAt(from.getTime()) } : {}),
    ...(to ? { toId: firstIdAt(to.getTime()) } : {}),
  };
  const scope = cursorScope({ ...query, fromId: undefined, toId: undefined, from: from?.getTime(), to: to?.getTime() });
  return { query, scope };
}
