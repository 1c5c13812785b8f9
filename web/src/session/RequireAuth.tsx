import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession, useSessionStore } from './SessionContext';
import type { Role } from './token';

/** What the sign-in page reads from the location state: where to go back to, and why the trader was sent there. */
export interface SignInState {
  from?: string;
  message?: string;
}

export const SESSION_EXPIRED_MESSAGE = 'Your session expired, sign in again';

/** Renders its children for a signed-in trader (with the role, when one is required); else sends them to sign in and back. */
export function RequireAuth({ role, children }: { role?: Role; children: ReactNode }) {
  const session = useSession();
  const store = useSessionStore();
  const location = useLocation();
  if (!session) {
    const state: SignInState = {
      from: `${location.pathname}${location.search}`,
      ...(store.lastEnd === 'expired' ? { message: SESSION_EXPIRED_MESSAGE } : {}),
    };
    return <Navigate to="/signin" replace state={state} />;
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
