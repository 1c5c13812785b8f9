import { scopesForRole, type Identity } from '@trading/platform';
import type { Caller } from './requirement';

/**
 * The `@requiresScopes` scopes of a role: CUSTOMER -> {customer}, ADMIN -> {admin}, anonymous (null) -> none. An
 * admin does not hold `customer`. The mapping lives in @trading/platform, so the subgraphs, which enforce the same
 * directives again, cannot disagree with the router.
 */
export { scopesForRole };

/** The caller as authorization sees a verified identity (or anonymous, null). */
export function callerFor(identity: Pick<Identity, 'role'> | null): Caller {
  return { authenticated: identity !== null, scopes: scopesForRole(identity?.role ?? null) };
}
