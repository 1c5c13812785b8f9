import type { OrderFilter, OrderSide, OrderStatus, OrderType } from '../../gql/graphql';
import { dayParam, dayRangeError, dayRangeInstants, filterParams } from '../../ui/day-range';

/** The order history's filters as the address keeps them: `?asset=BTC&side=BUY&type=LIMIT&status=FILLED&from=2026-11-01&to=2026-11-30`. */
export interface OrderView {
  asset: string;
  side: OrderSide | null;
  type: OrderType | null;
  status: OrderStatus | null;
  /** A local calendar day, YYYY-MM-DD: orders placed on or after its start. */
  from: string;
  /** A local calendar day, YYYY-MM-DD: orders placed on or before its end. */
  to: string;
}

export const SIDES: ReadonlyArray<readonly [OrderSide, string]> = [
  ['BUY', 'Buy'],
  ['SELL', 'Sell'],
];
export const TYPES: ReadonlyArray<readonly [OrderType, string]> = [
  ['MARKET', 'Market'],
  ['LIMIT', 'Limit'],
];
export const STATUSES: ReadonlyArray<readonly [OrderStatus, string]> = [
  ['OPEN', 'Open'],
  ['FILLED', 'Filled'],
  ['CANCELLED', 'Cancelled'],
  ['REJECTED', 'Rejected'],
];

/** The filter parameters, in the order the address shows them; the page (`after` or `before`, and `page`) comes last. */
export const FILTER_PARAMS = ['asset', 'side', 'type', 'status', 'from', 'to'] as const;

export const EMPTY_VIEW: OrderView = { asset: '', side: null, type: null, status: null, from: '', to: '' };

function oneOf<T extends string>(options: ReadonlyArray<readonly [T, string]>, value: string | null): T | null {
  const upper = value?.toUpperCase();
  return options.find(([option]) => option === upper)?.[0] ?? null;
}

/** The filters in the address; values that mean nothing (an unknown status, a malformed date) are left out. */
export function readOrderView(params: URLSearchParams): OrderView {
  return {
    asset: (params.get('asset') ?? '').trim().toUpperCase(),
    side: oneOf(SIDES, params.get('side')),
    type: oneOf(TYPES, params.get('type')),
    status: oneOf(STATUSES, params.get('status')),
    from: dayParam(params, 'from'),
    to: dayParam(params, 'to'),
  };
}

/** The address of a view, first page: only the filters that are set. */
export function orderViewParams(view: OrderView): URLSearchParams {
  return filterParams(view, FILTER_PARAMS);
}

/** What is wrong with a view before it is asked for, by field; empty when nothing is. */
export function checkOrderView(view: OrderView): Partial<Record<'asset' | 'to', string>> {
  const errors: Partial<Record<'asset' | 'to', string>> = {};
  if (view.asset && !/^[A-Z0-9]{1,12}$/.test(view.asset)) errors.asset = 'Enter a ticker symbol: 1 to 12 letters or digits, e.g. BTC.';
  const range = dayRangeError(view.from, view.to);
  if (range) errors.to = range;
  return errors;
}

/** The API's filter for a view: days become instants (from the start of `from` to the end of `to`, local time). */
export function orderFilter(view: OrderView): OrderFilter {
  return {
    ...(view.asset ? { symbol: view.asset } : {}),
    ...(view.side ? { side: view.side } : {}),
    ...(view.type ? { type: view.type } : {}),
    ...(view.status ? { status: view.status } : {}),
    // The API's `to` is exclusive: orders placed before the next midnight.
    ...dayRangeInstants(view.from, view.to, 'exclusive'),
  };
}

/** Whether any filter is set. */
export function isFiltered(view: OrderView): boolean {
  return FILTER_PARAMS.some((name) => Boolean(view[name]));
}
