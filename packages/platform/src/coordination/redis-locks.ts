import { randomUUID } from 'node:crypto';
import { ExecutionError, Redlock, ResourceLockedError, type Lock } from '@sesamecare-oss/redlock';
import type { Redis } from 'ioredis';
import { CoordinationUnavailableError, DEFAULT_TTL_MS, DEFAULT_WAIT_MS, LockTimeoutError, type Locks } from './types';

/**
 * A waiter's place in line lapses unless renewed this often (every poll renews it): the line forgets a process that
 * died waiting, so the ones behind it wait at most this long for nothing.
 */
const WAITER_TTL_MS = 3000;
/**
 * How often a waiter renews its place and looks again without being woken: a fallback for a wake-up lost while the
 * subscriber reconnected, or for a place freed by a waiter that died.
 */
const POLL_MS = 250;

/**
 * Takes a place in the line of key (once; later calls only renew it) and answers 1 when it is first.
 * KEYS: line (sorted set, score = arrival number), deadlines (sorted set, score = when the place lapses), counter.
 * ARGV: waiter id, WAITER_TTL_MS. Time is Redis's own, so instances with skewed clocks agree.
 */
const TURN_SCRIPT = `
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local lapsed = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ms)
for _, waiter in ipairs(lapsed) do
  redis.call('ZREM', KEYS[1], waiter)
  redis.call('ZREM', KEYS[2], waiter)
end
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[3]), ARGV[1])
end
redis.call('ZADD', KEYS[2], ms + tonumber(ARGV[2]), ARGV[1])
for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, ARGV[2]) end
if redis.call('ZRANGE', KEYS[1], 0, 0)[1] == ARGV[1] then return 1 end
return 0
`;

/**
 * Leaves the line of key and wakes whoever is first now (publishes its id on ARGV[2]).
 * KEYS: line, deadlines. ARGV: waiter id, channel.
 */
