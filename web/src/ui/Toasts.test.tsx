import { act, render, screen } from '@testing-library/react';
import { SessionProvider } from '../session/SessionContext';
import { SessionStore } from '../session/session-store';
import { ToastProvider, useToast } from './Toasts';

function Notify({ text }: { text: string }) {
  const show = useToast();
  return (
    <button type="button" onClick={() => show(text, 'gain')}>
      notify
    </button>
  );
}

test("one trader's notices are gone when the session changes hands", () => {
  window.localStorage.clear();
  const store = new SessionStore({ refresh: async () => ({ ok: false, rejected: true }), locks: null });
  store.signIn({
    token: 't',
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
    refreshToken: 'r',
    user: { id: 'u1', username: 'ada', role: 'CUSTOMER' },
  });
  render(
    <SessionProvider store={store}>
      <ToastProvider>
        <Notify text="Filled: buy of 0.01 BTC" />
      </ToastProvider>
    </SessionProvider>,
  );
  act(() => screen.getByRole('button', { name: 'notify' }).click());
  expect(screen.getByRole('status')).toHaveTextContent('Filled: buy of 0.01 BTC');
  act(() => store.end('signed-out'));
  expect(screen.getByRole('status')).not.toHaveTextContent('Filled');
});
