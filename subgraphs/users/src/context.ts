import type { Coordination, Database, JwtSettings, RequestContext } from '@trading/platform';
import type { UserStore } from './data/users';
import type { SignInGuard } from './domain/sign-in-limits';

/** What every users resolver gets. */
export interface SubgraphContext extends RequestContext {
  db: Database;
  users: UserStore;
  coordination: Coordination;
  jwt: JwtSettings;
  bcryptCost: number;
  signIn: SignInGuard;
}