const LEAVE_SCRIPT = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
local first = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
if first then redis.call('PUBLISH', ARGV[2], first) end
return 0
`;

interface LineCommands {
  lockTurn(line: string, deadlines: string, counter: string, waiter: string, ttlMs: number): Promise<number>;
  lockLeave(line: string, deadlines: string, waiter: string, channel: string): Promise<number>;
}

/** A local waiter: woken when Redis says it is first (the flag keeps a wake-up that came before the wait). */
interface Waiter {
  woken: boolean;
  wake?: () => void;
}

export interface RedisLocks extends Locks {
  /** The channel wake-ups are published on; its messages go to `wake`. */
  readonly channel: string;
  /** Called with each message of `channel`: the id of the waiter that is first in some line now. */
  wake(waiterId: string): void;
}

/**
 * Locks that are fair across instances: every waiter, whatever process it runs in, takes a place in one line per key
 * kept in Redis (a sorted set by arrival), and only the first in line tries to take the lock. The lock itself, its
 * lease and its extension are redlock's (the maintained `@sesamecare-oss/redlock`, on one Redis); the line only decides
 * who may try. Whoever lets go (or gives up waiting) wakes the next in line through pub/sub, so a handover costs a few
 * round trips, not a retry interval; a holder can never re-take the lock ahead of a waiter elsewhere.
 *
 * `call` turns a failure to reach Redis into CoordinationUnavailableError.
 */
export function redisLocks(
  commands: Redis,
  prefix: string,
  onError: (err: unknown) => void,
  call: <T>(fn: () => Promise<T>) => Promise<T>,
): RedisLocks {
  commands.defineCommand('lockTurn', { numberOfKeys: 3, lua: TURN_SCRIPT });
  commands.defineCommand('lockLeave', { numberOfKeys: 2, lua: LEAVE_SCRIPT });
  const line = commands as unknown as LineCommands;
  // One attempt per turn: the line does the waiting. Its scripts SELECT `db` first, so it must be the connection's.
  const redlock = new Redlock([commands], { retryCount: 0, db: commands.options.db ?? 0 });
  // redlock emits every refusal and client error as 'error' (an EventEmitter without a listener would throw); the
  // ExecutionError each call rejects with carries the same errors, which is what acquire reads.
  redlock.on('error', () => undefined);

  const channel = `${prefix}locks:first`;
  const instance = randomUUID();
  let waiterCount = 0;
  const waiters = new Map<string, Waiter>();
  const keysOf = (key: string) => ({
    resource: `${prefix}lock:${key}`,
    line: `${prefix}lock-line:${key}`,
    deadlines: `${prefix}lock-line-deadlines:${key}`,
    counter: `${prefix}lock-line-counter:${key}`,
  });

  /** The lock on resource, or undefined while someone holds it. */
  async function tryLock(resource: string, ttlMs: number): Promise<Lock | undefined> {
    try {
      return await redlock.acquire([resource], ttlMs);
    } catch (error) {
      if (!(error instanceof ExecutionError)) throw error;
      const [attempt] = await Promise.all(error.attempts);
      const reasons = [...(attempt?.votesAgainst.values() ?? [])];
      if (reasons.length > 0 && reasons.every((reason) => reason instanceof ResourceLockedError)) return undefined;
      throw new CoordinationUnavailableError(reasons[0] ?? error);
    }
  }

  function sleep(waiter: Waiter, ms: number): Promise<void> {
    if (waiter.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      waiter.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async function acquire(key: string, ttlMs: number, waitMs: number): Promise<{ lock: Lock; release: () => Promise<void> }> {
    const keys = keysOf(key);
    const id = `${instance}:${(waiterCount += 1)}`;
    const deadline = Date.now() + waitMs;
    const waiter: Waiter = { woken: false };
    waiters.set(id, waiter);
    const leave = async () => void (await call(() => line.lockLeave(keys.line, keys.deadlines, id, channel)));
    try {
      for (;;) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new LockTimeoutError(key, waitMs);
        waiter.woken = false;
        const first = (await call(() => line.lockTurn(keys.line, keys.deadlines, keys.counter, id, WAITER_TTL_MS))) === 1;
        const lock = first ? await call(() => tryLock(keys.resource, ttlMs)) : undefined;
        // The holder stays first in line until it lets go, so nobody behind it tries in vain meanwhile.
        if (lock) return { lock, release: leave };
        await sleep(waiter, Math.min(POLL_MS, remaining));
      }
    } catch (error) {
      // Giving up frees the place (and wakes the next if it was first); a Redis out of reach forgets it by itself.
      if (!(error instanceof CoordinationUnavailableError)) await leave().catch(onError);
      throw error;
    } finally {
      waiters.delete(id);
    }
  }

  async function hold<T>(key: string, held: Lock, ttlMs: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const lease = new AbortController();
    let lock = held;
    let done = false;
    let extension: Promise<unknown> = Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    // Extending every third of the lease leaves a second chance before it lapses.
    const scheduleExtension = () => {
      timer = setTimeout(() => {
        extension = lock.extend(ttlMs).then(
          (extended) => {
            lock = extended;
            if (!done) scheduleExtension();
          },
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
      // A lost lease has been reported already; releasing then frees nothing of anyone else's (redlock checks the value).
      await lock.release().catch((err: unknown) => lease.signal.aborted || onError(err));
    }
  }

  return {
    channel,
    wake(waiterId) {
      const waiter = waiters.get(waiterId);
      if (!waiter) return;
      waiter.woken = true;
      waiter.wake?.();
    },
    async withLock(key, fn, options = {}) {
      const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
      const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
      const { lock, release } = await acquire(key, ttlMs, waitMs);
      try {
        return await hold(key, lock, ttlMs, fn);
      } finally {
        // After the lock is free: the next in line is woken to take it.
        await release().catch(onError);
      }
    },
  };
}
