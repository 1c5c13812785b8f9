import { commonConfigShape, loadConfig, portSetting, z } from '@trading/platform';
import type { SimulatedFeedSettings } from './server';

/** The inventory subgraph's settings (environment variables), validated at start. */
export const inventoryConfigShape = {
  ...commonConfigShape,
  /** HTTP port; default 4002. */
  PORT: portSetting(4002),
  HOST: z.string().default('0.0.0.0'),
  /** The live price feed: `simulated` (a random walk of the catalog's prices) or `off`; default `simulated`. */
  PRICE_FEED: z.enum(['simulated', 'off']).default('simulated'),
  /** Milliseconds between two ticks of the simulated market, 50 to 3600000; default 1000. */
  PRICE_TICK_MS: z.coerce.number().int().min(50).max(3_600_000).default(1000),
  /** Largest relative move of a price in one tick, 0 to 0.2; default 0.002 (0.2 %). */
  PRICE_VOLATILITY: z.coerce.number().min(0).max(0.2).default(0.002),
};

export type InventoryConfig = ReturnType<typeof loadInventoryConfig>;

/** Reads and validates the inventory subgraph's configuration. */
export function loadInventoryConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(inventoryConfigShape, env);
}

/** The `priceFeed` option of `startInventorySubgraph` that a configuration asks for. */
export function priceFeedSettings(config: Pick<InventoryConfig, 'PRICE_FEED' | 'PRICE_TICK_MS' | 'PRICE_VOLATILITY'>): SimulatedFeedSettings | false {
  return config.PRICE_FEED === 'off' ? false : { tickMs: config.PRICE_TICK_MS, volatility: config.PRICE_VOLATILITY };
}
