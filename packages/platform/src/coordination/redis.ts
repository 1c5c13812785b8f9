import { Redis, ReplyError } from 'ioredis';
import { redisRateLimiter, redisStore } from './rate-limits';
import { defaultOnError, dispatch, toJson, type Subscription } from './memory';
import { redisLocks } from './redis-locks';
import { CoordinationUnavailableError, DEFAULT_KEY_PREFIX, type Coordination, type CoordinationOptions, type KeyValueStore } from './types';

/** A command Redis has not answered by then fails (a hung server, or a connection that died without a reset). */
const COMMAND_TIMEOUT_MS = 2000;

/**
 * Runs one call to Redis. A call that did not reach Redis (not connected, timed out, connection lost on the way)
 * fails with CoordinationUnavailableError; an error Redis itself replied with is a bug and stays as it is.
 */
async function reach<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof ReplyError || error instanceof CoordinationUnavailableError ? error : new CoordinationUnavailableError(error);
  }
}

/** Redis pub/sub events, fair locks (redis-locks.ts), rate limits and a store; resolves once connected, else throws an error naming url (password masked). */
export async function createRedisCoordination(url: string, options: CoordinationOptions = {}): Promise<Coordination> {
  const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const onError = options.onError ?? defaultOnError;
  // A subscribing connection cannot run other commands under RESP2, and pushes would share the socket with lock traffic.
  const [commands, subscriber] = await connectPair(url, onError);
  let closed = false;

  const locks = redisLocks(commands, prefix, onError, reach);
  const topics = new Map<string, { subscriptions: Set<Subscription>; ready: Promise<unknown> }>();
  subscriber.on('message', (channel: string, message: string) => {
    if (channel === locks.channel) return locks.wake(message);
    const topic = topics.get(channel);
    if (topic) dispatch(message, topic.subscriptions);
  });

  // Wake-ups of lock waiters: one channel for every key, subscribed for the life of the instance.
  await reach(() => subscriber.subscribe(locks.channel)).catch(async (err: unknown) => {
    await Promise.all([end(commands), end(subscriber)]);
    throw err;
  });

  const store = redisStore(commands, prefix);
  return {
    kind: 'redis',
    rateLimiter: (name, limit) => {
      const limiter = redisRateLimiter(commands, prefix, name, limit);
      return { consume: (key, points) => reach(() => limiter.consume(key, points)), reset: (key) => reach(() => limiter.reset(key)) };
    },
    store: {
      get: (key) => reach(() => store.get(key)),
      set: (key, value, ttlSeconds) => reach(() => store.set(key, value, ttlSeconds)),
      delete: (key) => reach(() => store.delete(key)),
    } satisfies KeyValueStore,
    events: {
      async publish(topic, payload) {
        const json = toJson(payload);
        await reach(() => commands.publish(`${prefix}events:${topic}`, json));
      },
      async subscribe(topic, handler) {
        const channel = `${prefix}events:${topic}`;
        let entry = topics.get(channel);
        // One SUBSCRIBE per channel, shared by every local handler.
        if (!entry) topics.set(channel, (entry = { subscriptions: new Set(), ready: reach(() => subscriber.subscribe(channel)) }));
        const { subscriptions, ready } = entry;
        const subscription = { handler, onError };
        subscriptions.add(subscription);
        const drop = async () => {
          if (!subscriptions.delete(subscription) || subscriptions.size > 0 || topics.get(channel) !== entry) return;
          topics.delete(channel);
          // Ending a subscription never fails for want of Redis: if it is unreachable, the channel may be subscribed
          // again on reconnection, and its messages are dropped (no topic), until it is used or unsubscribed again.
          if (!closed) await subscriber.unsubscribe(channel).catch((err: unknown) => onError(new CoordinationUnavailableError(err)));
        };
        await ready.catch((err: unknown) => {
          subscriptions.delete(subscription);
          if (subscriptions.size === 0 && topics.get(channel) === entry) topics.delete(channel);
          throw err;
        });
        return drop;
      },
    },
    locks: { withLock: (key, fn, lockOptions) => locks.withLock(key, fn, lockOptions) },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([end(commands), end(subscriber)]);
    },
  };
}

/** QUIT when connected; otherwise (QUIT is not queued while disconnected) drop the connection and stop reconnecting. */
async function end(client: Redis): Promise<void> {
  if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
  else client.disconnect();
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
    const client = new Redis(url, {
      lazyConnect: true,
      // No retries until the first connection: failing at start must end the client, not leave it reconnecting.
      // After it, reconnect for ever (the subscriber then subscribes its channels again by itself).
      retryStrategy: (times) => (started ? Math.min(times * 50, 2000) : null),
      // While disconnected, fail each call at once (CoordinationUnavailableError) rather than queue it: by default
      // ioredis holds it through 20 reconnection attempts (about 10 s), long after its caller should have been told.
      enableOfflineQueue: false,
      // Calls in flight when the connection drops fail then too, and are never sent twice (a lock, a rate count).
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
    });
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
