import type { AssetResolvers } from '../generated/resolvers';

export const Asset: AssetResolvers = {
  // Other subgraphs refer to assets by symbol (orders, holdings); symbols they hold are already upper case.
  __resolveReference: ({ symbol }, { assetBySymbol }) => assetBySymbol.load(symbol),
};
