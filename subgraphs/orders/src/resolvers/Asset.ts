import type { AssetResolvers } from '../generated/resolvers';

// Asset is inventory's entity; orders contributes what it knows from the fills. Public, like the rest of Asset.
export const Asset: AssetResolvers = {
  __resolveReference: ({ symbol }) => ({ symbol }),
  volume24h: async ({ symbol }, _args, { activity }) => (await activity.of(symbol)).volume,
  trades24h: async ({ symbol }, _args, { activity }) => (await activity.of(symbol)).trades,
};
