import { ApolloProvider } from '@apollo/client/react';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BrowserRouter, Route, Routes } from 'react-router';
import { createAppClient } from '../apollo/client';
import { CLOSE_SESSION_ENDED } from '../apollo/live-connection';
import { type FakeAnswer, fakeFetch, FakeWebSocket } from '../apollo/test-doubles';
import SignInPage from '../auth/SignInPage';
import { RequireAuth } from '../session/RequireAuth';
import { SessionProvider } from '../session/SessionContext';
import { type AuthPayload, type RefreshOutcome, SESSION_KEY, SessionStore } from '../session/session-store';
import { ToastProvider } from '../ui/Toasts';
import { AppShell } from './AppShell';

const session = (n: number): AuthPayload => ({
  token: `token-${n}`,
  expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
  refreshToken: `refresh-${n}`,
  user: { id: 'u1', username: 'ada', role: 'CUSTOMER' },
});

const loggedOut: FakeAnswer = { status: 200, body: { data: { logout: true } } };
const signedIn = (n: number): FakeAnswer => ({
  status: 200,
  body: { data: { login: { __typename: 'AuthPayload', ...session(n), user: { __typename: 'User', ...session(n).user } } } },
});

/** The shell and the sign-in page of the app, with a protected page and a public one, signed in as ada on `path`. */
function renderApp(path: string, refresh: (token: string) => Promise<RefreshOutcome>, answers: FakeAnswer[]) {
  window.localStorage.clear();
  window.history.replaceState(null, '', path);
  const store = new SessionStore({ refresh, locks: null });
  store.signIn(session(1));
  const { fetch, sent } = fakeFetch(answers);
  const app = createAppClient(store, { wsUrl: 'ws://localhost/graphql', fetch, webSocketImpl: FakeWebSocket });
  const view = render(
    <SessionProvider store={store}>
      <ApolloProvider client={app.client}>
        <ToastProvider>
          <BrowserRouter>
            <Routes>
              <Route element={<AppShell />}>
                <Route path="markets" element={<h1>Markets</h1>} />
                <Route
                  path="profile"
                  element={
                    <RequireAuth>
                      <h1>Profile</h1>
                    </RequireAuth>
                  }
                />
                <Route
                  path="dashboard"
                  element={
                    <RequireAuth>
                      <h1>Dashboard</h1>
                    </RequireAuth>
                  }
                />
                <Route path="signin" element={<SignInPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </ToastProvider>
      </ApolloProvider>
    </SessionProvider>,
  );
  const close = () => {
    view.unmount();
    app.dispose();
    store.dispose();
  };
  return { store, sent, close, user: userEvent.setup() };
}

/** The socket of the trader's order updates, up and subscribed. */
async function liveSocket(): Promise<FakeWebSocket> {
  const socket = await waitFor(() => {
    const latest = FakeWebSocket.latest();
    expect(latest.readyState).toBe(FakeWebSocket.CONNECTING);
    return latest;
  });
  act(() => socket.open());
  await waitFor(() => expect(socket.received.map((message) => message.type)).toEqual(['connection_init', 'subscribe']));
  return socket;
}

async function signInAgain(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Username or email'), 'ada');
  await user.type(screen.getByLabelText('Password'), 'correct horse battery');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('signing out', () => {
  it.each(['/profile', '/dashboard', '/markets'])(
    'from %s opens the sign-in page saying so, with no way back to the page, and never refreshes',
    async (path) => {
      const refresh = jest.fn(async (): Promise<RefreshOutcome> => ({ ok: true, payload: session(9) }));
      let answerLogout!: () => void;
      const held: FakeAnswer = { ...loggedOut, after: new Promise<void>((resolve) => (answerLogout = resolve)) };
      const { sent, close, user } = renderApp(path, refresh, [held, signedIn(2)]);
      try {
        await screen.findByRole('heading', { level: 1, name: path === '/markets' ? 'Markets' : path === '/profile' ? 'Profile' : 'Dashboard' });
        const socket = await liveSocket();

        await user.click(screen.getByRole('button', { name: 'Sign out ada' }));
        await waitFor(() => expect(sent.map((request) => request.operationName)).toEqual(['SignOut']));
        // The router ends the session and closes its socket before logout's answer reaches the app.
        act(() => socket.closeFromServer(CLOSE_SESSION_ENDED, 'Session ended'));
        // Outside act(): React schedules the session's end and the navigation as it would in a browser (the protected
        // page redirects first, with the old location).
        answerLogout();

        await screen.findByRole('heading', { level: 1, name: 'Sign in' });
        expect(screen.getByText('You signed out.')).toHaveAttribute('role', 'status');
        expect(window.location.pathname).toBe('/signin');
        expect((window.history.state as { usr?: unknown } | null)?.usr).toEqual({ message: 'You signed out.' });
        expect(refresh).not.toHaveBeenCalled();

        // Signing in again starts afresh, on the default page.
        await signInAgain(user);
        await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
        expect(sent.map((request) => request.operationName)).toEqual(['SignOut', 'SignIn']);
        expect(refresh).not.toHaveBeenCalled();
      } finally {
        close();
      }
    },
  );

  it('in another tab sends a protected page to sign in the same way', async () => {
    const { store, sent, close } = renderApp('/profile', jest.fn(), []);
    try {
      await screen.findByRole('heading', { level: 1, name: 'Profile' });
      window.localStorage.removeItem(SESSION_KEY);
      act(() => store.syncFromStorage());
      await screen.findByRole('heading', { level: 1, name: 'Sign in' });
      expect(screen.getByText('You signed out.')).toHaveAttribute('role', 'status');
      expect((window.history.state as { usr?: unknown } | null)?.usr).toEqual({ message: 'You signed out.' });
      expect(sent).toEqual([]);
    } finally {
      close();
    }
  });
});

describe('a session ended elsewhere', () => {
  it('sends the trader to sign in, saying the session expired, and back to the page afterwards', async () => {
    const refresh = jest.fn(async (): Promise<RefreshOutcome> => ({ ok: false, rejected: true }));
    const { store, sent, close, user } = renderApp('/profile', refresh, [signedIn(2)]);
    try {
      await screen.findByRole('heading', { level: 1, name: 'Profile' });
      const socket = await liveSocket();

      // Another device changed the password: the router closes the socket, and the refresh is refused.
      act(() => socket.closeFromServer(CLOSE_SESSION_ENDED, 'Session ended'));
      await screen.findByRole('heading', { level: 1, name: 'Sign in' });
      expect(refresh).toHaveBeenCalledWith('refresh-1');
      expect(store.lastEnd).toBe('expired');
      expect(screen.getByText('Your session expired, sign in again')).toHaveAttribute('role', 'status');
      expect((window.history.state as { usr?: unknown } | null)?.usr).toEqual({
        from: '/profile',
        message: 'Your session expired, sign in again',
      });

      await signInAgain(user);
      await screen.findByRole('heading', { level: 1, name: 'Profile' });
      expect(sent.map((request) => request.operationName)).toEqual(['SignIn']);
    } finally {
      close();
    }
  });
});
