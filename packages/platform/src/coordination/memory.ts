import { memoryRateLimiter, memoryStore } from './rate-limits';
import {
  DEFAULT_KEY_PREFIX,
  DEFAULT_WAIT_MS,
  LockTimeoutError,
  type Coordination,
  type CoordinationOptions,
  type KeyValueStore,
  type RateLimiter,
} from './types';

export type Handler = (payload: unknown) => void | Promise<void>;
/** A subscribed handler and where its failures are reported. */
export interface Subscription {
  handler: Handler;
  onError: (err: unknown) => void;
}

/** Per-key first-come-first-served mutex; a key stays in the map only while it is held or awaited. */
export class KeyedFifoMutex {
  private readonly queues = new Map<string, Array<() => void>>();

  /** Number of keys currently held or awaited. */
  get size(): number {
    return this.queues.size;
  }

  /** Resolves to a release function once every earlier caller for key has released; rejects with LockTimeoutError after waitMs. */
  acquire(key: string, waitMs: number): Promise<() => void> {
    const queue = this.queues.get(key);
    if (!queue) {
      this.queues.set(key, []);
      return Promise.resolve(this.releaser(key));
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(this.releaser(key));
      };
      // The queue array lives as long as this waiter is in it: it is dropped only when empty.
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(grant), 1);
        reject(new LockTimeoutError(key, waitMs));
      }, waitMs);
      queue.push(grant);
    });
  }

  private releaser(key: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const queue = this.queues.get(key)!;
      const next = queue.shift();
      if (next) next();
      else this.queues.delete(key);
    };
  }
}

/** Serializes like the Redis transport does, so both implementations accept and deliver the same payloads. */
export function toJson(payload: unknown): string {
  return JSON.stringify(payload) ?? 'null';
}

/** Delivers json to each subscription on a later microtask, each with its own parsed copy; a subscription removed before then is skipped. */
export function dispatch(json: string, subscriptions: Set<Subscription>): void {
  for (const s of subscriptions) {
    void Promise.resolve()
      .then(() => (subscriptions.has(s) ? s.handler(JSON.parse(json)) : undefined))
      .catch(s.onError);
  }
}

export const defaultOnError = (err: unknown): void => console.error('coordination:', err);

// Never aborted: an in-process lock cannot lose its lease.
const heldForever = new AbortController().signal;

interface Hub {
  mutex: KeyedFifoMutex;
  topics: Map<string, Set<Subscription>>;
  /** Rate limiters by name: one count per name, whichever service asks. */
  limiters: Record<string, RateLimiter>;
  store: KeyValueStore;
}
// Shared per prefix, as Redis is, so services started separately in one process (npm start) see each other.
const hubs = new Map<string, Hub>();

/** In-process events and locks; instances with the same keyPrefix (default `trading:`) share them. */
export function createMemoryCoordination(options: CoordinationOptions = {}): Coordination {
  const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const onError = options.onError ?? defaultOnError;
  let hub = hubs.get(prefix);
  if (!hub) hubs.set(prefix, (hub = { mutex: new KeyedFifoMutex(), topics: new Map(), limiters: {}, store: memoryStore() }));
  const shared = hub;
  const { mutex, topics } = hub;
  const unsubscribers = new Set<() => Promise<void>>();

  return {
    kind: 'memory',
    rateLimiter: (name, limit) => (shared.limiters[name] ??= memoryRateLimiter(prefix, name, limit)),
    store: shared.store,
    events: {
      async publish(topic, payload) {
        const json = toJson(payload);
        const subscriptions = topics.get(topic);
        if (subscriptions) dispatch(json, subscriptions);
      },
      async subscribe(topic, handler) {
        let subscriptions = topics.get(topic);
        if (!subscriptions) topics.set(topic, (subscriptions = new Set()));
        const set = subscriptions;
        const subscription = { handler, onError };
        set.add(subscription);
        const unsubscribe = async () => {
          unsubscribers.delete(unsubscribe);
          set.delete(subscription);
          if (set.size === 0 && topics.get(topic) === set) topics.delete(topic);
        };
        unsubscribers.add(unsubscribe);
        return unsubscribe;
      },
    },
    locks: {
      async withLock(key, fn, lockOptions = {}) {
        const release = await mutex.acquire(key, lockOptions.waitMs ?? DEFAULT_WAIT_MS);
        try {
          return await fn(heldForever);
        } finally {
          release();
        }
      },
    },
    async close() {
      await Promise.all([...unsubscribers].map((unsubscribe) => unsubscribe()));
    },
  };
}
