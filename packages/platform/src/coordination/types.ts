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
   * Runs fn while holding the lock on key, first come first served within a process.
   * `signal` aborts if the lease is lost (e.g. Redis unreachable longer than ttlMs): another process may then hold the key.
   */
  withLock<T>(key: string, fn: (signal: AbortSignal) => Promise<T>, options?: LockOptions): Promise<T>;
}

export interface Coordination {
  events: EventBus;
  locks: Locks;
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

export const DEFAULT_WAIT_MS = 10_000;
export const DEFAULT_TTL_MS = 5_000;
export const DEFAULT_KEY_PREFIX = 'trading:';
