import type { ApiKeyHasher, ApiKeyStore, AuditLog, Coordination, Database, JwtSettings, RequestContext, RevokedSessions } from '@trading/platform';
import type { SessionStore } from './data/sessions';
import type { UserRecord, UserStore } from './data/users';
import type DataLoader from 'dataloader';
import type { SignInGuard } from './domain/sign-in-limits';

/** What every users resolver gets. */
export interface SubgraphContext extends RequestContext {
  db: Database;
  users: UserStore;
  /** This request's users by id, read together (BatchGetItem) and once each: an entity fetch names many. */
  userById: DataLoader<string, UserRecord | null>;
  coordination: Coordination;
  jwt: JwtSettings;
  bcryptCost: number;
  signIn: SignInGuard;
  sessions: SessionStore;
  revoked: RevokedSessions;
  audit: AuditLog;
  /** Which ledger indexes the table has (checked once at start; a table created before `byType` lacks it). */
  ledgerIndexes: { byType: boolean };
  /** Refresh token lifetime in seconds. */
  refreshTtlSeconds: number;
  /** API keys (the table; the keyed hash of their secrets). */
  apiKeys: ApiKeyStore;
  apiKeyHasher: ApiKeyHasher;
}
