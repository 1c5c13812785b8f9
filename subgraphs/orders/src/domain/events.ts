import { Dec, type Coordination, type Logger } from '@trading/platform';
import type { OrderStatus } from '../generated/resolvers';

/** The topic on which every order change is published. */
export const ORDER_UPDATED = 'order.updated';

/** An order change as published on ORDER_UPDATED: ids only, subscribers read the order itself. */
export interface OrderUpdatedEvent {
  userId: string;
  orderId: string;
  status: OrderStatus;
}

/** The topic on which the inventory subgraph publishes every price change. */
export const PRICE_CHANGED = 'price.changed';

/** A price change as the inventory subgraph publishes it (its `PriceChangedEvent`), with the price parsed. */
export interface PriceTick {
  symbol: string;
  price: Dec;
  changedAt: string;
}

/** Announces an order change; a failed publish is logged, never a reason to fail the change that was committed. */
export function publishOrderUpdated(deps: { coordination: Coordination; log: Logger }, order: { userId: string; id: string; status: OrderStatus }) {
  const event: OrderUpdatedEvent = { userId: order.userId, orderId: order.id, status: order.status };
  deps.coordination.events.publish(ORDER_UPDATED, event).catch((err: unknown) => deps.log.error({ err }, 'could not publish an order event'));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Reads an ORDER_UPDATED payload; null when it is not one. */
export function orderUpdatedEvent(payload: unknown): OrderUpdatedEvent | null {
  if (!isRecord(payload) || typeof payload.userId !== 'string' || typeof payload.orderId !== 'string' || typeof payload.status !== 'string')
    return null;
  return { userId: payload.userId, orderId: payload.orderId, status: payload.status as OrderStatus };
}

/** Reads a PRICE_CHANGED payload; null when it is not one (or its price is not a positive decimal). */
export function priceTick(payload: unknown): PriceTick | null {
  if (!isRecord(payload) || typeof payload.symbol !== 'string' || typeof payload.price !== 'string') return null;
  if (!/^\d+(\.\d+)?$/.test(payload.price)) return null;
  const price = new Dec(payload.price);
  if (price.isZero()) return null;
  return { symbol: payload.symbol, price, changedAt: typeof payload.changedAt === 'string' ? payload.changedAt : new Date().toISOString() };
}
