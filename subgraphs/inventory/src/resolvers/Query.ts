import { normaliseSymbol, queryCatalog, watchlist } from '../domain/catalog';
import type { QueryResolvers } from '../generated/resolvers';

export const Query: QueryResolvers = {
  // A watchlist (`filter.symbols`) reads only its assets, in one BatchGetItem; any other list the whole catalog.
  assets: async (_parent, args, { assets, cursors }) => {
    const symbols = watchlist(args.filter?.symbols);
    const records = symbols ? [...(await assets.getMany(symbols)).values()] : await assets.all();
    return queryCatalog(records, args, cursors);
  },
  asset: (_parent, { symbol }, { assetBySymbol }) => assetBySymbol.load(normaliseSymbol(symbol)),
};
