import { createHash } from 'node:crypto';
import { idempotentParameterMismatch, throttling } from './errors';

/**
 * Default bound on remembered tokens: 10 minutes at 2,000 transactions a second. The AWS SDK sends a token with
 * every TransactWriteItems (it makes one up when the caller gives none), so every transaction counts. Measured at
 * about 250 bytes of heap per token when full, so about 300 MB: the 36-character token (56 bytes), its `Completed`
 * (48) and hash (40), and the Map's table, which V8 grows to up to four slots of 28 bytes per live token when one is
 * added and an expired one deleted for every transaction. That much is only reached when the rate is held for the
 * whole window.
 */
export const DEFAULT_MAX_TOKENS = 1_200_000;

export interface IdempotencyOptions {
  /** How long a token is remembered after its request completed; DynamoDB's window is 10 minutes. */
  ttlMs?: number;
  /**
   * Most tokens remembered at once; default DEFAULT_MAX_TOKENS. An unexpired token is never forgotten early: while
   * this many are remembered, a request with a new token is refused with a retryable ThrottlingException.
   */
  maxEntries?: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

/** The outcome remembered for a request that threw: a repeat runs again, but only with the same parameters. */
const FAILED = Symbol('failed');

/** A request still running; a repeat waits for it. */
interface Running {
  hash: string;
  done: Promise<unknown>;
}

/**
 * A completed request, kept for the window. Up to maxEntries of these live at once, so it holds three fields only:
 * the short request hash, the outcome (for TransactWriteItems one shared frozen object) and the expiry.
 */
class Completed<T> {
  constructor(
    readonly hash: string,
    readonly outcome: T | typeof FAILED,
    readonly expiresAt: number,
  ) {}
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = canonical((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

/**
 * Hash of a request's parameters other than its ClientRequestToken, insensitive to JSON key order: the first 128
 * bits of their SHA-256 in base64 (24 characters, 40 bytes of heap against the full hex digest's 80), plenty to
 * tell two requests sent with one token apart.
 */
export function requestHash(body: Record<string, unknown>): string {
  const { ClientRequestToken: _token, ...parameters } = body;
  return createHash('sha256')
    .update(JSON.stringify(canonical(parameters)))
    .digest()
    .subarray(0, 16)
    .toString('base64');
}

/**
 * ClientRequestToken semantics of TransactWriteItems: a repeat of a request that succeeded within the window
 * returns the same success without applying it again; the same token with other parameters is an
 * IdempotentParameterMismatchException; a repeat of a cancelled request is evaluated again (nothing was
 * applied); a repeat arriving while the first is still running waits for it.
 *
 * Tokens are kept by time only: each for `ttlMs` after its request completed, never less. Memory is bounded by
 * `maxEntries`; when that many unexpired tokens are remembered, a request with a new token is refused (retryably,
 * nothing applied) rather than one being forgotten, which would let a retry apply twice.
 */
export class IdempotencyCache<T> {
  /**
   * Completed requests by token, in completion order (which is expiry order). Running ones wait in `running`, so
   * each token is inserted here once: deleted slots stay in V8's table until it is rebuilt, and a second insertion
   * per token would double it.
   */
  private readonly completed = new Map<string, Completed<T>>();
  private readonly running = new Map<string, Running>();
  /**
   * Where expiry stopped, kept between calls: a fresh iterator would step again over every slot deleted from the
   * front (measured: ~80 µs a call at 1.2M tokens). While it waits on an unexpired entry it keeps the tables the
   * Map outgrew since (V8 lets a live iterator catch up), at most the size of the current one, until it moves on.
   */
  private cursor = this.completed.entries();
  /** The entry the cursor last read, not expired when read (an iterator cannot peek). */
  private oldest: [string, Completed<T>] | undefined;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: IdempotencyOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_TOKENS;
    this.now = options.now ?? Date.now;
  }

  /** Number of remembered tokens, running requests included (expired ones are dropped lazily). */
  get size(): number {
    return this.completed.size + this.running.size;
  }

  /** Runs `execute` under `token`'s idempotency rules; without a token it simply runs it. */
  async run(token: string | undefined, hash: string, execute: () => Promise<T>): Promise<T> {
    if (token === undefined) return execute();
    for (;;) {
      const running = this.running.get(token);
      if (running) {
        if (running.hash !== hash) throw idempotentParameterMismatch();
        await running.done.catch(() => undefined);
        continue;
      }
      const now = this.now();
      this.forgetExpired(now);
      const entry = this.lookup(token, now);
      if (entry && entry.hash !== hash) throw idempotentParameterMismatch();
      if (entry && entry.outcome !== FAILED) return entry.outcome;
      if (!entry && this.size >= this.maxEntries) {
        throw throttling(`Too many ClientRequestTokens in their idempotency window (${this.maxEntries}); retry later`);
      }
      return this.execute(token, hash, execute);
    }
  }

  private async execute(token: string, hash: string, execute: () => Promise<T>): Promise<T> {
    const done = execute();
    this.running.set(token, { hash, done });
    try {
      const result = await done;
      this.complete(token, new Completed(hash, result, this.now() + this.ttlMs));
      return result;
    } catch (err) {
      this.complete(token, new Completed<T>(hash, FAILED, this.now() + this.ttlMs));
      throw err;
    }
  }

  /** The token's completed entry, unless it has expired (checked here too, so a clock stepping back cannot extend it). */
  private lookup(token: string, now: number): Completed<T> | undefined {
    const entry = this.completed.get(token);
    if (!entry || entry.expiresAt > now) return entry;
    this.completed.delete(token);
    return undefined;
  }

  private complete(token: string, entry: Completed<T>): void {
    this.running.delete(token);
    // Re-inserting (a repeat of a failed request) keeps the Map in completion order, so expiry only looks at the front.
    this.completed.delete(token);
    this.completed.set(token, entry);
  }

  /** Drops expired tokens from the front of the Map, resuming where the previous call stopped. */
  private forgetExpired(now: number): void {
    for (;;) {
      if (!this.oldest) {
        const next = this.cursor.next();
        if (next.done) {
          // A finished iterator stays finished; the next call starts a new one at the (then) front.
          this.cursor = this.completed.entries();
          return;
        }
        this.oldest = next.value;
      }
      const [token, entry] = this.oldest;
      // An entry replaced since it was read is passed over: its token was re-inserted at the end.
      const current = this.completed.get(token) === entry;
      if (current && entry.expiresAt > now) return;
      if (current) this.completed.delete(token);
      this.oldest = undefined;
    }
  }
}
