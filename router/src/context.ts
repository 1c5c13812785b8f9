import type { Identity } from '@trading/platform';

/** What the router knows about a request: the verified caller, or null when anonymous. */
export interface RouterContext {
  identity: Identity | null;
}
