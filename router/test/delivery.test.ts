import { EventEmitter } from 'node:events';
import { graphqlWsFrame, SubscriptionDelivery, type DeliveryOptions } from '../src/subscriptions/delivery';

// How one subscription's events reach a socket that keeps up, and one whose client reads too slowly. The socket is
// a stand-in whose unsent bytes the test controls: what matters is what the client would receive, in what order.

class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  writableLength = 0;
  readonly sent: string[] = [];
  send(data: string, callback: () => void): void {
    this.sent.push(data);
    callback();
  }
  /** The client stops reading: everything written stays unsent. */
  stall(): void {
    this.writableLength = 1_000_000;
  }
  /** The client catches up. */
  drain(): void {
    this.writableLength = 0;
    this.emit('drain');
  }
  payloads(): unknown[] {
    return this.sent.map((message) => {
      const parsed = JSON.parse(message) as { id: string; type: string; payload: unknown };
      expect(parsed).toMatchObject({ id: 'sub-1', type: 'next' });
      return parsed.payload;
    });
  }
}

function delivery(socket: FakeSocket, options: Partial<DeliveryOptions> = {}) {
  const ended = { count: 0 };
  const stream = new SubscriptionDelivery({
    socket,
    transport: socket,
    frame: graphqlWsFrame('sub-1'),
    maxQueued: 3,
    droppable: true,
    overflow: { errors: [{ message: 'fell behind', extensions: { code: 'SUBSCRIPTION_OVERFLOW' } }] } as never,
    onEnd: () => (ended.count += 1),
    ...options,
  });
  return { stream, ended };
}

const tick = (n: number) => ({ data: { priceChanged: { price: String(n) } } });

test('a client that keeps up gets every event at once, as graphql-ws next messages', () => {
  const socket = new FakeSocket();
  const { stream } = delivery(socket);
  stream.push(tick(1));
  stream.push(tick(2));
  expect(socket.payloads()).toEqual([tick(1), tick(2)]);
});

test('one event shared by many subscribers is serialized once and reaches each under its own id', () => {
  const event = tick(7);
  const sockets = [new FakeSocket(), new FakeSocket()];
  const streams = sockets.map(
    (socket, i) =>
      new SubscriptionDelivery({
        socket,
        transport: socket,
        frame: graphqlWsFrame(`s${i}`),
        maxQueued: 3,
        droppable: true,
        overflow: {},
        onEnd: () => undefined,
      }),
  );
  const stringify = jest.spyOn(JSON, 'stringify');
  for (const stream of streams) stream.push(event);
  expect(stringify.mock.calls.filter(([value]) => value === event)).toHaveLength(1);
  stringify.mockRestore();
  expect(sockets.map((socket) => JSON.parse(socket.sent[0]!))).toEqual([
    { id: 's0', type: 'next', payload: event },
    { id: 's1', type: 'next', payload: event },
  ]);
});

test('a slow client of price ticks holds at most maxQueued, drops the oldest, and gets the rest in order', async () => {
  const socket = new FakeSocket();
  let dropped = 0;
  const { stream } = delivery(socket, { onDropped: () => (dropped += 1) });
  stream.push(tick(1));
  socket.stall();
  for (let n = 2; n <= 10; n += 1) stream.push(tick(n));
  expect(stream.backlog).toBe(3);
  expect(dropped).toBe(6);
  socket.drain();
  expect(socket.payloads()).toEqual([tick(1), tick(8), tick(9), tick(10)]);
  // Caught up: new events go out at once again.
  stream.push(tick(11));
  expect(socket.payloads().at(-1)).toEqual(tick(11));
});

test('a slow client of a stream that must not lose events gets an overflow error as its last event, then the stream ends', async () => {
  const socket = new FakeSocket();
  const { stream, ended } = delivery(socket, { droppable: false });
  socket.stall();
  for (let n = 1; n <= 4; n += 1) stream.push(tick(n));
  expect(ended.count).toBe(0); // still holding the overflow notice for the client
  socket.drain();
  expect(socket.payloads()).toEqual([{ errors: [{ message: 'fell behind', extensions: { code: 'SUBSCRIPTION_OVERFLOW' } }] }]);
  expect(ended.count).toBe(1);
  // graphql-ws's loop over the stream finishes, and it sends complete after the events.
  expect(await stream.next()).toEqual({ value: undefined, done: true });
  stream.push(tick(5));
  expect(socket.sent).toHaveLength(1);
});

test('end() waits for held events; return() (client complete, socket closed) stops at once and drops them', async () => {
  const socket = new FakeSocket();
  const first = delivery(socket);
  socket.stall();
  first.stream.push(tick(1));
  first.stream.end();
  expect(first.ended.count).toBe(0);
  socket.drain();
  expect(socket.payloads()).toEqual([tick(1)]);
  expect(first.ended.count).toBe(1);

  const other = new FakeSocket();
  const second = delivery(other);
  other.stall();
  second.stream.push(tick(1));
  await second.stream.return();
  other.drain();
  expect(other.sent).toEqual([]);
  expect(second.ended.count).toBe(1);
});
