import { createAsset, updateAsset } from '../domain/admin';
import type { MutationResolvers } from '../generated/resolvers';

// Both are admin-only by their @requiresScopes in schema.graphql, enforced by the router and again here.
export const Mutation: MutationResolvers = {
  createAsset: (_parent, { input }, { assets }) => createAsset(assets, input),
  updateAsset: (_parent, { symbol, input }, { assets, events }) => updateAsset(assets, events, symbol, input),
};
