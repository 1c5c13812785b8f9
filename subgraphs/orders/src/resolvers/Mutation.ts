import { requireIdentity } from '@trading/platform';
import { placeMarketOrder } from '../domain/trading';
import type { MutationResolvers } from '../generated/resolvers';

export const Mutation: MutationResolvers = {
  placeOrder: (_parent, { input }, ctx) => placeMarketOrder(ctx, requireIdentity(ctx.identity, 'placeOrder').userId, input),
};
