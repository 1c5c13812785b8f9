import { createMemoryCoordination } from './memory';
import { createRedisCoordination } from './redis';
import type { Coordination, CoordinationOptions } from './types';

export * from './types';
export { redactUrl } from './redis';

export interface CreateCoordinationOptions extends CoordinationOptions {
  /** Redis for events and locks across processes (REDIS_URL); unset means in-process. */
  redisUrl?: string;
}

/** Redis-backed coordination when redisUrl is set (connected before resolving), in-process otherwise. */
export async function createCoordination(options: CreateCoordinationOptions = {}): Promise<Coordination> {
  const { redisUrl, ...rest } = options;
  return redisUrl ? createRedisCoordination(redisUrl, rest) : createMemoryCoordination(rest);
}
