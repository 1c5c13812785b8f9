import { ApolloClient, ApolloLink, DocumentTransform, HttpLink } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { getMainDefinition } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { from, mergeMap, throwError } from 'rxjs';
import { GRAPHQL_PATH } from '../session/refresh';
import type { SessionStore } from '../session/session-store';
import { createCache } from './cache';
import { isUnauthenticated } from './errors';
import { LiveConnection } from './live-connection';
import { sortTopLevelDefinitions } from './persisted-order';

/** Operations whose UNAUTHENTICATED answer is about the credentials sent, not the access token: never refreshed. */
const CREDENTIAL_OPERATIONS = new Set(['SignIn', 'Register', 'RefreshSession']);

export interface AppClient {
  client: ApolloClient;
  live: LiveConnection;
  /** Stops listening to the session and closes the socket. */
  dispose: () => void;
}

/**
 * How the app's queries read: show what the cache has at once and bring it up to date with one request; then cache
 * updates (ticks, fills) re-render without ever refetching. (Exported for component tests, which use the same.)
 */
export const APP_DEFAULT_OPTIONS: ApolloClient.DefaultOptions = {
  watchQuery: { fetchPolicy: 'cache-and-network', nextFetchPolicy: 'cache-first' },
};

/** `ws://` or `wss://` on this page's host, path `/graphql`. */
export function liveUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${GRAPHQL_PATH}`;
}

/**
 * Apollo Client for the app: queries and mutations over HTTP (`/graphql`, same origin), subscriptions over graphql-ws,
 * both with the session's access token. An UNAUTHENTICATED answer to a request that carried a token refreshes the
 * session once and retries; when the session changes hands (sign-out, expiry, another user) the cache is cleared and
 * the socket replaced, so nothing of one trader is shown to the next.
 */
export function createAppClient(
  session: SessionStore,
  options: { wsUrl: string; /** Default: the browser's. */ fetch?: typeof fetch; /** Default: the browser's. */ webSocketImpl?: unknown },
): AppClient {
  const live = new LiveConnection({
    url: options.wsUrl,
    ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
    accessToken: () => session.accessToken(),
    onTokenRefused: () => {
      // Signing out: the router closes the socket (4401) as soon as `logout` has ended the session, maybe before its
      // answer arrives. Expected, and a refresh would only spend the ended session's refresh token.
      if (session.ending || !session.current) return;
      // 4401 (expired or ended) or 4403: a refresh tells which; subscriptions restart on their own once it worked.
      void session.refresh();
    },
  });

  const auth = new SetContextLink(async (previous) => {
    const token = await session.accessToken();
    return {
      sentToken: token !== null,
      headers: { ...(previous.headers as Record<string, string> | undefined), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    };
  });

  const refreshOnce = new ErrorLink(({ error, operation, forward }) => {
    const context = operation.getContext() as { sentToken?: boolean; retriedAfterRefresh?: boolean };
    if (!context.sentToken || context.retriedAfterRefresh || CREDENTIAL_OPERATIONS.has(operation.operationName ?? '')) return;
    if (!isUnauthenticated(error)) return;
    operation.setContext({ retriedAfterRefresh: true });
    return from(session.refresh()).pipe(mergeMap((refreshed) => (refreshed ? forward(operation) : throwError(() => error))));
  });

  const http = new HttpLink({ uri: GRAPHQL_PATH, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const isSubscription = ({ query }: ApolloLink.Operation) => {
    const definition = getMainDefinition(query);
    return definition.kind === 'OperationDefinition' && definition.operation === OperationTypeNode.SUBSCRIPTION;
  };

  const client = new ApolloClient({
    cache: createCache(),
    // Operation first, then fragments by name: each operation is sent exactly as the persisted query manifest lists
    // it (npm run safelist -w web), so a router in safelist mode accepts the app's operations and no others.
    documentTransform: new DocumentTransform(sortTopLevelDefinitions),
    link: ApolloLink.from([refreshOnce, auth, ApolloLink.split(isSubscription, live.link, http)]),
    defaultOptions: APP_DEFAULT_OPTIONS,
  });

  let userId = session.current?.user.id ?? null;
  let token = session.current?.token ?? null;
  const unsubscribe = session.subscribe(() => {
    const next = session.current;
    if ((next?.user.id ?? null) !== userId) {
      userId = next?.user.id ?? null;
      token = next?.token ?? null;
      void client.clearStore();
      live.reset();
    } else if (next && next.token !== token) {
      // A refreshed token: the socket re-authenticates with it before the old one expires (else the router closes 4401).
      token = next.token;
      live.restart();
    }
  });

  return {
    client,
    live,
    dispose: () => {
      unsubscribe();
      live.dispose();
    },
  };
}
