import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { KeyValueStore, RateLimit, RateLimiter } from './types';

/** Adapts rate-limiter-flexible (memory or Redis) to our small interface. */
function wrap(limiter: RateLimiterAbstract): RateLimiter {
  return {
    async consume(key, points = 1) {
      try {
        const result = await limiter.consume(key, points);
        return {
          allowed: true,
          remaining: result.remainingPoints,
          retryAfterSeconds: 0,
          resetSeconds: Math.ceil(result.msBeforeNext / 1000),
          firstRefusal: false,
        };
      } catch (rejection) {
        // rate-limiter-flexible rejects with a RateLimiterRes when over the limit, with an Error when the store fails.
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return {
          allowed: false,
          remaining: 0,
          retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
          resetSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
          firstRefusal: rejection.consumedPoints === limiter.points + points,
        };
      }
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

/** A rate limiter kept in this process. */
export function memoryRateLimiter(prefix: string, name: string, limit: RateLimit): RateLimiter {
  return wrap(new RateLimiterMemory({ keyPrefix: `${prefix}rl:${name}`, points: limit.points, duration: limit.durationSeconds }));
}

/** A rate limiter in Redis, shared by every process using the same prefix and name. */
export function redisRateLimiter(client: Redis, prefix: string, name: string, limit: RateLimit): RateLimiter {
  return wrap(new RateLimiterRedis({ storeClient: client, keyPrefix: `${prefix}rl:${name}`, points: limit.points, duration: limit.durationSeconds }));
}

/** A bounded in-process store with expiry (oldest entries go first when full). */
export function memoryStore(maxEntries = 10_000): KeyValueStore {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= Date.now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    async set(key, value, ttlSeconds) {
      entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(key, { value, expiresAt: ttlSeconds ? Date.now() + ttlSeconds * 1000 : Number.POSITIVE_INFINITY });
    },
    async delete(key) {
      entries.delete(key);
    },
  };
}

/** A store in Redis under `prefix`. */
export function redisStore(client: Redis, prefix: string): KeyValueStore {
  return {
    async get(key) {
      return (await client.get(`${prefix}kv:${key}`)) ?? undefined;
    },
    async set(key, value, ttlSeconds) {
      if (ttlSeconds) await client.set(`${prefix}kv:${key}`, value, 'EX', ttlSeconds);
      else await client.set(`${prefix}kv:${key}`, value);
    },
    async delete(key) {
      await client.del(`${prefix}kv:${key}`);
    },
  };
}
