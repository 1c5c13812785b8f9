import { queryCatalog, normaliseSymbol } from '../domain/catalog';
import type { QueryResolvers } from '../generated/resolvers';

export const Query: QueryResolvers = {
  assets: async (_parent, args, { assets, cursors }) => queryCatalog(await assets.all(), args, cursors),
  asset: (_parent, { symbol }, { assetBySymbol }) => assetBySymbol.load(normaliseSymbol(symbol)),
};
