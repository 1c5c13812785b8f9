import { commonConfigShape, loadConfig, portSetting, z } from '@trading/platform';

/** The orders subgraph's settings (environment variables), validated at start. */
export const ordersConfigShape = {
  ...commonConfigShape,
  /** HTTP port; default 4003. */
  PORT: portSetting(4003),
  /** Interface to bind; default every interface (0.0.0.0). */
  HOST: z.string().default('0.0.0.0'),
  /** The inventory subgraph's GraphQL URL, where current prices come from. */
  INVENTORY_URL: z.url().default('http://localhost:4002/graphql'),
};

export type OrdersConfig = ReturnType<typeof loadOrdersConfig>;

/** Reads and validates the orders subgraph's configuration. */
export function loadOrdersConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(ordersConfigShape, env);
}
