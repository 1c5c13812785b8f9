import { scopesOf, type Identity } from '@trading/platform';
import type { Caller } from './requirement';

/**
 * The `@requiresScopes` scopes of a caller (its role's and its credential's grants, see `scopesOf`). The mapping
 * lives in @trading/platform, so the subgraphs, which enforce the same directives again, cannot disagree with the
 * router.
 */
export { scopesOf };

/** The caller as authorization sees a verified identity (or anonymous, null). */
export function callerFor(identity: Pick<Identity, 'role' | 'apiKey'> | null): Caller {
  return { authenticated: identity !== null, scopes: scopesOf(identity) };
}
