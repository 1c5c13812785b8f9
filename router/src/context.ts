import type { Identity } from '@trading/platform';
import type { DocumentNode } from 'graphql';
import type { Quota } from './admission/rate-limit';
import type { Filtered } from './authorization';

/** A subscription that passed every admission step, ready to be started by the transport that carries it. */
export interface AdmittedSubscription {
  /** The operation to plan: the client's, or the authorized part of it. */
  document: DocumentNode;
  operationName: string | null;
  variables: Record<string, unknown>;
  /** Set when part of the operation was denied: each event is shaped for the caller (nulls and errors put back). */
  filtered: Filtered | null;
}

/** What the router knows about a request. */
export interface RouterContext {
  /** The verified caller, or null when anonymous. */
  identity: Identity | null;
  /** The client's address (see TRUST_PROXY). */
  clientIp?: string;
  /** This request's id: the client's `x-request-id` when well-formed, else a new one. Sent to the subgraphs. */
  requestId: string;
  /** The rate-limit budget this request was counted against, once it was (for the quota headers). */
  quota?: Quota;
  /**
   * Present when the transport can stream a subscription's events (graphql-ws, SSE, multipart HTTP): admission puts
   * the admitted subscription here instead of executing it. Absent over plain HTTP, where a subscription is refused.
   */
  stream?: { admitted?: AdmittedSubscription };
}
