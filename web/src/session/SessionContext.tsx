import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import type { Session, SessionStore } from './session-store';

const SessionStoreContext = createContext<SessionStore | null>(null);

/** Makes the session store available to the routes. */
export function SessionProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  return <SessionStoreContext.Provider value={store}>{children}</SessionStoreContext.Provider>;
}

/** The session store (to sign in, sign out or refresh). */
export function useSessionStore(): SessionStore {
  const store = useContext(SessionStoreContext);
  if (!store) throw new Error('useSessionStore needs a <SessionProvider>');
  return store;
}

/** The current session, re-rendering when it changes; null when signed out. */
export function useSession(): Session | null {
  const store = useSessionStore();
  return useSyncExternalStore(store.subscribe, () => store.current);
}
