import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createCoordination, type Coordination } from '../src/coordination/index';

// Locks shared by two Node processes through the real Redis: this test's and lock-contender.ts's.
const REDIS_URL = 'redis://127.0.0.1:6379';
const KEY_PREFIX = `test:${process.pid}:${randomUUID().slice(0, 8)}:processes:`;

/** The other process: `ask(key)` requests the lock; `next(pattern)` awaits the next line it prints that matches. */
class Contender {
  private readonly lines: string[] = [];
  private readonly waiting: Array<() => void> = [];
  constructor(readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.lines.push(line);
      for (const wake of this.waiting.splice(0)) wake();
    });
  }
  static async start(): Promise<Contender> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'lock-contender.ts')], {
      env: { ...process.env, REDIS_URL, KEY_PREFIX },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const contender = new Contender(child);
    await contender.next(/^ready$/, 20_000);
    return contender;
  }
  async ask(key: string, counter: string): Promise<void> {
    this.child.stdin.write(`lock ${key} ${counter}\n`);
    await this.next(new RegExp(`^asked ${key}$`));
  }
  async next(pattern: RegExp, ms = 10_000): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const index = this.lines.findIndex((line) => pattern.test(line));
      if (index >= 0) return this.lines.splice(index, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`the contender printed no line matching ${pattern}: ${this.lines.join(' | ')}`);
      await Promise.race([new Promise<void>((r) => this.waiting.push(r)), delay(100)]);
    }
  }
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill(signal);
    return exited;
  }
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Redis locks across two processes', () => {
  let local: Coordination;
  let contender: Contender;
  let raw: Redis;

  beforeAll(async () => {
    [local, contender] = await Promise.all([createCoordination({ redisUrl: REDIS_URL, keyPrefix: KEY_PREFIX }), Contender.start()]);
    raw = new Redis(REDIS_URL);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([contender?.stop(), local?.close(), raw?.quit()]);
  });

  it('serves a request from the other process before every later one of a busy process (a line in Redis)', async () => {
    const counter = `${KEY_PREFIX}counter:stream`;
    const gate = deferred();
    const holder = local.locks.withLock('stream', () => gate.promise);
    const mine: Array<Promise<number>> = [];
    const askHere = async () => {
      mine.push(
        local.locks.withLock('stream', async () => {
          const n = await raw.incr(counter);
          await delay(10);
          return n;
        }),
      );
      await delay(15);
    };
    for (let i = 0; i < 5; i++) await askHere();
    await contender.ask('stream', counter);
    await delay(15);
    for (let i = 0; i < 10; i++) await askHere();
    gate.resolve();
    const [theirs] = await Promise.all([contender.next(/^got stream /), holder]);
    // Five of this process asked before it, ten after: it is the sixth, whatever this process does meanwhile.
    expect(theirs).toBe('got stream 6');
    expect(await Promise.all(mine)).toEqual([1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it('forgets a waiter whose process died, so the ones behind it get the lock within seconds', async () => {
    const counter = `${KEY_PREFIX}counter:crash`;
    const gate = deferred();
    const holder = local.locks.withLock('crash', () => gate.promise);
    await contender.ask('crash', counter);
    await delay(15);
    await contender.stop('SIGKILL');
    const started = Date.now();
    const after = local.locks.withLock('crash', async () => raw.incr(counter));
    gate.resolve();
    await holder;
    expect(await after).toBe(1);
    // The dead waiter was first in line; its place lapses (3 s unrenewed), long before the 10 s lock timeout.
    expect(Date.now() - started).toBeLessThan(6000);
  });
});
