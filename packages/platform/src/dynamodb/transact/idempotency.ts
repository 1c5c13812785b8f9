import { createHash } from 'node:crypto';
import { idempotentParameterMismatch } from './errors';

export interface IdempotencyOptions {
  /** How long a token is remembered after its request completed; DynamoDB's window is 10 minutes. */
  ttlMs?: number;
  /** Most tokens remembered; the oldest are forgotten first. */
  maxEntries?: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

type Entry<T> =
  | { hash: string; state: 'pending'; done: Promise<unknown> }
  | { hash: string; state: 'succeeded'; result: T; expiresAt: number }
  | { hash: string; state: 'failed'; expiresAt: number };

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = canonical((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

/** Hash of a request's parameters other than its ClientRequestToken, insensitive to JSON key order. */
export function requestHash(body: Record<string, unknown>): string {
  const { ClientRequestToken: _token, ...parameters } = body;
  return createHash('sha256')
    .update(JSON.stringify(canonical(parameters)))
    .digest('hex');
}

/**
 * ClientRequestToken semantics of TransactWriteItems: a repeat of a request that succeeded within the window
 * returns the same success without applying it again; the same token with other parameters is an
 * IdempotentParameterMismatchException; a repeat of a cancelled request is evaluated again (nothing was
 * applied); a repeat arriving while the first is still running waits for it.
 */
export class IdempotencyCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: IdempotencyOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Number of remembered tokens (expired ones are dropped lazily). */
  get size(): number {
    return this.entries.size;
  }

  /** Runs `execute` under `token`'s idempotency rules; without a token it simply runs it. */
  async run(token: string | undefined, hash: string, execute: () => Promise<T>): Promise<T> {
    if (token === undefined) return execute();
    for (;;) {
      this.evictExpired();
      const entry = this.entries.get(token);
      if (entry && entry.hash !== hash) throw idempotentParameterMismatch();
      if (entry?.state === 'succeeded') return entry.result;
      if (entry?.state === 'pending') {
        await entry.done.catch(() => undefined);
        continue;
      }
      return this.execute(token, hash, execute);
    }
  }

  private async execute(token: string, hash: string, execute: () => Promise<T>): Promise<T> {
    const done = execute();
    this.remember(token, { hash, state: 'pending', done });
    try {
      const result = await done;
      this.remember(token, { hash, state: 'succeeded', result, expiresAt: this.now() + this.ttlMs });
      return result;
    } catch (err) {
      this.remember(token, { hash, state: 'failed', expiresAt: this.now() + this.ttlMs });
      throw err;
    }
  }

  private remember(token: string, entry: Entry<T>): void {
    // Re-inserting keeps the Map in completion order, which is expiry order, so eviction only looks at the front.
    this.entries.delete(token);
    this.entries.set(token, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  private evictExpired(): void {
    const now = this.now();
    for (const [token, entry] of this.entries) {
      if (entry.state === 'pending') continue;
      if (entry.expiresAt > now) break;
      this.entries.delete(token);
    }
  }
}
