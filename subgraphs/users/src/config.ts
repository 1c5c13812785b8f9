import { commonConfigShape, loadConfig, portSetting, z } from '@trading/platform';

/** The users subgraph's settings (environment variables), validated at start. */
export const usersConfigShape = {
  ...commonConfigShape,
  /** HTTP port; default 4001. */
  PORT: portSetting(4001),
  HOST: z.string().default('0.0.0.0'),
  /** bcrypt cost factor; default 10 (each +1 doubles the work). */
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(10),
};

export type UsersConfig = ReturnType<typeof loadUsersConfig>;

/** Reads and validates the users subgraph's configuration. */
export function loadUsersConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(usersConfigShape, env);
}
