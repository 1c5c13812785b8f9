import { createMemoryCoordination } from './memory';
import { createRedisCoordination } from './redis';
import { processMetrics } from '../metrics';
import { type Coordination, type CoordinationOptions, type LockOptions, type Locks, LockTimeoutError } from './types';

export * from './types';
export { redactUrl } from './redis';

export interface CreateCoordinationOptions extends CoordinationOptions {
  /** Redis for events and locks across processes (REDIS_URL); unset means in-process. */
  redisUrl?: string;
}

/** Redis-backed coordination when redisUrl is set (connected before resolving), in-process otherwise. */
export async function createCoordination(options: CreateCoordinationOptions = {}): Promise<Coordination> {
  const { redisUrl, ...rest } = options;
  const coordination = redisUrl ? await createRedisCoordination(redisUrl, rest) : await createMemoryCoordination(rest);
  return { ...coordination, locks: timedLocks(coordination.locks) };
}

/** Locks whose waits are measured (lock_wait_seconds): contention on an account shows before it times out. */
function timedLocks(locks: Locks): Locks {
  return {
    ...locks,
    withLock: <T>(key: string, fn: (signal: AbortSignal) => Promise<T>, lockOptions?: LockOptions): Promise<T> => {
      const started = process.hrtime.bigint();
      const waited = () => Number(process.hrtime.bigint() - started) / 1e9;
      let acquired = false;
      return locks
        .withLock(
          key,
          (signal) => {
            acquired = true;
            processMetrics().lockWaits.observe({ outcome: 'acquired' }, waited());
            return fn(signal);
          },
          lockOptions,
        )
        .catch((error: unknown) => {
          if (!acquired) processMetrics().lockWaits.observe({ outcome: error instanceof LockTimeoutError ? 'timeout' : 'failed' }, waited());
          throw error;
        });
    },
  };
}
