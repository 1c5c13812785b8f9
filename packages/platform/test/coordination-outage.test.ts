import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { createCoordination, CoordinationUnavailableError, type Coordination } from '../src/coordination/index';
import { createErrorFormatter, ErrorCode } from '../src/errors';

// Redis going away under a running Redis coordination: every call fails at once with CoordinationUnavailableError
// (SERVICE_UNAVAILABLE), nothing hangs, and once Redis is back the calls work again and subscriptions made before
// the outage deliver again without being made again. The outage is a TCP proxy in front of the shared Redis that
// cuts every connection and refuses new ones, or, frozen, holds every request as a hung server would.

const REDIS = { host: '127.0.0.1', port: 6379 };
const keyPrefix = `test:${process.pid}:${randomUUID().slice(0, 8)}:outage:`;

/** A TCP proxy to Redis that can be cut (connections dropped, port closed) and opened again, or frozen and thawed. */
class RedisLink {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private readonly clients = new Set<net.Socket>();
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Listens (on the same port as before, after a cut). */
  async open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(REDIS);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      this.clients.add(client);
      client.on('close', () => {
        this.clients.delete(client);
        upstream.destroy();
      });
      upstream.on('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Drops every connection and stops listening: connecting is refused until open(). */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** Keeps the connections open but holds every request, as a hung server would, until thaw(). */
  freeze(): void {
    for (const client of this.clients) client.pause();
  }

  thaw(): void {
    for (const client of this.clients) client.resume();
  }
}

const link = new RedisLink();
const reported: unknown[] = [];
let coordination: Coordination;
let publisher: Coordination;

beforeAll(async () => {
  await link.open();
  [coordination, publisher] = await Promise.all([
    createCoordination({ redisUrl: link.url, keyPrefix, onError: (err) => reported.push(err) }),
    // Straight to Redis: it publishes while the other instance is cut off.
    createCoordination({ redisUrl: `redis://${REDIS.host}:${REDIS.port}`, keyPrefix }),
  ]);
});
afterAll(async () => {
  await Promise.all([coordination?.close(), publisher?.close()]);
  await link.cut();
});

/** What the call failed with, and how long it took to fail. */
async function failure(call: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const startedAt = Date.now();
  try {
    await call();
  } catch (error) {
    return { error, ms: Date.now() - startedAt };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Retries `call` until it succeeds (the client reconnects with a backoff of at most 2 s), for at most 10 s. */
async function once<T>(call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await delay(100);
    }
  }
}

/** The next event of a subscription, or a failure after `ms`. */
function nextEvent(events: unknown[], ms: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const poll = () => {
      if (events.length) resolve(events.shift());
      else if (Date.now() > deadline) reject(new Error(`no event within ${ms} ms`));
      else setTimeout(poll, 20);
    };
    poll();
  });
}

it('fails every call at once with SERVICE_UNAVAILABLE while Redis is unreachable, and works again when it is back', async () => {
  const limiter = coordination.rateLimiter(`outage-${randomUUID()}`, { points: 5, durationSeconds: 60 });
  const events: unknown[] = [];
  const unsubscribe = await coordination.events.subscribe('outage', (payload) => void events.push(payload));
  await publisher.events.publish('outage', 'before');
  expect(await nextEvent(events, 3000)).toBe('before');

  await link.cut();
  let ran = false;
  const calls: Record<string, () => Promise<unknown>> = {
    'store.get': () => coordination.store.get('k'),
    'store.set': () => coordination.store.set('k', 'v', 60),
    'store.delete': () => coordination.store.delete('k'),
    'rateLimiter.consume': () => limiter.consume('alice'),
    'rateLimiter.reset': () => limiter.reset('alice'),
    'events.publish': () => coordination.events.publish('outage', 'lost'),
    'events.subscribe': () => coordination.events.subscribe('outage-later', () => undefined),
    'locks.withLock': () => coordination.locks.withLock('account:alice', async () => void (ran = true)),
  };
  for (const [name, call] of Object.entries(calls)) {
    const { error, ms } = await failure(call);
    expect({ name, error, code: (error as CoordinationUnavailableError).extensions?.code }).toEqual({
      name,
      error: expect.any(CoordinationUnavailableError),
      code: ErrorCode.SERVICE_UNAVAILABLE,
    });
    // At once: not after the lock's wait (10 s) or ioredis's default reconnection attempts (about 10 s).
    expect({ name, fast: ms < 500 }).toEqual({ name, fast: true });
  }
  expect(ran).toBe(false);

  await link.open();
  expect(await once(() => limiter.consume('alice'))).toMatchObject({ allowed: true });
  await once(() => coordination.store.set('k', 'v', 60));
  expect(await coordination.store.get('k')).toBe('v');
  expect(await coordination.locks.withLock('account:alice', async () => 'locked')).toBe('locked');
  // The subscription made before the outage was made again by the client itself: events flow again.
  const marker = `after-${randomUUID()}`;
  await once(async () => {
    await publisher.events.publish('outage', marker);
    const event = await nextEvent(events, 200);
    if (event !== marker) throw new Error(`unexpected event ${String(event)}`);
  });
  await unsubscribe();
});

it('ends subscriptions and closes while cut off, and fails a call Redis does not answer after the command timeout', async () => {
  await once(() => coordination.store.get('k'));
  const unsubscribe = await coordination.events.subscribe('frozen', () => undefined);
  const closing = await createCoordination({ redisUrl: link.url, keyPrefix, onError: () => undefined });
  await link.cut();
  reported.splice(0);
  // A subscription that ends does not fail for want of Redis (it is reported instead), and neither does closing.
  await expect(unsubscribe()).resolves.toBeUndefined();
  expect(reported).toContainEqual(expect.any(CoordinationUnavailableError));
  await expect(closing.close()).resolves.toBeUndefined();

  await link.open();
  await once(() => coordination.store.set('k', 'v', 60));
  link.freeze();
  const { error, ms } = await failure(() => coordination.store.get('k'));
  expect(error).toBeInstanceOf(CoordinationUnavailableError);
  expect(ms).toBeLessThan(3000);
  // Held requests go through once Redis answers again, and every reply still goes to its own call.
  link.thaw();
  expect(await coordination.store.get('k')).toBe('v');
});

it('reaches a GraphQL client as SERVICE_UNAVAILABLE, with nothing of its cause', async () => {
  const logged: unknown[] = [];
  const server = new ApolloServer({
    typeDefs: 'type Query { trade: String }',
    resolvers: {
      Query: {
        trade: () => {
          throw new CoordinationUnavailableError(new Error('connect ECONNREFUSED 10.1.2.3:6379'));
        },
      },
    },
    formatError: createErrorFormatter({ log: (error) => logged.push(error) }),
  });
  await server.start();
  try {
    const response = await server.executeOperation({ query: '{ trade }' });
    const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
    expect(result).toEqual({
      data: { trade: null },
      errors: [
        {
          message: 'The service is temporarily unavailable: retry in a moment',
          locations: [{ line: 1, column: 3 }],
          path: ['trade'],
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        },
      ],
    });
    expect(logged).toEqual([]);
  } finally {
    await server.stop();
  }
});
