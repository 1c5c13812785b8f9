import { commonConfigShape, loadConfig, portSetting, z } from '@trading/platform';

/** The inventory subgraph's settings (environment variables), validated at start. */
export const inventoryConfigShape = {
  ...commonConfigShape,
  /** HTTP port; default 4002. */
  PORT: portSetting(4002),
  HOST: z.string().default('0.0.0.0'),
};

export type InventoryConfig = ReturnType<typeof loadInventoryConfig>;

/** Reads and validates the inventory subgraph's configuration. */
export function loadInventoryConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(inventoryConfigShape, env);
}
