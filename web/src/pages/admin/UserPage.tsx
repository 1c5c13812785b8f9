import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { graphql } from '../../gql';
import { OrderTable } from '../../orders/OrderTable';
import { formatUsd } from '../../money/format';
import { FIRST_PAGE, nextPage, type PagePosition, Pager, pageVariables, previousPage, shownPage } from '../../ui/Pager';
import { EmptyState, QueryError } from '../../ui/states';
import { formatDateTime } from '../../ui/time';
import { AdminNav, AdminSkeleton } from './AdminNav';
import { AuditTable } from './AuditTable';
import { ROLE_LABEL } from './roles';

export const AdminUserPageDocument = graphql(`
  query AdminUserPage(
    $id: ID!
    $ordersFirst: Int
    $ordersAfter: String
    $ordersLast: Int
    $ordersBefore: String
    $eventsFirst: Int
    $eventsAfter: String
    $eventsLast: Int
    $eventsBefore: String
  ) {
    user(id: $id) {
      id
      username
      firstName
      lastName
      email
      phone
      role
      createdAt
      balance
      orders(first: $ordersFirst, after: $ordersAfter, last: $ordersLast, before: $ordersBefore) {
        edges {
          node {
            ...OrderRow
          }
        }
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
      }
      securityEvents(first: $eventsFirst, after: $eventsAfter, last: $eventsLast, before: $eventsBefore) {
        edges {
          node {
            ...AdminAuditEvent
          }
        }
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
      }
    }
  }
`);

const PAGE_SIZE = 10;

/** Where each of the page's two lists is, for one user (another user's page starts both from the top). */
interface Paging {
  userId: string;
  orders: PagePosition;
  events: PagePosition;
}

/** The orders' connection arguments, as the query names them. */
function ordersVariables(position: PagePosition) {
  const page = pageVariables(position, PAGE_SIZE);
  return 'last' in page ? { ordersLast: page.last, ordersBefore: page.before } : { ordersFirst: page.first, ordersAfter: page.after };
}

/** The audit entries' connection arguments, as the query names them. */
function eventsVariables(position: PagePosition) {
  const page = pageVariables(position, PAGE_SIZE);
  return 'last' in page ? { eventsLast: page.last, eventsBefore: page.before } : { eventsFirst: page.first, eventsAfter: page.after };
}

/**
 * One user for an admin: their profile, cash balance, orders and the audit entries about their account, all in one
 * query; each list pages on its own (10 a page, the page's one query again with that list's new position).
 */
