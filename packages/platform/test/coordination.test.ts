import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createCoordination, LockTimeoutError, type Coordination } from '../src/coordination/index';
import { KeyedFifoMutex } from '../src/coordination/memory';

const REDIS_URL = 'redis://127.0.0.1:6379';
// Unique per run so concurrent or aborted runs never see each other's locks and events.
const RUN_PREFIX = `test:${process.pid}:${randomUUID().slice(0, 8)}:`;

/** Fails instead of hanging when something that should happen does not. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Items that arrive asynchronously, with a way to await the n-th. */
class Inbox {
  readonly items: unknown[] = [];
  private waiters: Array<() => void> = [];
  readonly push = (item: unknown): void => {
    this.items.push(item);
    for (const wake of this.waiters.splice(0)) wake();
  };
  async until(n: number): Promise<unknown[]> {
    while (this.items.length < n) await within(new Promise<void>((r) => this.waiters.push(r)), 3000, `${n} item(s)`);
    return this.items;
  }
}

const errors = new Inbox();

describe.each([
  ['memory', undefined],
  ['redis', REDIS_URL],
] as const)('coordination (%s)', (kind, redisUrl) => {
  const keyPrefix = `${RUN_PREFIX}${kind}:`;
  // Two instances: with Redis they stand for two processes; in memory they share one process's state.
  let a: Coordination;
  let b: Coordination;
  const subscriptions: Array<() => Promise<void>> = [];

  async function inbox(c: Coordination, topic: string) {
    const box = new Inbox();
    const unsubscribe = await c.events.subscribe(topic, box.push);
    subscriptions.push(unsubscribe);
    return Object.assign(box, { unsubscribe });
  }

  beforeAll(async () => {
    [a, b] = await Promise.all([
      createCoordination({ redisUrl, keyPrefix, onError: errors.push }),
      createCoordination({ redisUrl, keyPrefix, onError: errors.push }),
    ]);
  });
  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((unsubscribe) => unsubscribe()));
    expect(errors.items.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it(`is the ${kind} implementation`, () => {
    expect(a.kind).toBe(kind);
  });

  it('never lets two holders of one key overlap, so no read-modify-write is lost', async () => {
    let holders = 0;
    let maxHolders = 0;
    let value = 0;
    const n = 20;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        (i % 2 ? a : b).locks.withLock('counter', async () => {
          maxHolders = Math.max(maxHolders, ++holders);
          const read = value;
          await delay(2);
          value = read + 1;
          holders--;
        }),
      ),
    );
    expect(maxHolders).toBe(1);
    expect(value).toBe(n);
  });

  it('runs holders of different keys in parallel', async () => {
    const left = deferred();
    const right = deferred();
    // Each waits for the other to be inside: this completes only if both hold their locks at once.
    const both = Promise.all([
      a.locks.withLock('left', async () => (left.resolve(), right.promise)),
      b.locks.withLock('right', async () => (right.resolve(), left.promise)),
    ]);
    await within(both, 3000, 'both holders');
  });

  it('grants waiters in one process in arrival order', async () => {
    const gate = deferred();
    const order: number[] = [];
    const holder = a.locks.withLock('fifo', () => gate.promise);
    const waiters = Array.from({ length: 6 }, (_, i) => a.locks.withLock('fifo', async () => void order.push(i)));
    gate.resolve();
    await Promise.all([holder, ...waiters]);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('grants waiters of every instance in arrival order, so a steady stream on one cannot starve the other', async () => {
    const gate = deferred();
    const order: string[] = [];
    const holder = a.locks.withLock('line', () => gate.promise);
    const waiters: Array<Promise<void>> = [];
    const ask = async (who: Coordination, name: string) => {
      waiters.push(who.locks.withLock('line', async () => void order.push(name)));
      // Far apart next to a round trip to Redis, so arrival there is the order asked.
      await delay(15);
    };
    for (let i = 0; i < 5; i++) await ask(a, `a${i}`);
    await ask(b, 'b');
    for (let i = 5; i < 10; i++) await ask(a, `a${i}`);
    gate.resolve();
    await Promise.all([holder, ...waiters]);
    expect(order).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'b', 'a5', 'a6', 'a7', 'a8', 'a9']);
  });

  it('releases the lock when fn throws, and rethrows its error', async () => {
    const boom = new Error('boom');
    await expect(
      a.locks.withLock('throws', async () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    await expect(b.locks.withLock('throws', async () => 'next', { waitMs: 1000 })).resolves.toBe('next');
  });

  it('fails with LockTimeoutError after waitMs while the key is held, without running fn', async () => {
    const gate = deferred();
    const entered = deferred();
    const holder = a.locks.withLock('busy', async () => (entered.resolve(), gate.promise));
    await entered.promise;
    const fn = jest.fn(async () => 'ran');
    // a waits in the holder's process, b in another (with Redis).
    for (const waiter of [a, b]) {
      const started = Date.now();
      const err: unknown = await waiter.locks.withLock('busy', fn, { waitMs: 200 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LockTimeoutError);
      expect(err).toMatchObject({ name: 'LockTimeoutError', key: 'busy', waitMs: 200 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(Date.now() - started).toBeLessThan(1500);
    }
    expect(fn).not.toHaveBeenCalled();
    gate.resolve();
    await holder;
    await expect(b.locks.withLock('busy', fn, { waitMs: 1000 })).resolves.toBe('ran');
  });

  it('keeps exclusivity while fn runs longer than ttlMs (the lease is extended)', async () => {
    const log: string[] = [];
    const entered = deferred();
    const first = a.locks.withLock(
      'lease',
      async (signal) => {
        log.push('a:start');
        entered.resolve();
        await delay(1200);
        log.push(signal.aborted ? 'a:lost' : 'a:end');
      },
      { ttlMs: 300 },
    );
    await entered.promise;
    const second = b.locks.withLock('lease', async () => void log.push('b:start'), { ttlMs: 300, waitMs: 5000 });
    await Promise.all([first, second]);
    expect(log).toEqual(['a:start', 'a:end', 'b:start']);
  });

  // Lease loss and Redis subscriptions exist only in the Redis implementation.
  if (kind === 'redis')
    it('tells the holder through its signal when the lease is lost', async () => {
      const raw = new Redis(REDIS_URL);
      try {
        await a.locks.withLock(
          'lost',
          async (signal) => {
            // What an expired lease looks like from Redis: the key is gone (or someone else's).
            await raw.del(`${keyPrefix}lock:lost`);
            await within(new Promise((r) => signal.addEventListener('abort', r, { once: true })), 3000, 'abort');
            expect(String(signal.reason)).toMatch(/Lost the lease on lock "lost"/);
          },
          { ttlMs: 300 },
        );
        expect(errors.items.splice(0)).toEqual([expect.objectContaining({ message: expect.stringMatching(/Lost the lease/) })]);
      } finally {
        await raw.quit();
      }
    });

  it('delivers each event to every subscriber of its topic, in any instance, and to no other topic', async () => {
    const [first, second, other] = await Promise.all([inbox(a, 'price.changed'), inbox(b, 'price.changed'), inbox(b, 'order.updated')]);
    const payload = { symbol: 'BTC', price: '64123.45', at: '2024-01-01T00:00:00.000Z', tags: ['spot'], extra: null };
    await a.events.publish('price.changed', payload);
    expect(await first.until(1)).toEqual([payload]);
    expect(await second.until(1)).toEqual([payload]);
    await a.events.publish('order.updated', { id: 'o1' });
    expect(await other.until(1)).toEqual([{ id: 'o1' }]);
    expect([first.items.length, second.items.length]).toEqual([1, 1]);
  });

  it('stops delivery after unsubscribe, and can subscribe to the topic again', async () => {
    const [gone, stays] = await Promise.all([inbox(b, 'news'), inbox(b, 'news')]);
    await gone.unsubscribe();
    await a.events.publish('news', 1);
    expect(await stays.until(1)).toEqual([1]);
    expect(gone.items).toEqual([]);
    await stays.unsubscribe();
    const again = await inbox(b, 'news');
    await a.events.publish('news', 2);
    expect(await again.until(1)).toEqual([2]);
    expect(stays.items).toEqual([1]);
  });

  it('isolates a failing handler: publish succeeds, other handlers run, the error goes to onError', async () => {
    await a.events.subscribe('fragile', () => {
      throw new Error('sync failure');
    });
    await a.events.subscribe('fragile', async () => Promise.reject(new Error('async failure')));
    const healthy = await inbox(a, 'fragile');
    await expect(a.events.publish('fragile', { n: 1 })).resolves.toBeUndefined();
    expect(await healthy.until(1)).toEqual([{ n: 1 }]);
    const reported = await errors.until(2);
    expect(reported.map((e) => (e as Error).message).sort()).toEqual(['async failure', 'sync failure']);
    errors.items.splice(0);
  });

  it('rejects a payload that JSON cannot carry', async () => {
    await expect(a.events.publish('price.changed', { amount: 1n })).rejects.toThrow(TypeError);
  });

  if (kind === 'redis')
    it('uses one Redis subscription per topic per instance and drops it with the last handler', async () => {
      const raw = new Redis(REDIS_URL);
      const channel = `${keyPrefix}events:shared`;
      const count = async () => (await raw.pubsub('NUMSUB', channel))[1];
      try {
        const handlers = await Promise.all([inbox(a, 'shared'), inbox(a, 'shared'), inbox(b, 'shared')]);
        expect(await count()).toBe(2);
        await Promise.all(handlers.map((h) => h.unsubscribe()));
        expect(await count()).toBe(0);
      } finally {
        await raw.quit();
      }
    });

  it('rate limits per key, shared by every instance, and says when to retry', async () => {
    const name = `limit-${randomUUID()}`;
    const limitA = a.rateLimiter(name, { points: 3, durationSeconds: 60 });
    const limitB = b.rateLimiter(name, { points: 3, durationSeconds: 60 });
    expect(await limitA.consume('alice')).toMatchObject({ allowed: true, remaining: 2 });
    expect(await limitB.consume('alice')).toMatchObject({ allowed: true, remaining: 1 });
    expect(await limitA.consume('alice')).toMatchObject({ allowed: true, remaining: 0 });
    const refused = await limitB.consume('alice');
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another key has its own budget, and a reset gives the budget back.
    expect(await limitA.consume('bob')).toMatchObject({ allowed: true, remaining: 2 });
    await limitA.reset('alice');
    expect(await limitB.consume('alice')).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('keeps values in a store shared by every instance, with expiry', async () => {
    const key = `k-${randomUUID()}`;
    expect(await a.store.get(key)).toBeUndefined();
    await a.store.set(key, 'v1');
    expect(await b.store.get(key)).toBe('v1');
    await b.store.delete(key);
    expect(await a.store.get(key)).toBeUndefined();
    await a.store.set(key, 'short', 1);
    expect(await b.store.get(key)).toBe('short');
    // Expiry is a matter of time: nothing to await but the clock.
    await delay(1100);
    expect(await b.store.get(key)).toBeUndefined();
  });
});

describe('createCoordination', () => {
  it('names the URL, never its password, when Redis is unreachable', async () => {
    const err: unknown = await createCoordination({ redisUrl: 'redis://:s3cret@127.0.0.1:1/0' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('redis://:***@127.0.0.1:1/0');
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
    expect(JSON.stringify(err) + String(err)).not.toContain('s3cret');
  });
});

describe('KeyedFifoMutex', () => {
  it('keeps no entry for a key nobody holds or awaits', async () => {
    const mutex = new KeyedFifoMutex();
    const releases = await Promise.all(Array.from({ length: 10_000 }, (_, i) => mutex.acquire(`key-${i}`, 1000)));
    expect(mutex.size).toBe(10_000);
    for (const release of releases) release();
    expect(mutex.size).toBe(0);

    const release = await mutex.acquire('k', 1000);
    await expect(mutex.acquire('k', 10)).rejects.toBeInstanceOf(LockTimeoutError);
    const next = mutex.acquire('k', 1000);
    release();
    release(); // a second release must not free the lock under the next holder
    (await next)();
    expect(mutex.size).toBe(0);
  });
});
