import { commonConfigShape, loadConfig, portSetting, z } from '@trading/platform';
import type { BackfillSettings } from './domain/history-backfill';
import type { InventorySubgraphOptions, SimulatedFeedSettings } from './server';

/** The inventory subgraph's settings (environment variables), validated at start. */
export const inventoryConfigShape = {
  ...commonConfigShape,
  /** HTTP port; default 4002. */
  PORT: portSetting(4002),
  /** Interface to bind; default every interface (0.0.0.0). */
  HOST: z.string().default('0.0.0.0'),
  /** The live price feed: `simulated` (a random walk of the catalog's prices) or `off`; default `simulated`. */
  PRICE_FEED: z.enum(['simulated', 'off']).default('simulated'),
  /** Milliseconds between two ticks of the simulated market, 50 to 3600000; default 1000. */
  PRICE_TICK_MS: z.coerce.number().int().min(50).max(3_600_000).default(1000),
  /** Largest relative move of a price in one tick, 0 to 0.2; default 0.002 (0.2 %). */
  PRICE_VOLATILITY: z.coerce.number().min(0).max(0.2).default(0.002),
  /** Share of the moving assets that move in one tick, above 0 and at most 1; default 0.1. */
  PRICE_SHARE: z.coerce.number().gt(0).max(1).default(0.1),
  /** The largest assets by market cap that move in every tick (the others move with probability PRICE_SHARE). */
  PRICE_LEADERS: z.coerce.number().int().min(0).max(1000).default(10),
  /**
   * `simulated`: at start, assets without price history (a fresh database) get a simulated past (48 hours of
   * one-minute candles, 7 days of five-minute, 30 days of hourly, a year of daily ones) ending at their price;
   * `off`: none. Default `simulated`.
   */
  PRICE_HISTORY: z.enum(['simulated', 'off']).default('simulated'),
  /** Seed of the simulated history: the same seed gives the same history for the same prices; default 1. */
  PRICE_HISTORY_SEED: z.coerce.number().int().min(0).max(4_294_967_295).default(1),
  /** Comma-separated symbols the simulated market moves (e.g. `BTC,ETH`); default every asset. */
  PRICE_SYMBOLS: z
    .string()
    .optional()
    .transform((list, ctx) => {
      if (list === undefined || list.trim() === '') return undefined;
      const symbols = list.split(',').map((symbol) => symbol.trim().toUpperCase());
      if (symbols.some((symbol) => !/^[A-Z0-9]{1,12}$/.test(symbol))) {
        ctx.addIssue({ code: 'custom', message: 'must be symbols separated by commas, e.g. BTC,ETH' });
        return z.NEVER;
      }
      return symbols;
    }),
};

export type InventoryConfig = ReturnType<typeof loadInventoryConfig>;

/** Reads and validates the inventory subgraph's configuration. */
export function loadInventoryConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(inventoryConfigShape, env);
}

/** The `priceFeed` option of `startInventorySubgraph` that a configuration asks for. */
export function priceFeedSettings(
  config: Pick<InventoryConfig, 'PRICE_FEED' | 'PRICE_TICK_MS' | 'PRICE_VOLATILITY' | 'PRICE_SHARE' | 'PRICE_SYMBOLS' | 'PRICE_LEADERS'>,
): SimulatedFeedSettings | false {
  if (config.PRICE_FEED === 'off') return false;
  return {
    tickMs: config.PRICE_TICK_MS,
    volatility: config.PRICE_VOLATILITY,
    share: config.PRICE_SHARE,
    leaders: config.PRICE_LEADERS,
    ...(config.PRICE_SYMBOLS ? { symbols: config.PRICE_SYMBOLS } : {}),
  };
}

/** The `priceHistory` option of `startInventorySubgraph` that a configuration asks for. */
export function priceHistorySettings(config: Pick<InventoryConfig, 'PRICE_HISTORY' | 'PRICE_HISTORY_SEED'>): BackfillSettings | false {
  return config.PRICE_HISTORY === 'off' ? false : { seed: config.PRICE_HISTORY_SEED };
}

/**
 * The inventory subgraph's own options from its validated settings (price feed, price history): the one mapping,
 * used by its `main.ts` and by `npm start` (stack) alike.
 */
export function inventorySettings(config: InventoryConfig): Pick<InventorySubgraphOptions, 'priceFeed' | 'priceHistory'> {
  return { priceFeed: priceFeedSettings(config), priceHistory: priceHistorySettings(config) };
}
