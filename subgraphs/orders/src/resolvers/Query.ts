import { requireIdentity } from '@trading/platform';
import { findOrderById, getOrder } from '../data/orders';
import type { QueryResolvers } from '../generated/resolvers';

export const Query: QueryResolvers = {
  // A customer's lookup is keyed by their own id, so another user's order id finds nothing.
  order: (_parent, { id }, { identity, db }) => {
    const caller = requireIdentity(identity, 'order');
    return caller.role === 'ADMIN' ? findOrderById(db, id) : getOrder(db, caller.userId, id);
  },
};
