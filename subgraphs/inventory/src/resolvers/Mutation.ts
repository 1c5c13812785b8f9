import { requireIdentity } from '@trading/platform';
import { createAsset, updateAsset, type AdminAction } from '../domain/admin';
import type { SubgraphContext } from '../context';
import type { MutationResolvers } from '../generated/resolvers';

const adminAction = (ctx: SubgraphContext, what: string): AdminAction => ({
  actor: requireIdentity(ctx.identity, what),
  audit: ctx.audit,
  ...(ctx.clientIp ? { clientIp: ctx.clientIp } : {}),
  ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
});

// Both are admin-only by their @requiresScopes in schema.graphql, enforced by the router and again here.
export const Mutation: MutationResolvers = {
  createAsset: (_parent, { input }, ctx) => createAsset(ctx.assets, adminAction(ctx, 'createAsset'), input),
  updateAsset: (_parent, { symbol, input }, ctx) => updateAsset(ctx.assets, ctx.events, ctx.market, adminAction(ctx, 'updateAsset'), symbol, input),
};
