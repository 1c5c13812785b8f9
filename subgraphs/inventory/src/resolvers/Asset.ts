import { readCandles, stats24h } from '../domain/price-history';
import type { AssetResolvers } from '../generated/resolvers';

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

export const Asset: AssetResolvers = {
  // Other subgraphs refer to assets by symbol (orders, holdings); symbols they hold are already upper case.
  __resolveReference: ({ symbol }, { assetBySymbol }) => assetBySymbol.load(symbol),
  candles: async (asset, { interval, from, to, last }, { candles }) =>
    (await readCandles(candles, asset.symbol, { interval, from: from ?? null, to: to ?? null, last: last ?? null })).map((candle) => ({
      ...candle,
      start: iso(candle.start),
    })),
  stats24h: (asset, _args, { candles }) => stats24h(candles, asset),
};
