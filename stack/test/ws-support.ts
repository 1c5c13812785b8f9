import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client of a router (or a subgraph) as third parties use it, and how its socket ended. */
export function wsClient(
  httpUrl: string,
  connectionParams: Record<string, unknown> = {},
): Client & { closed: Promise<{ code: number; reason: string }> } {
  let resolveClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (resolveClosed = resolve));
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => resolveClosed({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }) },
    onNonLazyError: () => undefined,
  });
  return Object.assign(client, { closed });
}

/** A live subscription whose events can be awaited one by one. */
export interface Subscription<T> {
  /** The next event, or a failure if none arrives within `ms` (default 5 s). */
  next(ms?: number): Promise<ExecutionResult<T>>;
  /** Resolves once the server ended the subscription (complete or error). */
  ended: Promise<unknown>;
  /** Events received and not yet taken. */
  pending(): number;
  dispose(): void;
}

export function subscribe<T = Record<string, unknown>>(client: Client, query: string, variables: Record<string, unknown> = {}): Subscription<T> {
  const events: ExecutionResult<T>[] = [];
  let wake: (() => void) | null = null;
  let endedWith: unknown;
  let resolveEnded!: (value: unknown) => void;
  const ended = new Promise((resolve) => (resolveEnded = resolve));
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (event) => {
        events.push(event as ExecutionResult<T>);
        wake?.();
      },
      error: (error) => {
        endedWith = error;
        resolveEnded(error);
        wake?.();
      },
      complete: () => {
        endedWith = endedWith ?? 'complete';
        resolveEnded('complete');
        wake?.();
      },
    },
  );
  return {
    async next(ms = 5000) {
      const deadline = Date.now() + ms;
      while (events.length === 0) {
        if (endedWith !== undefined) {
          const closed = endedWith as { code?: number; reason?: string };
          throw new Error(
            `the subscription ended: ${typeof closed.code === 'number' ? `socket closed ${closed.code} ${closed.reason}` : JSON.stringify(endedWith)}`,
          );
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`no event within ${ms} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
      return events.shift()!;
    },
    ended,
    pending: () => events.length,
    dispose,
  };
}

/**
 * Fires `trigger` until the subscription delivers an event, and returns that event. An upstream subscription is
 * established asynchronously (router, subgraph socket, event bus), and the protocol has no "subscribed" message:
 * priming proves the whole path is live before a test relies on it.
 */
export async function primed<T>(subscription: Subscription<T>, trigger: () => Promise<unknown>, attempts = 20): Promise<ExecutionResult<T>> {
  for (let attempt = 1; ; attempt += 1) {
    await trigger();
    try {
      return await subscription.next(attempt < attempts ? 250 : 5000);
    } catch (error) {
      if (attempt >= attempts || !String(error).includes('no event')) throw error;
    }
  }
}
