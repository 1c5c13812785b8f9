import { commonConfigShape, loadConfig, portSetting, z } from '@trading/platform';

/** Settings of the whole platform in one process (`npm start`), validated at start. */
export const stackConfigShape = {
  ...commonConfigShape,
  /** The router's port; default 4000. */
  PORT: portSetting(4000),
  /** The subgraphs' ports; default 4001, 4002, 4003 (0 picks free ones). */
  USERS_PORT: portSetting(4001),
  INVENTORY_PORT: portSetting(4002),
  ORDERS_PORT: portSetting(4003),
  /** Interface the router binds; the subgraphs bind 127.0.0.1 only, so they are reached through the router. */
  HOST: z.string().default('0.0.0.0'),
};

export type StackConfig = ReturnType<typeof loadStackConfig>;

/** Reads and validates the settings of `npm start`. */
export function loadStackConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(stackConfigShape, env);
}
