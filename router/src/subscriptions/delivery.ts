import type { ExecutionResult, GraphQLError } from 'graphql';
import type { Subscriber } from './upstream';

/**
 * The parts of a connection that delivery uses: the `ws` WebSocket (or an HTTP response made to look like one, see
 * http-streams.ts) and the stream under it.
 */
export interface DeliverySocket {
  readonly readyState: number;
  readonly OPEN: number;
  /** Bytes held that are not yet handed to the transport under it. */
  readonly bufferedAmount: number;
  send(data: string, callback: (error?: Error) => void): void;
}

/** How an event's payload is framed for its transport: `${prefix}${payload JSON}${suffix}`. */
export interface Frame {
  prefix: string;
  suffix: string;
}
export interface DeliveryTransport {
  /** Bytes written but not yet taken by the kernel. */
  readonly writableLength: number;
  once(event: 'drain', listener: () => void): unknown;
}

export interface DeliveryOptions {
  socket: DeliverySocket;
  transport: DeliveryTransport;
  /** How each event is framed (a graphql-ws `next` message with its id, an SSE event, a multipart part). */
  frame: Frame;
  /** Events held while the client reads too slowly. */
  maxQueued: number;
  /** Droppable streams (price ticks) drop their oldest held event; others end with `overflow`. */
  droppable: boolean;
  /** The last event of a stream that overflowed. */
  overflow: ExecutionResult;
  /** Unsent bytes on the socket above which events are held instead of written; default 64 KiB. */
  highWaterBytes?: number;
  onDropped?: () => void;
  /** Called before each write with the transport (the router corks it, so one turn's writes leave together). */
  beforeWrite?: (transport: DeliveryTransport) => void;
  /** Called once when the stream ends, whichever way. */
  onEnd: () => void;
}

/** The frame of graphql-ws `next` messages of one subscription. */
export function graphqlWsFrame(id: string): Frame {
  return { prefix: `{"id":${JSON.stringify(id)},"type":"next","payload":`, suffix: '}' };
}

/** Serialized payloads, shared by every subscriber an event goes to (the hub hands them the same result object). */
const serialized = new WeakMap<object, string>();

function payloadJson(result: ExecutionResult): string {
  let json = serialized.get(result);
  if (json === undefined) {
    json = JSON.stringify(result);
    serialized.set(result, json);
  }
  return json;
}

/**
 * Writes one subscription's events to its connection, framed for its transport (graphql-ws `next` messages, SSE
 * events, multipart parts), without graphql-ws's per-message loop: each event's payload is serialized once for all its subscribers, and the message is written at once while
 * the socket keeps up. A client that reads too slowly gets its events held, at most `maxQueued`: a droppable stream
 * then drops the oldest (a newer price supersedes it), any other stream ends with `overflow` as its last event (the
 * client subscribes again and reads the current state). Nothing a slow client causes grows without bound.
 *
 * It is the upstream hub's subscriber itself (no wrapper per subscription: thousands of clients each hold one).
 * graphql-ws still owns the subscription: it iterates `done` (which yields nothing and ends when the stream does)
 * and sends `complete` after it, which reaches the client after every event, since `done` ends only once the held
 * events are written. Its `return()` (client `complete`, socket closed) stops delivery at once.
 */
export class SubscriptionDelivery implements AsyncIterableIterator<ExecutionResult>, Subscriber {
  private readonly held: string[] = [];
  private readonly highWater: number;
  private waitingForDrain = false;
  private ending = false;
  private finished = false;
  private resolveDone!: () => void;
  private readonly finishedPromise = new Promise<void>((resolve) => (this.resolveDone = resolve));
  private readonly prefix: string;
  private readonly suffix: string;

  constructor(private readonly options: DeliveryOptions) {
    this.highWater = options.highWaterBytes ?? 64 * 1024;
    this.prefix = options.frame.prefix;
    this.suffix = options.frame.suffix;
  }

  /** Events held for a slow client now. */
  get backlog(): number {
    return this.held.length;
  }

  /** Delivers an event (written now, or held while the client catches up). */
  push(result: ExecutionResult): void {
    if (this.ending || this.finished) return;
    const message = `${this.prefix}${payloadJson(result)}${this.suffix}`;
    if (this.held.length === 0 && this.keepingUp()) {
      this.write(message);
      return;
    }
    if (this.held.length >= this.options.maxQueued) {
      if (!this.options.droppable) {
        this.held.length = 0;
        this.held.push(`${this.prefix}${JSON.stringify(this.options.overflow)}${this.suffix}`);
        this.end();
        return;
      }
      this.held.shift();
      this.options.onDropped?.();
    }
    this.held.push(message);
    this.awaitDrain();
  }

  /** Ends the stream once the held events are written; `error` (the subgraph went away) is its last event. */
  end(error?: GraphQLError): void {
    if (error) this.push({ errors: [error] });
    if (this.ending || this.finished) return;
    this.ending = true;
    if (this.held.length === 0) this.finish();
    else this.awaitDrain();
  }

  private keepingUp(): boolean {
    const { socket, transport } = this.options;
    return socket.bufferedAmount + transport.writableLength < this.highWater;
  }

  private write(message: string): void {
    const { socket } = this.options;
    if (socket.readyState !== socket.OPEN) return this.finish();
    this.options.beforeWrite?.(this.options.transport);
    // A failed write closes the socket, which ends the stream through graphql-ws.
    socket.send(message, () => undefined);
  }

  private awaitDrain(): void {
    if (this.waitingForDrain) return;
    this.waitingForDrain = true;
    this.options.transport.once('drain', () => {
      this.waitingForDrain = false;
      this.flush();
    });
    // Already drained (e.g. held only because earlier events were held): flush on the next turn.
    if (this.keepingUp()) setImmediate(() => this.flush());
  }

  private flush(): void {
    if (this.finished) return;
    while (this.held.length && this.keepingUp()) this.write(this.held.shift()!);
    if (this.held.length) this.awaitDrain();
    else if (this.ending) this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.held.length = 0;
    this.options.onEnd();
    this.resolveDone();
  }

  // graphql-ws iterates this: nothing is yielded through it (events are written directly); it ends with the stream.
  async next(): Promise<IteratorResult<ExecutionResult>> {
    await this.finishedPromise;
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.finish();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
