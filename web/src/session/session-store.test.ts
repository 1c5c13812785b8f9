import { type AuthPayload, type RefreshOutcome, SESSION_KEY, SessionStore } from './session-store';

const NOW = Date.parse('2030-01-01T00:00:00.000Z');

function payload(n: number, expiresInMs = 15 * 60_000): AuthPayload {
  return {
    token: `token-${n}`,
    expiresAt: new Date(NOW + expiresInMs).toISOString(),
    refreshToken: `refresh-${n}`,
    user: { id: 'u1', username: 'ada', role: 'CUSTOMER' },
  };
}

function createStore(refresh: (token: string) => Promise<RefreshOutcome>) {
  return new SessionStore({ storage: window.localStorage, refresh, now: () => NOW, locks: null });
}

describe('SessionStore', () => {
  beforeEach(() => window.localStorage.clear());

  it('keeps the session in localStorage so a reload stays signed in', () => {
    const store = createStore(jest.fn());
    store.signIn(payload(1));
    const again = createStore(jest.fn());
    expect(again.current?.token).toBe('token-1');
    store.dispose();
    again.dispose();
  });

  it('refreshes a token about to expire before handing it out, once for concurrent callers', async () => {
    const refresh = jest.fn(async (): Promise<RefreshOutcome> => ({ ok: true, payload: payload(2) }));
    const store = createStore(refresh);
    store.signIn(payload(1, 3_000));
    const [first, second] = await Promise.all([store.accessToken(), store.accessToken()]);
    expect([first, second]).toEqual(['token-2', 'token-2']);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith('refresh-1');
    expect(JSON.parse(window.localStorage.getItem(SESSION_KEY) ?? '{}').refreshToken).toBe('refresh-2');
    store.dispose();
  });

  it('ends the session as expired when the server refuses the refresh token', async () => {
    const store = createStore(async () => ({ ok: false, rejected: true }));
    const changes = jest.fn();
    store.signIn(payload(1));
    store.subscribe(changes);
    expect(await store.refresh()).toBe(false);
    expect(store.current).toBeNull();
    expect(store.lastEnd).toBe('expired');
    expect(window.localStorage.getItem(SESSION_KEY)).toBeNull();
    expect(changes).toHaveBeenCalled();
    store.dispose();
  });

  it('keeps the session through a network failure', async () => {
    const store = createStore(async () => ({ ok: false, rejected: false }));
    store.signIn(payload(1));
    expect(await store.refresh()).toBe(false);
    expect(store.current?.token).toBe('token-1');
    store.dispose();
  });

  it('uses the session another tab already refreshed instead of spending the refresh token twice', async () => {
    const refresh = jest.fn(async (): Promise<RefreshOutcome> => ({ ok: true, payload: payload(9) }));
    const store = createStore(refresh);
    store.signIn(payload(1));
    window.localStorage.setItem(SESSION_KEY, JSON.stringify(payload(2)));
    expect(await store.refresh()).toBe(true);
    expect(store.current?.token).toBe('token-2');
    expect(refresh).not.toHaveBeenCalled();
    store.dispose();
  });

  it('follows a sign-out in another tab', () => {
    const store = createStore(jest.fn());
    store.signIn(payload(1));
    window.localStorage.removeItem(SESSION_KEY);
    store.syncFromStorage();
    expect(store.current).toBeNull();
    store.dispose();
  });

  describe('signing out', () => {
    it('never refreshes while the server ends the session, then ends it as signed out', async () => {
      const refresh = jest.fn(async (): Promise<RefreshOutcome> => ({ ok: true, payload: payload(2) }));
      const store = createStore(refresh);
      store.signIn(payload(1, 3_000)); // due for a refresh: accessToken() would refresh it outside a sign-out
      let answer!: () => void;
      const tellServer = jest.fn(() => new Promise<void>((resolve) => (answer = resolve)));
      const signingOut = store.signOut(tellServer);
      await Promise.resolve();
      expect(tellServer).toHaveBeenCalledTimes(1);
      expect(store.ending).toBe(true);
      // What a 4401 close, an UNAUTHENTICATED answer or the timer would do meanwhile.
      expect(await store.refresh()).toBe(false);
      expect(await store.accessToken()).toBe('token-1');
      expect(store.current?.token).toBe('token-1');
      answer();
      await signingOut;
      expect(refresh).not.toHaveBeenCalled();
      expect(store.current).toBeNull();
      expect(store.lastEnd).toBe('signed-out');
      expect(store.ending).toBe(false);
      expect(window.localStorage.getItem(SESSION_KEY)).toBeNull();
      store.dispose();
    });

    it('ends the session locally when the server cannot be told', async () => {
      const store = createStore(jest.fn());
      store.signIn(payload(1));
      await store.signOut(async () => {
        throw new Error('network');
      });
      expect(store.current).toBeNull();
      expect(store.lastEnd).toBe('signed-out');
      store.dispose();
    });

    it('lets a refresh under way finish first, so the server is told with the newest token', async () => {
      let finish!: () => void;
      const refresh = jest.fn(() => new Promise<RefreshOutcome>((resolve) => (finish = () => resolve({ ok: true, payload: payload(2) }))));
      const store = createStore(refresh);
      store.signIn(payload(1));
      const refreshing = store.refresh();
      const toldWith: Array<string | undefined> = [];
      const signingOut = store.signOut(async () => {
        toldWith.push(store.current?.token);
      });
      await Promise.resolve();
      expect(toldWith).toEqual([]);
      finish();
      expect(await refreshing).toBe(true);
      await signingOut;
      expect(toldWith).toEqual(['token-2']);
      expect(refresh).toHaveBeenCalledTimes(1);
      expect(store.lastEnd).toBe('signed-out');
      store.dispose();
    });

    it('keeps what the sign-out had to say, from the answer or the failure, until the next sign-in', async () => {
      const store = createStore(jest.fn());
      const notice = (told: { ok: true; answer: number } | { ok: false }) => (told.ok ? `ended ${told.answer}` : 'not told');
      store.signIn(payload(1));
      await store.signOut(async () => 3, notice);
      expect([store.lastEnd, store.lastEndNotice]).toEqual(['signed-out', 'ended 3']);
      store.signIn(payload(2));
      expect(store.lastEndNotice).toBeNull();
      await store.signOut(async (): Promise<number> => {
        throw new Error('network');
      }, notice);
      expect([store.current, store.lastEndNotice]).toEqual([null, 'not told']);
      store.signIn(payload(3));
      await store.signOut(async () => true);
      expect(store.lastEndNotice).toBeNull();
      store.dispose();
    });

    it('starts afresh with the next sign-in', async () => {
      const refresh = jest.fn(async (): Promise<RefreshOutcome> => ({ ok: true, payload: payload(3) }));
      const store = createStore(refresh);
      store.signIn(payload(1));
      await store.signOut(async () => undefined);
      store.signIn(payload(2));
      expect(store.lastEnd).toBeNull();
      expect(store.ending).toBe(false);
      expect(await store.refresh()).toBe(true);
      expect(refresh).toHaveBeenCalledWith('refresh-2');
      store.dispose();
    });
  });
});
