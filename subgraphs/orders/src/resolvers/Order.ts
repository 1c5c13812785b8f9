import { requireIdentity } from '@trading/platform';
import { findOrderById, getOrder } from '../data/orders';
import type { OrderResolvers } from '../generated/resolvers';

export const Order: OrderResolvers = {
  __resolveReference: ({ id }, { identity, db }) => {
    const caller = requireIdentity(identity, 'orders');
    return caller.role === 'ADMIN' ? findOrderById(db, id) : getOrder(db, caller.userId, id);
  },
  asset: (order) => ({ symbol: order.symbol }),
  user: (order) => ({ id: order.userId }),
};
