import { randomFillSync } from 'node:crypto';
import { ulid } from 'ulid';

/** Random bytes drawn ahead from the system's CSPRNG, handed out one at a time. */
const pool = Buffer.alloc(4096);
let next = pool.length;

/** One random byte of the pool as a fraction in [0, 1): what ulid's PRNG returns. */
function pooledRandom(): number {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  return pool[next++]! / 256;
}

/**
 * A new ULID (time-ordered, 80 random bits). ulid's own generator calls `crypto.getRandomValues` once per
 * character (16 calls an id: 4 % of the orders process's CPU under load); this one draws the same kind of bytes from
 * a pool filled 4 KB at a time.
 */
export function newId(): string {
  return ulid(undefined, pooledRandom);
}
