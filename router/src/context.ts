import type { Identity } from '@trading/platform';

/** What the router knows about a request. */
export interface RouterContext {
  /** The verified caller, or null when anonymous. */
  identity: Identity | null;
  /** The client's address (see TRUST_PROXY). */
  clientIp?: string;
  /** This request's id: the client's `x-request-id` when well-formed, else a new one. Sent to the subgraphs. */
  requestId: string;
}
