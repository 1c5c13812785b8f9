import { commonConfigShape, loadConfig, portSetting, z } from '@trading/platform';
import { DEFAULT_SIGN_IN_LIMITS } from './domain/sign-in-limits';
import type { UsersSubgraphOptions } from './server';

/** The users subgraph's settings (environment variables), validated at start. */
export const usersConfigShape = {
  ...commonConfigShape,
  /** HTTP port; default 4001. */
  PORT: portSetting(4001),
  /** Interface to bind; default every interface (0.0.0.0). */
  HOST: z.string().default('0.0.0.0'),
  /** bcrypt cost factor; default 10 (each +1 doubles the work). */
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(10),
  /** Refresh token lifetime in seconds; default 30 days. */
  REFRESH_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .max(365 * 86_400)
    .default(30 * 86_400),
  /**
   * Sign-in attempts per account per 15 minutes, by username and email together (a success resets it); a login
   * that names no account is counted by that name. Default 10. The name is historical: it is per account.
   */
  LOGIN_ATTEMPTS_PER_USERNAME: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_SIGN_IN_LIMITS.attemptsPerUsername),
  /** Sign-in attempts per client address per 15 minutes; default 50. */
  LOGIN_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_SIGN_IN_LIMITS.attemptsPerAddress),
  /** Registrations per client address per hour; default 20. */
  REGISTRATIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_SIGN_IN_LIMITS.registrationsPerAddress),
};

export type UsersConfig = ReturnType<typeof loadUsersConfig>;

/** Reads and validates the users subgraph's configuration. */
export function loadUsersConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(usersConfigShape, env);
}

/**
 * The users subgraph's own options from its validated settings: the one mapping, used by its `main.ts` and by `npm
 * start` (stack) alike, so that a setting cannot work in one and be ignored by the other.
 */
export function usersSettings(config: UsersConfig): Pick<UsersSubgraphOptions, 'bcryptCost' | 'refreshTtlSeconds' | 'signInLimits'> {
  return {
    bcryptCost: config.BCRYPT_COST,
    refreshTtlSeconds: config.REFRESH_TTL_SECONDS,
    signInLimits: {
      attemptsPerUsername: config.LOGIN_ATTEMPTS_PER_USERNAME,
      attemptsPerAddress: config.LOGIN_ATTEMPTS_PER_ADDRESS,
      registrationsPerAddress: config.REGISTRATIONS_PER_ADDRESS,
    },
  };
}
