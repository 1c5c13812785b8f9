import fs from 'node:fs';
import path from 'node:path';
import DataLoader from 'dataloader';
import { parse } from 'graphql';
import {
  activeIndexes,
  ApiKeyHasher,
  ApiKeyStore,
  dependencyChecks,
  type RunningSubgraph,
  type ServiceDeps,
  startSubgraphServer,
} from '@trading/platform';
import { LEDGER_BY_TYPE } from './data/ledger';
import { SessionStore } from './data/sessions';
import { UserStore } from './data/users';
import { DEFAULT_SIGN_IN_LIMITS, SignInGuard, type SignInLimits } from './domain/sign-in-limits';
import { resolvers } from './resolvers';
import type { SubgraphContext } from './context';

/** The users SDL, read from schema.graphql at the package root. */
export const typeDefs = parse(fs.readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));

export interface UsersSubgraphOptions extends ServiceDeps {
  /** bcrypt cost factor. */
  bcryptCost: number;
  /** Brute-force limits; default DEFAULT_SIGN_IN_LIMITS. */
  signInLimits?: Partial<SignInLimits>;
  /** Refresh token lifetime in seconds; default 30 days. */
  refreshTtlSeconds?: number;
  port: number;
  host?: string;
}

/** Ensures the users tables and starts the users subgraph. */
export async function startUsersSubgraph(options: UsersSubgraphOptions): Promise<RunningSubgraph> {
  const { db, coordination, jwt, bcryptCost, revoked, audit } = options;
  // The ledger is written by fills in the orders subgraph too; whoever starts first creates it.
  await db.ensureTables(['users', 'userLogins', 'ledger', 'requestKeys', 'sessions', 'auditEvents', 'apiKeys']);
  const ledgerIndexes = { byType: (await activeIndexes(db, 'ledger')).has(LEDGER_BY_TYPE) };
  if (!ledgerIndexes.byType) {
    options.log.warn(
      `the ${db.tables.ledger} table has no ${LEDGER_BY_TYPE} index, so transactions filtered by type read all entries in range: add the ` +
        'index (an UpdateTable on AWS, then `npm run backfill-indexes`; for the embedded database, delete the data folder) and restart',
    );
  }
  const users = new UserStore(db);
  const sessions = new SessionStore(db);
  const refreshTtlSeconds = options.refreshTtlSeconds ?? 30 * 86_400;
  const signIn = new SignInGuard(coordination, { ...DEFAULT_SIGN_IN_LIMITS, ...options.signInLimits });
  const apiKeys = new ApiKeyStore(db);
  const apiKeyHasher = new ApiKeyHasher(options.internalSecret);
  return startSubgraphServer<SubgraphContext>({
    ...options,
    name: 'users',
    readiness: dependencyChecks(options, 'users'),
    typeDefs,
    resolvers,
    context: (base) => ({
      ...base,
      db,
      users,
      // Only entity fetches use it: one request, no writes in it, so the reads cannot be stale within it.
      userById: new DataLoader(async (ids: readonly string[]) => {
        const found = await users.getMany(ids);
        return ids.map((id) => found.get(id) ?? null);
      }),
      coordination,
      jwt,
      bcryptCost,
      signIn,
      sessions,
      revoked,
      audit,
      ledgerIndexes,
      refreshTtlSeconds,
      apiKeys,
      apiKeyHasher,
    }),
  });
}
