import fs from 'node:fs';
import path from 'node:path';
import DataLoader from 'dataloader';
import { parse } from 'graphql';
import { dependencyChecks, type RunningSubgraph, type ServiceDeps, startSubgraphServer } from '@trading/platform';
import { AssetStore } from './data/assets';
import { CandleStore } from './data/candles';
import { seedAssets, seedPriceHistory } from './data/seed';
import { CandleBook } from './domain/candle-book';
import type { BackfillSettings } from './domain/history-backfill';
import { MarketRecorder } from './domain/market';
import { startPriceFeed } from './feed/price-feed';
import type { PriceSource } from './feed/price-source';
import { SimulatedMarket } from './feed/simulated-market';
import { resolvers } from './resolvers';
import type { SubgraphContext } from './context';

/** The inventory SDL, read from schema.graphql at the package root. */
export const typeDefs = parse(fs.readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));

/** The simulated market's settings (see `SimulatedMarket`). */
export interface SimulatedFeedSettings {
  /** Milliseconds between ticks. */
  tickMs: number;
  /** Largest relative move of a price in one tick, 0 to 0.2. */
  volatility: number;
  /** Share of the moving assets that move in one tick, above 0 and at most 1; default 0.1. */
  share?: number;
  /** Only these symbols move; default every asset. */
  symbols?: readonly string[];
  /** The largest assets by market cap move every tick; default 10. */
  leaders?: number;
  /** Seed of the random walk, for repeatable runs; default a random one. */
  seed?: number;
}

export interface InventorySubgraphOptions extends ServiceDeps {
  port: number;
  host?: string;
  /**
   * The live price feed: the simulated market, a source of real prices (`{ source }`), or false. Only one instance
   * of a deployment drives it at a time (see feed/price-feed.ts). Default false: off.
   */
  priceFeed?: SimulatedFeedSettings | { source: PriceSource } | false;
  /**
   * Backfill a simulated price history for assets that have none (a fresh database) at start, before the feed
   * runs (see domain/history-backfill.ts). Default false: none (tests opt in).
   */
  priceHistory?: BackfillSettings | false;
}

/** Ensures the assets table, adds any missing seed assets and starts the inventory subgraph (and its price feed, if asked). */
export async function startInventorySubgraph(options: InventorySubgraphOptions): Promise<RunningSubgraph> {
  const { db, log, coordination } = options;
  await db.ensureTables(['assets', 'candles', 'auditEvents']);
  const assets = new AssetStore(db);
  const candles = new CandleStore(db);
  const added = await seedAssets(assets);
  if (added > 0) log.info({ added }, 'seeded the asset catalog');
  if (options.priceHistory) {
    const started = Date.now();
    const backfilled = await seedPriceHistory(assets, candles, coordination.locks, options.priceHistory);
    if (backfilled > 0) log.info({ assets: backfilled, ms: Date.now() - started }, 'backfilled the simulated price history');
  }
  const market = new MarketRecorder(assets, coordination.events, new CandleBook(candles), (err) => log.error({ err }, 'recording prices failed'));
  const server = await startSubgraphServer<SubgraphContext>({
    ...options,
    name: 'inventory',
    readiness: dependencyChecks(options, 'assets'),
    typeDefs,
    resolvers,
    context: (base) => ({
      ...base,
      assets,
      candles,
      market,
      events: coordination.events,
      audit: options.audit,
      assetBySymbol: new DataLoader(async (symbols) => {
        const found = await assets.getMany(symbols);
        return symbols.map((symbol) => found.get(symbol) ?? null);
      }),
    }),
  });
  if (!options.priceFeed) return server;

  const feedLog = log.child({ component: 'price-feed' });
  const settings = options.priceFeed;
  const source =
    'source' in settings
      ? settings.source
      : new SimulatedMarket({
          // Strongly consistent, so a tick starts from the prices the previous one stored.
          market: () => assets.all({ consistent: true }),
          tickMs: settings.tickMs,
          volatility: settings.volatility,
          ...(settings.seed === undefined ? {} : { seed: settings.seed }),
          ...(settings.share === undefined ? {} : { share: settings.share }),
          ...(settings.symbols === undefined ? {} : { symbols: settings.symbols }),
          ...(settings.leaders === undefined ? {} : { leaders: settings.leaders }),
          onError: (err) => feedLog.error({ err }, 'price feed tick failed'),
        });
  const feed = startPriceFeed({
    source,
    onTick: async (prices) => {
      await market.recordTick(prices);
    },
    locks: coordination.locks,
    log: feedLog,
  });
  return {
    ...server,
    close: async () => {
      await feed.stop();
      await server.close();
    },
  };
}
