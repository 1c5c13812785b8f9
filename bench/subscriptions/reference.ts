import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { BenchSubscription } from './operations';

/**
 * The reference: every event the inventory publishes for these symbols, straight from the subgraph, with how long
 * after its change it arrived here (storing the price, publishing it and one graphql-ws hop). Only events changed
 * within the current window are kept.
 */
export class Reference {
  readonly events = new Map<string, { publishMs: number; changes: number }>();
  private window = { from: Infinity, to: -Infinity };
  private readonly client: Client;

  constructor(url: string, token: string, subscription: BenchSubscription, variables: Record<string, unknown>, onError: (error: unknown) => void) {
    this.client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` } });
    this.client.subscribe(
      { query: subscription.referenceQuery, variables },
      {
        next: ({ data }) => {
          const now = Date.now();
          const event = subscription.referenceEvent(data);
          if (event && event.at >= this.window.from && event.at < this.window.to)
            this.events.set(event.key, { publishMs: Math.max(now - event.at, 0), changes: event.changes });
        },
        error: onError,
        complete: () => undefined,
      },
    );
  }

  /** Starts a window: forgets the events of the one before. */
  watch(from: number, to: number): void {
    this.events.clear();
    this.window = { from, to };
  }

  async dispose(): Promise<void> {
    await this.client.dispose();
  }
}
