import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors';
import type { EventBus } from './coordination/types';

/** How an event stream treats a consumer slower than its events. */
export interface EventStreamOptions<T> {
  /** Keeps only the events this returns true for. */
  filter?: (payload: unknown) => boolean;
  /** Turns an event into what the stream yields. */
  map?: (payload: unknown) => T;
  /** Most events held for a slow consumer; default 100. */
  maxQueue?: number;
  /**
   * When the queue is full: `drop-oldest` (a newer price makes an older one worthless) or `fail`, which ends the
   * stream with an error (order events are never dropped silently). Default `drop-oldest`.
   */
  overflow?: 'drop-oldest' | 'fail';
}

/**
 * The events of a topic as an async iterator, for GraphQL subscription resolvers. Memory is bounded by `maxQueue`;
 * `return()` (the client's complete, or a closed socket) unsubscribes at once.
 */
export function eventStream<T = unknown>(events: EventBus, topic: string, options: EventStreamOptions<T> = {}): AsyncIterableIterator<T> {
  const { filter = () => true, map = (payload: unknown) => payload as T, maxQueue = 100, overflow = 'drop-oldest' } = options;
  const queue: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | null = null;
  let failure: Error | null = null;
  let done = false;
  let unsubscribe: (() => Promise<void>) | null = null;

  const finish = async (): Promise<IteratorResult<T>> => {
    if (!done) {
      done = true;
      queue.length = 0;
      waiting?.({ value: undefined, done: true });
      waiting = null;
      await unsubscribe?.();
    }
    return { value: undefined, done: true };
  };

  const subscribed = events.subscribe(topic, (payload) => {
    if (done || !filter(payload)) return;
    const value = map(payload);
    if (waiting) {
      const deliver = waiting;
      waiting = null;
      deliver({ value, done: false });
      return;
    }
    if (queue.length >= maxQueue) {
      if (overflow === 'fail') {
        failure = new GraphQLError(`This subscription fell more than ${maxQueue} events behind and was ended: subscribe again`, {
          extensions: { code: ErrorCode.SUBSCRIPTION_OVERFLOW },
        });
        void finish();
        return;
      }
      queue.shift();
    }
    queue.push(value);
  });
  void subscribed.then(
    (stop) => {
      unsubscribe = stop;
      if (done) void stop();
    },
    (error: unknown) => {
      failure = error instanceof Error ? error : new Error(String(error));
      void finish();
    },
  );

  return {
    async next(): Promise<IteratorResult<T>> {
      await subscribed.catch(() => undefined);
      if (failure) {
        const error = failure;
        failure = null;
        throw error;
      }
      if (queue.length) return { value: queue.shift()!, done: false };
      if (done) return { value: undefined, done: true };
      return new Promise((resolve) => (waiting = resolve));
    },
    return: finish,
    async throw(error?: unknown): Promise<IteratorResult<T>> {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
