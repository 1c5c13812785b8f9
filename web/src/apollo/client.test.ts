import { graphql } from '../gql';
import { type AuthPayload, type RefreshOutcome, SessionStore } from '../session/session-store';
import { createAppClient } from './client';

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

interface SentRequest {
  authorization: string | undefined;
  operationName: string;
}

/** A stand-in for fetch that answers from a list and records what was sent. */
function fakeFetch(answers: Array<{ status: number; body: unknown }>) {
  const sent: SentRequest[] = [];
  const fetch = jest.fn(async (_url: unknown, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    sent.push({ authorization: headers.authorization, operationName: JSON.parse(String(init?.body)).operationName });
    const answer = answers.shift() ?? { status: 500, body: {} };
    return {
      status: answer.status,
      ok: answer.status < 300,
      headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? 'application/graphql-response+json' : null) },
      text: async () => JSON.stringify(answer.body),
    } as unknown as Response;
  });
  return { fetch, sent };
}

const unauthenticated = {
  status: 401,
  body: { errors: [{ message: 'Your session has expired: sign in again', extensions: { code: 'UNAUTHENTICATED' } }] },
};
const balance = { status: 200, body: { data: { me: { __typename: 'User', id: 'u1', balance: '10.00' } } } };

function setup(refresh: (token: string) => Promise<RefreshOutcome>, answers: Array<{ status: number; body: unknown }>) {
  window.localStorage.clear();
  const store = new SessionStore({ refresh, locks: null });
  store.signIn(session(1));
  const { fetch, sent } = fakeFetch(answers);
  const app = createAppClient(store, { wsUrl: 'ws://localhost/graphql', fetch });
  return { store, app, sent };
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
});
