import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession, useSessionStore } from './SessionContext';
import type { SessionEnd } from './session-store';
import type { Role } from './token';

/** What the sign-in page reads from the location state: where to go back to, and why the trader was sent there. */
export interface SignInState {
  from?: string;
  message?: string;
}

export const SESSION_EXPIRED_MESSAGE = 'Your session expired, sign in again';
export const SIGNED_OUT_MESSAGE = 'You signed out.';

/**
 * Where the sign-in page starts after the session ended, seen from the page at `from`: a trader who signed out is told
 * so (`notice`, when the sign-out had more to say, e.g. how many sessions a sign-out everywhere ended) and, signing in
 * again, starts afresh (no return path); one whose session expired (or was ended elsewhere) is told so and brought
 * back to the page; one who was never signed in is just brought back.
 */
export function signInStateAfter(end: SessionEnd | null, from: string, notice?: string | null): SignInState {
  if (end === 'signed-out') return { message: notice ?? SIGNED_OUT_MESSAGE };
  if (end === 'expired') return { from, message: SESSION_EXPIRED_MESSAGE };
  return { from };
}

/**
 * Renders its children for a signed-in trader (with the role, when one is required); else sends them to sign in and
 * back. After a sign-out it says so and keeps no return path: this redirect happens with the old location (the session
 * store re-renders before the router's navigation, which React runs as a transition), so it must agree with the one
 * `useSignOut` makes, or it would replace it.
 */
export function RequireAuth({ role, children }: { role?: Role; children: ReactNode }) {
  const session = useSession();
  const store = useSessionStore();
  const location = useLocation();
  if (!session) {
    return <Navigate to="/signin" replace state={signInStateAfter(store.lastEnd, `${location.pathname}${location.search}`, store.lastEndNotice)} />;
  }
  if (role && store.role !== role) {
    return (
      <section className="page narrow" aria-labelledby="forbidden-title">
        <h1 id="forbidden-title">Not available</h1>
        <p className="muted">This page is for {role === 'ADMIN' ? 'administrators' : 'traders'} only.</p>
      </section>
    );
  }
  return <>{children}</>;
}
