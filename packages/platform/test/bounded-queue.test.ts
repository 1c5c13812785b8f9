import { BoundedQueue } from '../src/bounded-queue';

test('delivers in order to a waiting consumer and to a later one', async () => {
  const queue = new BoundedQueue<number>();
  const waiting = queue.next();
  queue.push(1);
  queue.push(2);
  expect(await waiting).toEqual({ value: 1, done: false });
  expect(await queue.next()).toEqual({ value: 2, done: false });
});

test('a slow consumer of droppable events loses the oldest, never more than the bound is held', async () => {
  const queue = new BoundedQueue<number>({ maxSize: 3, overflow: 'drop-oldest' });
  for (let i = 1; i <= 10; i += 1) queue.push(i);
  expect(queue.dropped).toBe(7);
  const seen = [];
  queue.end();
  for await (const value of queue) seen.push(value);
  expect(seen).toEqual([8, 9, 10]);
});

test('a slow consumer of events that must not be lost gets the overflow notice and the end instead', async () => {
  let ended = 0;
  const queue = new BoundedQueue<string>({ maxSize: 2, overflow: 'fail', onOverflow: () => 'too slow', onEnd: () => (ended += 1) });
  for (const value of ['a', 'b', 'c', 'd']) queue.push(value);
  const seen = [];
  for await (const value of queue) seen.push(value);
  expect(seen).toEqual(['too slow']);
  expect(ended).toBe(1);
});

test('return() ends the stream once and wakes a waiting consumer', async () => {
  let ended = 0;
  const queue = new BoundedQueue<number>({ onEnd: () => (ended += 1) });
  const waiting = queue.next();
  await queue.return();
  await queue.return();
  expect(await waiting).toEqual({ value: undefined, done: true });
  queue.push(1);
  expect(await queue.next()).toEqual({ value: undefined, done: true });
  expect(ended).toBe(1);
});
