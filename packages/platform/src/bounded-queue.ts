/**
 * An async iterator fed by pushes, holding at most `maxSize` items for a consumer that is slower than the producer:
 * when full it drops the oldest item (`drop-oldest`: a newer price makes an older one worthless) or ends with
 * `onOverflow()`'s value as its last item (`fail`: events that must not be lost silently end the stream instead).
 */
export class BoundedQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private ended = false;

  constructor(
    private readonly options: {
      /** Most items held; default 100. */
      maxSize?: number;
      overflow?: 'drop-oldest' | 'fail';
      /** The last item yielded when a `fail` queue overflows (e.g. an error result); default none. */
      onOverflow?: () => T;
      /** Called once when the consumer stops (return) or the queue ends. */
      onEnd?: () => void;
    } = {},
  ) {}

  /** Items dropped so far because the consumer was too slow. */
  dropped = 0;

  /** Adds an item for the consumer; ignored once ended. */
  push(item: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const deliver = this.waiting;
      this.waiting = null;
      deliver({ value: item, done: false });
      return;
    }
    if (this.items.length >= (this.options.maxSize ?? 100)) {
      if (this.options.overflow === 'fail') {
        this.items.length = 0;
        if (this.options.onOverflow) this.items.push(this.options.onOverflow());
        this.end();
        return;
      }
      this.items.shift();
      this.dropped += 1;
    }
    this.items.push(item);
  }

  /** Ends the stream after the items already queued. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.waiting && this.items.length === 0) {
      this.waiting({ value: undefined, done: true });
      this.waiting = null;
    }
    this.options.onEnd?.();
  }

  async next(): Promise<IteratorResult<T>> {
    if (this.items.length) return { value: this.items.shift()!, done: false };
    if (this.ended) return { value: undefined, done: true };
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async return(): Promise<IteratorResult<T>> {
    this.items.length = 0;
    this.end();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
