import type DataLoader from 'dataloader';
import type { SubgraphContext } from '../context';
import type { AssetRecord } from '../data/assets';
import type { CandleUpdatedEvent } from '../domain/candle-book';
import { type MarketTickedEvent, watchCandle, watchMarket } from '../domain/market';
import { type PriceChangedEvent, watchPrices } from '../domain/prices';
import type { SubscriptionResolvers } from '../generated/resolvers';

/** The asset as stored now: the operation's loader is emptied of it first, so no tick sees an earlier tick's read. */
async function currentAsset(assetBySymbol: DataLoader<string, AssetRecord | null>, symbol: string): Promise<AssetRecord> {
  const asset = await assetBySymbol.clear(symbol).load(symbol);
  // Assets are never deleted, and a tick is published only after its asset was written.
  if (!asset) throw new Error(`The asset ${symbol} of a price tick is missing`);
  return asset;
}

/** A tick as the API shows it: `asset` read only when selected, afresh (see `priceChanged`). */
function priceTick(event: PriceChangedEvent, assetBySymbol: DataLoader<string, AssetRecord | null>) {
  return {
    ...event,
    get asset() {
      return currentAsset(assetBySymbol, event.symbol);
    },
  };
}

export const Subscription: SubscriptionResolvers = {
  priceChanged: {
    subscribe: (_parent, { symbols }, { events }) => watchPrices(events, symbols),
    // graphql-ws builds one context per operation, so the loader would otherwise answer every tick with the first
    // price it read. `asset` is read when the client selects it (the getter runs only then), afresh for each tick.
    resolve: (event: PriceChangedEvent, _args: unknown, { assetBySymbol }: SubgraphContext) => priceTick(event, assetBySymbol),
  },
  marketTicks: {
    subscribe: (_parent, { symbols }, { assets, events }) => watchMarket(assets, events, symbols),
    resolve: (event: MarketTickedEvent, _args: unknown, { assetBySymbol }: SubgraphContext) => ({
      at: event.at,
      ticks: event.ticks.map((tick) => priceTick(tick, assetBySymbol)),
    }),
  },
  candleUpdated: {
    subscribe: (_parent, { symbol, interval }, { assets, events }) => watchCandle(assets, events, symbol, interval),
    resolve: (candle: CandleUpdatedEvent) => candle,
  },
};