export default function UserPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const [paging, setPaging] = useState<Paging>({ userId: id, orders: FIRST_PAGE, events: FIRST_PAGE });
  if (paging.userId !== id) setPaging({ userId: id, orders: FIRST_PAGE, events: FIRST_PAGE });
  const { data, previousData, error, loading, refetch } = useQuery(AdminUserPageDocument, {
    variables: { id, ...ordersVariables(paging.orders), ...eventsVariables(paging.events) },
  });
  // While one list turns a page, the page on screen stays (marked busy); never another user's.
  const shown = data ?? (loading && previousData?.user?.id === id ? previousData : undefined);
  const from = (location.state as { from?: unknown } | null)?.from;
  const backTo = typeof from === 'string' && from.startsWith('/admin/users') ? from : '/admin/users';
  const back = (
    <p>
      <Link to={backTo}>← All users</Link>
    </p>
  );

  if (error && !shown) {
    return (
      <>
        <AdminNav />
        <section className="page" aria-labelledby="user-title">
          <h1 id="user-title">User</h1>
          <QueryError error={error} onRetry={() => void refetch()} />
          {back}
        </section>
      </>
    );
  }
  if (!shown) return <AdminSkeleton title="User" />;
  const user = shown.user;
  if (!user) {
    return (
      <>
        <AdminNav />
        <section className="page" aria-labelledby="user-title">
          <h1 id="user-title">No such user</h1>
          <EmptyState title="No account has this id.">
            Find the user by username or email among <Link to="/admin/users">all users</Link>.
          </EmptyState>
        </section>
      </>
    );
  }
  const { orders, securityEvents: events } = user;
  const trailLink = `/admin/audit?${new URLSearchParams({ actor: user.id }).toString()}`;

  return (
    <>
      <AdminNav />
      <section className="page" aria-labelledby="user-title" aria-busy={loading}>
        {back}
        <h1 id="user-title">
          {user.firstName} {user.lastName}
        </h1>
        <dl className="stats">
          <div className="stat">
            <dt>Username</dt>
            <dd>{user.username}</dd>
          </div>
          <div className="stat">
            <dt>Cash balance</dt>
            <dd className="num">{formatUsd(user.balance)}</dd>
          </div>
          <div className="stat">
            <dt>Role</dt>
            <dd>{ROLE_LABEL[user.role]}</dd>
          </div>
          <div className="stat">
            <dt>Member since</dt>
            <dd>{formatDateTime(user.createdAt)}</dd>
          </div>
        </dl>
        <dl className="stats">
          <div className="stat">
            <dt>Email</dt>
            <dd className="small break">{user.email}</dd>
          </div>
          <div className="stat">
            <dt>Phone</dt>
            <dd className="small">{user.phone || 'Not given'}</dd>
          </div>
          <div className="stat">
            <dt>User id</dt>
            <dd className="small id">{user.id}</dd>
          </div>
        </dl>

        <h2>Orders</h2>
        {orders.edges.length === 0 ? (
          <EmptyState title={orders.pageInfo.hasPreviousPage ? 'No more orders.' : `${user.username} has placed no orders.`} />
        ) : (
          <OrderTable orders={orders.edges.map((edge) => edge.node)} caption={`Orders of ${user.username}, newest first`} />
        )}
        {orders.pageInfo.hasPreviousPage || orders.pageInfo.hasNextPage ? (
          <Pager
            label="Order pages"
            page={shownPage(paging.orders, orders.pageInfo)}
            hasPrevious={orders.pageInfo.hasPreviousPage && orders.pageInfo.startCursor !== null}
            hasNext={orders.pageInfo.hasNextPage && orders.pageInfo.endCursor !== null}
            onPrevious={() => setPaging({ ...paging, orders: previousPage(paging.orders, orders.pageInfo) })}
            onNext={() => setPaging({ ...paging, orders: nextPage(paging.orders, orders.pageInfo) })}
            previousText="Newer"
            nextText="Older"
          />
        ) : null}

        <div className="section-head">
          <h2>Audit trail</h2>
          <Link to={trailLink}>Everything {user.username} did, in the audit trail →</Link>
        </div>
        <p className="muted">What happened to this account, newest first: sign-ins (failed ones too), sign-outs, refreshes, password changes.</p>
        <AuditTable
          events={events.edges.map((edge) => edge.node)}
          caption={`Audit entries about the account of ${user.username}, newest first`}
          emptyText={events.pageInfo.hasPreviousPage ? 'No more entries.' : 'No audit entries about this account.'}
          showSubject={false}
        />
        {events.pageInfo.hasPreviousPage || events.pageInfo.hasNextPage ? (
          <Pager
            label="Audit trail pages"
            page={shownPage(paging.events, events.pageInfo)}
            hasPrevious={events.pageInfo.hasPreviousPage && events.pageInfo.startCursor !== null}
            hasNext={events.pageInfo.hasNextPage && events.pageInfo.endCursor !== null}
            onPrevious={() => setPaging({ ...paging, events: previousPage(paging.events, events.pageInfo) })}
            onNext={() => setPaging({ ...paging, events: nextPage(paging.events, events.pageInfo) })}
            previousText="Newer"
            nextText="Older"
          />
        ) : null}
      </section>
    </>
  );
}
