import { useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { OrderUpdates } from '../orders/OrderUpdates';
import { signInStateAfter } from '../session/RequireAuth';
import { useSession, useSessionStore } from '../session/SessionContext';
import { useSignOut } from './useSignOut';

/** Header, navigation and the current route; sends the trader to sign in when their session expires. */
export function AppShell() {
  const session = useSession();
  const store = useSessionStore();
  const navigate = useNavigate();
  const location = useLocation();
  const { signOut, signingOut } = useSignOut();
  const [menuOpen, setMenuOpen] = useState(false);
  const isAdmin = session !== null && store.role === 'ADMIN';

  useEffect(
    () =>
      store.subscribe(() => {
        if (store.current === null && store.lastEnd === 'expired') {
          navigate('/signin', { replace: true, state: signInStateAfter('expired', `${window.location.pathname}${window.location.search}`) });
        }
      }),
    [store, navigate],
  );

  // A new page closes the phone menu.
  const [menuPath, setMenuPath] = useState(location.pathname);
  if (menuPath !== location.pathname) {
    setMenuPath(location.pathname);
    setMenuOpen(false);
  }

  const links: Array<[string, string]> = session
    ? [
        ['/dashboard', 'Dashboard'],
        ['/markets', 'Markets'],
        ['/portfolio', 'Portfolio'],
        ['/orders', 'Orders'],
        ['/account', 'Account'],
        ['/profile', 'Profile'],
        ...(isAdmin ? ([['/admin', 'Admin']] as Array<[string, string]>) : []),
      ]
    : [['/markets', 'Markets']];

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Trading, home">
          <span aria-hidden="true" className="brand-mark">
            ▲
          </span>{' '}
          Trading
        </Link>
        <button type="button" className="menu-button" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen((open) => !open)}>
          Menu
        </button>
        <nav id="main-nav" className={`nav${menuOpen ? ' open' : ''}`} aria-label="Main">
          {links.map(([to, label]) => (
            <NavLink key={to} to={to} className="nav-link">
              {label}
            </NavLink>
          ))}
          {session ? (
            <button type="button" className="nav-link as-link" onClick={() => void signOut()} disabled={signingOut}>
              Sign out <span className="visually-hidden">{session.user.username}</span>
            </button>
          ) : (
            <>
              <NavLink to="/signin" className="nav-link">
                Sign in
              </NavLink>
              <NavLink to="/register" className="nav-link nav-cta">
                Register
              </NavLink>
            </>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      {session && store.role === 'CUSTOMER' ? <OrderUpdates key={session.user.id} userId={session.user.id} /> : null}
    </>
  );
}
