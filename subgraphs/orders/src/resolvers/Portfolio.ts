import type { Dec } from '@trading/platform';
import type { Quote } from '../data/prices';
import { readPortfolioHistory } from '../domain/history';
import type { PortfolioResolvers } from '../generated/resolvers';

export const Portfolio: PortfolioResolvers = {
  history: ({ userId }, { interval, from, to }, { db, candles, quotes }) =>
    readPortfolioHistory(
      {
        db,
        candles,
        // The request's quotes: the "now" point is valued at the prices `totalValue` was.
        currentPrices: async (symbols) => {
          const found = await quotes.loadMany(symbols);
          const failed = found.find((quote) => quote instanceof Error);
          if (failed) throw failed;
          return new Map((found as (Quote | null)[]).flatMap((quote): [string, Dec][] => (quote ? [[quote.symbol, quote.price]] : [])));
        },
      },
      userId,
      { interval, from: from ?? null, to: to ?? null },
    ),
};
