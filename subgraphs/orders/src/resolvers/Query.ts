import { ErrorCode, findRequestKey, pageSize, parseId, requireIdentity, userError, validRequestKey } from '@trading/platform';
import { reconcilePage } from '@trading/ledger';
import { findOrderById, getOrder } from '../data/orders';
import type { QueryResolvers } from '../generated/resolvers';

const isUserId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 64;

export const Query: QueryResolvers = {
  // Admin-only by its @requiresScopes.
  reconciliation: async (_parent, { first, after }, { db, cursors }) => {
    const size = pageSize(first);
    const page = await reconcilePage(db, size, cursors.decode(after, isUserId));
    const last = page.users.at(-1);
    return {
      usersChecked: page.users.length,
      mismatches: page.users.flatMap((user) => user.mismatches),
      // Forward only (a table scan); users are never deleted, so a page after a cursor always has users before it.
      pageInfo: {
        hasNextPage: page.nextUserId !== null,
        hasPreviousPage: after !== null && after !== undefined,
        startCursor: page.users[0] ? cursors.encode(page.users[0].userId) : null,
        endCursor: last ? cursors.encode(last.userId) : null,
      },
    };
  },
  // A customer's lookup is keyed by their own id, so another user's order id (or client id) finds nothing.
  order: async (_parent, { id, clientOrderId }, { identity, db }) => {
    const caller = requireIdentity(identity, 'order');
    if ((id == null) === (clientOrderId == null))
      throw userError(ErrorCode.BAD_USER_INPUT, 'Give exactly one of id and clientOrderId', { field: 'id' });
    if (clientOrderId != null) {
      const used = await findRequestKey(db, caller.userId, 'order', validRequestKey(clientOrderId, 'clientOrderId'));
      return used ? getOrder(db, caller.userId, used.resultId) : null;
    }
    const orderId = parseId(id!, 'id');
    return caller.role === 'ADMIN' ? findOrderById(db, orderId) : getOrder(db, caller.userId, orderId);
  },
};
