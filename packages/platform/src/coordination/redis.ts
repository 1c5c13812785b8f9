import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { redisRateLimiter, redisStore } from './rate-limits';
import { defaultOnError, dispatch, KeyedFifoMutex, toJson, type Subscription } from './memory';
import { DEFAULT_KEY_PREFIX, DEFAULT_TTL_MS, DEFAULT_WAIT_MS, LockTimeoutError, type Coordination, type CoordinationOptions } from './types';

// redlock 4 ships no type declarations; this is the part of its promise API used here.
interface RedlockLock {
  extend(ttlMs: number): Promise<RedlockLock>;
  unlock(): Promise<void>;
}
interface RedlockClient {
  lock(resource: string, ttlMs: number): Promise<RedlockLock>;
  on(event: 'clientError', listener: (err: unknown) => void): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Redlock = require('redlock') as new (clients: Redis[], options: { retryCount: number }) => RedlockClient;

const RETRY_MIN_MS = 20;
const RETRY_JITTER_MS = 80;

/** Redis pub/sub events and redlock locks; resolves once connected, else throws an error naming url (password masked). */
export async function createRedisCoordination(url: string, options: CoordinationOptions = {}): Promise<Coordination> {
  const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const onError = options.onError ?? defaultOnError;
  // A subscribing connection cannot run other commands under RESP2, and pushes would share the socket with lock traffic.
  const [commands, subscriber] = await connectPair(url, onError);
  let closed = false;

  const topics = new Map<string, { subscriptions: Set<Subscription>; ready: Promise<unknown> }>();
  subscriber.on('message', (channel: string, message: string) => {
    const topic = topics.get(channel);
    if (topic) dispatch(message, topic.subscriptions);
  });

  // Retries are ours, bounded by waitMs; redlock 4's own ignore it. Set here because lockWithOptions drops 0 (`retryCount || default`).
  const redlock = new Redlock([commands], { retryCount: 0 });
  redlock.on('clientError', onError);
  const local = new KeyedFifoMutex();

  async function acquire(key: string, ttlMs: number, waitMs: number, deadline: number): Promise<RedlockLock> {
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new LockTimeoutError(key, waitMs);
      const lock = await within(redlock.lock(`${prefix}lock:${key}`, ttlMs), remaining);
      if (lock) return lock;
      await delay(Math.min(RETRY_MIN_MS + Math.random() * RETRY_JITTER_MS, Math.max(0, deadline - Date.now())));
    }
  }

  async function hold<T>(key: string, lock: RedlockLock, ttlMs: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const lease = new AbortController();
    let done = false;
    let extension: Promise<unknown> = Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    // Extending every third of the lease leaves a second chance before it lapses.
    const scheduleExtension = () => {
      timer = setTimeout(() => {
        extension = lock.extend(ttlMs).then(
          () => done || scheduleExtension(),
          (err: unknown) => {
            const lost = new Error(`Lost the lease on lock "${key}"; another holder may run`, { cause: err });
            lease.abort(lost);
            onError(lost);
          },
        );
      }, ttlMs / 3);
    };
    scheduleExtension();
    try {
      return await fn(lease.signal);
    } finally {
      done = true;
      clearTimeout(timer);
      await extension;
      await lock.unlock().catch((err: unknown) => lease.signal.aborted || onError(err));
    }
  }

  return {
    kind: 'redis',
    rateLimiter: (name, limit) => redisRateLimiter(commands, prefix, name, limit),
    store: redisStore(commands, prefix),
    events: {
      async publish(topic, payload) {
        await commands.publish(`${prefix}events:${topic}`, toJson(payload));
      },
      async subscribe(topic, handler) {
        const channel = `${prefix}events:${topic}`;
        let entry = topics.get(channel);
        // One SUBSCRIBE per channel, shared by every local handler.
        if (!entry) topics.set(channel, (entry = { subscriptions: new Set(), ready: subscriber.subscribe(channel) }));
        const { subscriptions, ready } = entry;
        const subscription = { handler, onError };
        subscriptions.add(subscription);
        const drop = async () => {
          if (!subscriptions.delete(subscription) || subscriptions.size > 0 || topics.get(channel) !== entry) return;
          topics.delete(channel);
          if (!closed) await subscriber.unsubscribe(channel);
        };
        await ready.catch((err: unknown) => {
          subscriptions.delete(subscription);
          if (subscriptions.size === 0 && topics.get(channel) === entry) topics.delete(channel);
          throw err;
        });
        return drop;
      },
    },
    locks: {
      async withLock(key, fn, lockOptions = {}) {
        const waitMs = lockOptions.waitMs ?? DEFAULT_WAIT_MS;
        const ttlMs = lockOptions.ttlMs ?? DEFAULT_TTL_MS;
        const deadline = Date.now() + waitMs;
        // Queue locally first: one contender per process in Redis, and arrival order within the process.
        const release = await local.acquire(key, waitMs);
        try {
          return await hold(key, await acquire(key, ttlMs, waitMs, deadline), ttlMs, fn);
        } finally {
          release();
        }
      },
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([commands.quit(), subscriber.quit()]);
    },
  };
}

/** The lock if acquired within ms, else undefined; a lock granted later is released at once so it blocks nobody. */
function within(attempt: Promise<RedlockLock>, ms: number): Promise<RedlockLock | undefined> {
  return new Promise((resolve) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      resolve(undefined);
    }, ms);
    attempt.then(
      (lock) => {
        clearTimeout(timer);
        if (late) lock.unlock().catch(() => undefined);
        else resolve(lock);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

async function connectPair(url: string, onError: (err: unknown) => void): Promise<[Redis, Redis]> {
  const [a, b] = await Promise.allSettled([connect(url, onError), connect(url, onError)]);
  if (a.status === 'fulfilled' && b.status === 'fulfilled') return [a.value, b.value];
  for (const r of [a, b]) if (r.status === 'fulfilled') r.value.disconnect();
  throw a.status === 'rejected' ? a.reason : (b as PromiseRejectedResult).reason;
}

async function connect(url: string, onError: (err: unknown) => void): Promise<Redis> {
  let started = false;
  let cause: unknown;
  const onStartError = (err: unknown) => (cause ??= err);
  try {
    // No retries until the first connection: failing at start must end the client, not leave it reconnecting.
    const client = new Redis(url, { lazyConnect: true, retryStrategy: (times) => (started ? Math.min(times * 50, 2000) : null) });
    client.on('error', onStartError);
    await client.connect();
    started = true;
    client.off('error', onStartError).on('error', onError);
    return client;
  } catch (err) {
    cause ??= err;
    throw new Error(`Cannot connect to Redis at ${redactUrl(url)}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** url with any password replaced by `***`, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}
