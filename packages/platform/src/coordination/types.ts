import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';

/** Publish/subscribe of JSON events by topic (e.g. 'price.changed', 'order.updated'). */
export interface EventBus {
  /** Resolves once the event is accepted for delivery; rejects if the payload is not JSON-serializable. */
  publish(topic: string, payload: unknown): Promise<void>;
  /** Calls handler (asynchronously) for each event on topic published after the returned promise resolves; resolves to an unsubscribe function. */
  subscribe(topic: string, handler: (payload: unknown) => void | Promise<void>): Promise<() => Promise<void>>;
}

export interface LockOptions {
  /** How long to wait for the lock before failing with LockTimeoutError; default 10_000 ms. */
  waitMs?: number;
  /** Lease time, auto-extended while fn runs (matters only if the holder's process dies); default 5_000 ms. */
  ttlMs?: number;
}

/** Mutual exclusion per key across every process that shares the same coordination backend. */
export interface Locks {
  /**
   * Runs fn while holding the lock on key, first come first served (across processes too, with Redis).
   * `signal` aborts if the lease is lost (e.g. Redis unreachable longer than ttlMs): another process may then hold the key.
   */
  withLock<T>(key: string, fn: (signal: AbortSignal) => Promise<T>, options?: LockOptions): Promise<T>;
}

/** A budget of `points` per `durationSeconds` window, per key. */
export interface RateLimit {
  points: number;
  durationSeconds: number;
}

/** The answer to one request against a rate limit. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Points left in the window (0 when refused). */
  remaining: number;
  /** Seconds until the window frees a point again (0 when allowed). */
  retryAfterSeconds: number;
  /** Seconds until the window ends and the whole budget is back (for quota headers). */
  resetSeconds: number;
  /** True for the first refusal of a window (worth one log or audit entry, unlike the ones after it). */
  firstRefusal: boolean;
}

/** Counts requests per key (a user id, an IP address) against a limit shared by every process. */
export interface RateLimiter {
  /** Spends `points` (default 1) for key; a refused request spends nothing more. */
  consume(key: string, points?: number): Promise<RateLimitDecision>;
  /** Forgets key's spending (e.g. after a successful sign-in). */
  reset(key: string): Promise<void>;
}

/** Strings by key with an optional time to live, shared like the rest (a cache, not a database). */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface Coordination {
  events: EventBus;
  locks: Locks;
  /** A rate limiter named `name` (instances with the same name and limit share counts). */
  rateLimiter(name: string, limit: RateLimit): RateLimiter;
  /** A key-value cache (e.g. persisted queries). */
  store: KeyValueStore;
  kind: 'memory' | 'redis';
  /** Drops this instance's subscriptions and connections; other instances are unaffected. */
  close(): Promise<void>;
}

/** Options shared by both implementations. */
export interface CoordinationOptions {
  /** Namespace for lock keys and event channels; instances with the same prefix coordinate. Default `trading:`. */
  keyPrefix?: string;
  /** Receives errors nobody awaits: throwing event handlers, lost leases, connection errors. Default console.error. */
  onError?: (err: unknown) => void;
}

/** Thrown when waitMs elapses before the lock is acquired; nothing of fn has run. */
export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
  constructor(
    readonly key: string,
    readonly waitMs: number,
  ) {
    super(`Timed out after ${waitMs} ms waiting for the lock on "${key}"`);
  }
}

/**
 * Thrown at once when the shared backend (Redis) cannot be reached, instead of holding the call until it returns:
 * the call did not complete (no lock is held, no event was published). It is a GraphQL refusal (SERVICE_UNAVAILABLE)
 * so that a request meeting it, in a context function, a resolver or on a socket, is answered with that code and no
 * internal detail (the cause is kept as `originalError`, for logs).
 */
export class CoordinationUnavailableError extends GraphQLError {
  override readonly name = 'CoordinationUnavailableError';
  constructor(cause: unknown) {
    super('The service is temporarily unavailable: retry in a moment', {
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      ...(cause instanceof Error ? { originalError: cause } : {}),
    });
  }
}

export const DEFAULT_WAIT_MS = 10_000;
export const DEFAULT_TTL_MS = 5_000;
export const DEFAULT_KEY_PREFIX = 'trading:';
