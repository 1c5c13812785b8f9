import { ApolloLink } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { type Client, createClient } from 'graphql-ws';

/** Close codes of the router (router/README.md) that mean the token was refused. */
export const CLOSE_SESSION_ENDED = 4401;
export const CLOSE_BAD_TOKEN = 4403;

export interface LiveConnectionOptions {
  /** `ws(s)://host/graphql`. */
  url: string;
  /** The token for `connection_init`, fetched at every (re)connection so a reconnect uses the newest one. */
  accessToken: () => Promise<string | null>;
  /** Called when the router closes the socket for the token (4401 session ended or expired, 4403 invalid at init). */
  onTokenRefused: (code: number) => void;
  /** Reconnection attempts after a drop before subscriptions fail; default 30. */
  retryAttempts?: number;
  /** The WebSocket class; default the browser's (tests pass a stand-in). */
  webSocketImpl?: unknown;
}

/** Backoff between reconnections: 1 s, 2 s, 4 s ... up to 30 s, with jitter so tabs do not reconnect together. */
export function reconnectDelayMs(retries: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** retries);
  return Math.round(base / 2 + (random() * base) / 2);
}

/**
 * The graphql-ws client behind the subscriptions. Lazy (a socket only while a subscription runs), reconnecting with
 * backoff after network drops and router restarts (1001, 1006, 1013 ...) and resubscribing everything; a refused
 * token is reported instead of retried. `restart()` reconnects with the current token (after sign-in or a refresh);
 * `reset()` disposes the client and starts a new one (after sign-out).
 */
export class LiveConnection {
  private client: Client;
  private wsLink: GraphQLWsLink;
  /** Set by restart(): the reconnection it causes is deliberate and happens without backoff. */
  private reconnectNow = false;

  /** The terminating link for subscriptions: always the current client's. */
  readonly link = new ApolloLink((operation) => this.wsLink.request(operation));

  constructor(private readonly options: LiveConnectionOptions) {
    this.client = this.create();
    this.wsLink = new GraphQLWsLink(this.client);
  }

  /** Drops the socket; graphql-ws reconnects at once with a fresh `connection_init` and resubscribes. */
  restart(): void {
    this.reconnectNow = true;
    this.client.terminate();
  }

  /** Closes the socket and forgets every subscription; the next subscription opens a new socket. */
  reset(): void {
    void this.client.dispose();
    this.client = this.create();
    this.wsLink = new GraphQLWsLink(this.client);
  }

  /** Closes for good. */
  dispose(): void {
    void this.client.dispose();
  }

  private create(): Client {
    const { url, accessToken, onTokenRefused, retryAttempts = 30, webSocketImpl } = this.options;
    return createClient({
      url,
      ...(webSocketImpl ? { webSocketImpl } : {}),
      lazy: true,
      // Keep the socket a moment after the last subscription ends, so moving between pages does not reconnect.
      lazyCloseTimeout: 3000,
      retryAttempts,
      retryWait: (retries) => {
        const delay = this.reconnectNow ? 0 : reconnectDelayMs(retries);
        this.reconnectNow = false;
        return new Promise((resolve) => setTimeout(resolve, delay));
      },
      // Retry closes and network failures, but not a refused token: the same token would be refused again.
      shouldRetry: (event) => {
        const code = typeof event === 'object' && event !== null && 'code' in event ? (event as { code: unknown }).code : null;
        return code !== CLOSE_BAD_TOKEN && code !== CLOSE_SESSION_ENDED;
      },
      connectionParams: async () => {
        const token = await accessToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
      on: {
        closed: (event) => {
          const code = typeof event === 'object' && event !== null && 'code' in event ? (event as { code: unknown }).code : null;
          if (code === CLOSE_SESSION_ENDED || code === CLOSE_BAD_TOKEN) onTokenRefused(code);
        },
      },
    });
  }
}
