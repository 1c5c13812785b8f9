// A second process contending for locks, driven by the coordination test through stdin and stdout (one line each).
// `lock <key> <counter>`: asks for the lock on key; inside it, INCRs counter in Redis and prints `got <key> <n>`.
// It prints `asked <key>` once the request is on its way to Redis, and `ready` once connected.
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createCoordination } from '../src/coordination/index';

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL!;
  const coordination = await createCoordination({ redisUrl, keyPrefix: process.env.KEY_PREFIX! });
  const raw = new Redis(redisUrl);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say('ready');
  for await (const line of createInterface({ input: process.stdin })) {
    const [verb, key, counter] = line.split(' ');
    if (verb !== 'lock' || !key || !counter) continue;
    void coordination.locks
      .withLock(key, async () => {
        say(`got ${key} ${await raw.incr(counter)}`);
        await delay(10);
      })
      .catch((err: unknown) => say(`failed ${key} ${String(err)}`));
    say(`asked ${key}`);
  }
  await Promise.all([coordination.close(), raw.quit()]);
}

void main();
