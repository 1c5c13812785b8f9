import { ErrorCode, eventStream, parseId, requireIdentity, userError } from '@trading/platform';
import { getOrder } from '../data/orders';
import { ORDER_UPDATED, orderUpdatedEvent, type OrderUpdatedEvent } from '../domain/events';
import type { SubgraphContext } from '../context';
import type { SubscriptionResolvers } from '../generated/resolvers';

/** Most order events held for a slow subscriber before its subscription is ended (never dropped silently). */
const MAX_QUEUED_ORDER_EVENTS = 100;

export const Subscription: SubscriptionResolvers = {
  orderUpdated: {
    // Checked once, when the subscription starts: whose events this stream may carry.
    subscribe: (_parent, { userId }, { identity, coordination }) => {
      const caller = requireIdentity(identity, 'orderUpdated');
      const watched = userId == null ? caller.userId : parseId(userId, 'userId');
      if (watched !== caller.userId && caller.role !== 'ADMIN') throw userError(ErrorCode.FORBIDDEN, "You may not watch another user's orders");
      return eventStream<OrderUpdatedEvent>(coordination.events, ORDER_UPDATED, {
        filter: (payload) => orderUpdatedEvent(payload)?.userId === watched,
        map: (payload) => orderUpdatedEvent(payload)!,
        maxQueue: MAX_QUEUED_ORDER_EVENTS,
        overflow: 'fail',
      });
    },
    // The event carries ids only: each delivery reads the order as stored now (strongly consistent, no cache).
    resolve: async (event: OrderUpdatedEvent, _args: unknown, { db }: SubgraphContext) => {
      const order = await getOrder(db, event.userId, event.orderId);
      if (!order) throw new Error(`order event for a missing order ${event.userId}/${event.orderId}`);
      return order;
    },
  },
};
