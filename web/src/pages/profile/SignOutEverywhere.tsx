import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { graphql } from '../../gql';
import { signInStateAfter } from '../../session/RequireAuth';
import { useSessionStore } from '../../session/SessionContext';

export const LogoutEverywhereDocument = graphql(`
  mutation LogoutEverywhere {
    logoutEverywhere
  }
`);

/**
 * What the sign-in page says after a sign-out everywhere. `logoutEverywhere` answers how many sessions it ended, and
 * this one is among them (it was open: it sent the request), so the others are one fewer.
 */
export function signedOutEverywhereNotice(told: { ok: true; answer: number } | { ok: false }): string {
  if (!told.ok) return 'You signed out here, but the server could not be told to end your other sessions: sign in and try again.';
  const others = Math.max(0, told.answer - 1);
  if (others === 0) return 'You signed out everywhere. No other session was open.';
  return `You signed out everywhere: ${others === 1 ? '1 other session was' : `${others} other sessions were`} ended.`;
}

/**
 * Ends every session of the account, this one included, after the trader confirms; then the session ends here as it
 * does for a sign-out (marked as ending first, so the socket the router closes does not spend the refresh token), and
 * the sign-in page says how many other sessions were ended.
 */
export function SignOutEverywhere() {
  const store = useSessionStore();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [logoutEverywhere, { loading }] = useMutation(LogoutEverywhereDocument);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const [asked, setAsked] = useState(false);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (asked) startButton.current?.focus();
  }, [confirming, asked]);

  const signOutEverywhere = async () => {
    await store.signOut(async () => (await logoutEverywhere()).data?.logoutEverywhere ?? 0, signedOutEverywhereNotice);
    // The protected page redirects too as the session ends, with the same state (RequireAuth reads lastEndNotice).
    navigate('/signin', {
      replace: true,
      state: signInStateAfter('signed-out', `${window.location.pathname}${window.location.search}`, store.lastEndNotice),
    });
  };

  return (
    <>
      <p className="muted" id="everywhere-explained">
        Ends every session of your account on every device and browser, this one included: their tokens stop working at once. API keys are not
        sessions: they keep working until you revoke them.
      </p>
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby="everywhere-question">
          <p id="everywhere-question">Sign out on every device, this one included?</p>
          <div className="actions">
            <button
              type="button"
              className="button primary"
              ref={confirmButton}
              aria-describedby="everywhere-explained"
              disabled={loading}
              onClick={() => void signOutEverywhere()}
            >
              {loading ? 'Signing out everywhere…' : 'Yes, sign out everywhere'}
            </button>
            <button type="button" className="button secondary" disabled={loading} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="button secondary"
          ref={startButton}
          onClick={() => {
            setAsked(true);
            setConfirming(true);
          }}
        >
          Sign out everywhere
        </button>
      )}
    </>
  );
}
