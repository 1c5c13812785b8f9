import { parseId, requireIdentity } from '@trading/platform';
import { cancelOrder } from '../domain/cancel';
import { placeOrder } from '../domain/trading';
import type { MutationResolvers } from '../generated/resolvers';

export const Mutation: MutationResolvers = {
  placeOrder: (_parent, { input }, ctx) => placeOrder(ctx, requireIdentity(ctx.identity, 'placeOrder').userId, input),
  cancelOrder: (_parent, { id, idempotencyKey }, ctx) =>
    cancelOrder(ctx, requireIdentity(ctx.identity, 'cancelOrder').userId, parseId(id, 'id'), idempotencyKey),
};
