import type { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { lazy, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AppShell } from './layout/AppShell';
import { RouteBoundary } from './layout/RouteBoundary';
import { RequireAuth } from './session/RequireAuth';
import { SessionProvider } from './session/SessionContext';
import type { SessionStore } from './session/session-store';
import { ToastProvider } from './ui/Toasts';

// Every page is its own chunk; only the shell above is in the entry.
const LandingPage = lazy(() => import('./pages/landing/LandingPage'));
const SignInPage = lazy(() => import('./auth/SignInPage'));
const RegisterPage = lazy(() => import('./auth/RegisterPage'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));
const MarketsPage = lazy(() => import('./pages/markets/MarketsPage'));
const TradePage = lazy(() => import('./pages/trade/TradePage'));
const PortfolioPage = lazy(() => import('./pages/portfolio/PortfolioPage'));
const PositionPage = lazy(() => import('./pages/portfolio/PositionPage'));
const OrdersPage = lazy(() => import('./pages/orders/OrdersPage'));
const AccountPage = lazy(() => import('./pages/account/AccountPage'));
const ProfilePage = lazy(() => import('./pages/profile/ProfilePage'));
const AdminPage = lazy(() => import('./pages/admin/AdminPage'));
const AdminUsersPage = lazy(() => import('./pages/admin/UsersPage'));
const AdminUserPage = lazy(() => import('./pages/admin/UserPage'));
const AdminAuditPage = lazy(() => import('./pages/admin/AuditPage'));
const AdminReconciliationPage = lazy(() => import('./pages/admin/ReconciliationPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

function page(title: string, element: ReactNode, access?: 'signed-in' | 'admin') {
  const guarded = access ? <RequireAuth {...(access === 'admin' ? { role: 'ADMIN' as const } : {})}>{element}</RequireAuth> : element;
  return <RouteBoundary title={title}>{guarded}</RouteBoundary>;
}

/** The app: session, Apollo Client, notices and the routes. */
export function App({ client, session }: { client: ApolloClient; session: SessionStore }) {
  return (
    <SessionProvider store={session}>
      <ApolloProvider client={client}>
        <ToastProvider>
          <BrowserRouter>
            <Routes>
              <Route element={<AppShell />}>
                <Route index element={page('Home', <LandingPage />)} />
                <Route path="signin" element={page('Sign in', <SignInPage />)} />
                <Route path="register" element={page('Register', <RegisterPage />)} />
                <Route path="markets" element={page('Markets', <MarketsPage />)} />
                <Route path="trade/:symbol" element={page('Trade', <TradePage />, 'signed-in')} />
                <Route path="dashboard" element={page('Dashboard', <DashboardPage />, 'signed-in')} />
                <Route path="portfolio" element={page('Portfolio', <PortfolioPage />, 'signed-in')} />
                <Route path="portfolio/:symbol" element={page('Position', <PositionPage />, 'signed-in')} />
                <Route path="orders" element={page('Orders', <OrdersPage />, 'signed-in')} />
                <Route path="account" element={page('Account', <AccountPage />, 'signed-in')} />
                <Route path="profile" element={page('Profile', <ProfilePage />, 'signed-in')} />
                <Route path="admin" element={page('Admin', <AdminPage />, 'admin')} />
                <Route path="admin/users" element={page('Users', <AdminUsersPage />, 'admin')} />
                <Route path="admin/users/:id" element={page('User', <AdminUserPage />, 'admin')} />
                <Route path="admin/audit" element={page('Audit trail', <AdminAuditPage />, 'admin')} />
                <Route path="admin/reconciliation" element={page('Reconciliation', <AdminReconciliationPage />, 'admin')} />
                <Route path="*" element={page('Not found', <NotFoundPage />)} />
              </Route>
            </Routes>
          </BrowserRouter>
        </ToastProvider>
      </ApolloProvider>
    </SessionProvider>
  );
}
