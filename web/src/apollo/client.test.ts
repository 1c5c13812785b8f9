import { waitFor } from '@testing-library/react';
import { graphql } from '../gql';
import { SignOutDocument } from '../layout/useSignOut';
import { OrderUpdatesDocument } from '../orders/OrderUpdates';
import { type AuthPayload, type RefreshOutcome, SessionStore } from '../session/session-store';
import { createAppClient } from './client';
import { CLOSE_SESSION_ENDED } from './live-connection';
import { type FakeAnswer, fakeFetch, FakeWebSocket } from './test-doubles';

const BalanceDocument = graphql(`
  query ClientTestBalance {
    me {
      id
      balance
    }
  }
`);

const NOW = Date.now();
const session = (n: number): AuthPayload => ({
  token: `token-${n}`,
  expiresAt: new Date(NOW + 15 * 60_000).toISOString(),
  refreshToken: `refresh-${n}`,
  user: { id: 'u1', username: 'ada', role: 'CUSTOMER' },
});

const unauthenticated = {
  status: 401,
  body: { errors: [{ message: 'Your session has expired: sign in again', extensions: { code: 'UNAUTHENTICATED' } }] },
};
const balance = { status: 200, body: { data: { me: { __typename: 'User', id: 'u1', balance: '10.00' } } } };

const loggedOut = { status: 200, body: { data: { logout: true } } };

function setup(refresh: (token: string) => Promise<RefreshOutcome>, answers: FakeAnswer[]) {
  window.localStorage.clear();
  const store = new SessionStore({ refresh, locks: null });
  store.signIn(session(1));
  const { fetch, sent } = fakeFetch(answers);
  const app = createAppClient(store, { wsUrl: 'ws://localhost/graphql', fetch, webSocketImpl: FakeWebSocket });
  return { store, app, sent };
}

/** Subscribes to the trader's orders and brings the socket up (connection_init, ack, subscribe). */
async function subscribeLive(app: ReturnType<typeof setup>['app']) {
  const sockets = FakeWebSocket.sockets.length;
  const ended = new Promise<unknown>((resolve) => {
    app.client.subscribe({ query: OrderUpdatesDocument }).subscribe({ error: resolve, complete: () => resolve(null) });
  });
  await waitFor(() => expect(FakeWebSocket.sockets.length).toBe(sockets + 1));
  const socket = FakeWebSocket.latest();
  socket.open();
  await waitFor(() => expect(socket.received.map((message) => message.type)).toEqual(['connection_init', 'subscribe']));
  expect(socket.received[0]?.payload).toEqual({ authorization: 'Bearer token-1' });
  return { socket, ended };
}

describe('the Apollo Client of the app', () => {
  it('refreshes the session once on UNAUTHENTICATED and retries with the new token', async () => {
    const refresh = jest.fn(async (): Promise<RefreshOutcome> => ({ ok: true, payload: session(2) }));
    const { store, app, sent } = setup(refresh, [unauthenticated, balance]);
    const result = await app.client.query({ query: BalanceDocument });
    expect(result.data?.me?.balance).toBe('10.00');
    expect(sent.map((request) => request.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(refresh).toHaveBeenCalledTimes(1);
    app.dispose();
    store.dispose();
  });

  it('gives up after one refresh, and ends the session when the refresh is refused', async () => {
    const { store, app, sent } = setup(async () => ({ ok: false, rejected: true }), [unauthenticated]);
    // The query fails (the store is cleared under it as the session ends); the app then sends the trader to sign in.
    await expect(app.client.query({ query: BalanceDocument })).rejects.toThrow();
    expect(sent).toHaveLength(1);
    expect(store.current).toBeNull();
    expect(store.lastEnd).toBe('expired');
    app.dispose();
    store.dispose();
  });

  it('forgets every cached record of the trader when they sign out', async () => {
    const { store, app } = setup(jest.fn(), [balance]);
    await app.client.query({ query: BalanceDocument });
    expect(app.client.cache.extract()).toHaveProperty(['User:u1']);
    store.end('signed-out');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(app.client.cache.extract()).not.toHaveProperty(['User:u1']);
    app.dispose();
    store.dispose();
  });

  describe('the socket closed for the session (4401)', () => {
    it('refreshes the session, so the subscriptions can come back with a new token', async () => {
      const refresh = jest.fn(async (): Promise<RefreshOutcome> => ({ ok: true, payload: session(2) }));
      const { store, app } = setup(refresh, []);
      const { socket, ended } = await subscribeLive(app);
      socket.closeFromServer(CLOSE_SESSION_ENDED, 'Session ended');
      await ended;
      await waitFor(() => expect(refresh).toHaveBeenCalledWith('refresh-1'));
      expect(store.current?.token).toBe('token-2');
      app.dispose();
      store.dispose();
    });

    it('does not refresh when the trader signs out, even when the close arrives before the answer to logout', async () => {
      const refresh = jest.fn(async (): Promise<RefreshOutcome> => ({ ok: false, rejected: true }));
      let answerLogout!: () => void;
      const { store, app, sent } = setup(refresh, [{ ...loggedOut, after: new Promise<void>((resolve) => (answerLogout = resolve)) }]);
      const { socket, ended } = await subscribeLive(app);

      const signingOut = store.signOut(() => app.client.mutate({ mutation: SignOutDocument }));
      expect(store.ending).toBe(true);
      await waitFor(() => expect(sent.map((request) => request.operationName)).toEqual(['SignOut']));
      expect(sent[0]?.authorization).toBe('Bearer token-1');
      // The router ends the session, closes its sockets at once, and only then answers logout.
      socket.closeFromServer(CLOSE_SESSION_ENDED, 'Session ended');
      await ended;
      answerLogout();
      await signingOut;

      expect(refresh).not.toHaveBeenCalled();
      expect(store.current).toBeNull();
      expect(store.lastEnd).toBe('signed-out');
      expect(store.ending).toBe(false);
      expect(sent.map((request) => request.operationName)).toEqual(['SignOut']);
      app.dispose();
      store.dispose();
    });
  });

  it('does not refresh when logout is refused because the session has already ended, and signs out anyway', async () => {
    const refresh = jest.fn(async (): Promise<RefreshOutcome> => ({ ok: true, payload: session(2) }));
    const { store, app, sent } = setup(refresh, [unauthenticated]);
    await store.signOut(() => app.client.mutate({ mutation: SignOutDocument }));
    expect(sent.map((request) => request.operationName)).toEqual(['SignOut']);
    expect(refresh).not.toHaveBeenCalled();
    expect(store.current).toBeNull();
    expect(store.lastEnd).toBe('signed-out');
    app.dispose();
    store.dispose();
  });
});
