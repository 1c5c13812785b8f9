import type { Identity } from '@trading/platform';

/** What the router knows about a request. */
export interface RouterContext {
  /** The verified caller, or null when anonymous. */
  identity: Identity | null;
  /** The client's address (see TRUST_PROXY). */
  clientIp?: string;
}
