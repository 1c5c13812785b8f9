import { useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import type { AdminUserRowFragment, Role } from '../../gql/graphql';
import { formatUsd } from '../../money/format';
import { nextPage, type PagePosition, Pager, pageVariables, previousPage, shownPage } from '../../ui/Pager';
import { EmptyState, QueryError } from '../../ui/states';
import { formatDateTime } from '../../ui/time';
import { AdminNav, AdminSkeleton } from './AdminNav';
import { ROLE_LABEL, ROLES } from './roles';
import { Select } from '../../ui/Select';
import { readPosition, withPosition } from '../../ui/url-paging';

export const AdminUserRowFragmentDoc = graphql(`
  fragment AdminUserRow on User {
    id
    username
    firstName
    lastName
    email
    role
    createdAt
    balance
  }
`);

export const AdminUsersPageDocument = graphql(`
  query AdminUsersPage($filter: UserFilter, $first: Int, $after: String, $last: Int, $before: String) {
    users(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      edges {
        node {
          ...AdminUserRow
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
`);

const PAGE_SIZE = 20;
/** The API refuses longer searches. */
const MAX_SEARCH = 100;

/** The search in the address: `/admin/users?search=ada&role=CUSTOMER`. */
interface UserView {
  search: string;
  role: Role | null;
}

function readUserView(params: URLSearchParams): UserView {
  const role = params.get('role')?.toUpperCase();
  return { search: (params.get('search') ?? '').trim().slice(0, MAX_SEARCH), role: ROLES.find(([option]) => option === role)?.[0] ?? null };
}

function userViewParams(view: UserView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.search) params.set('search', view.search);
  if (view.role) params.set('role', view.role);
  return params;
}

/** The search form: edited here, applied on "Search" (one request per search, not per key); it follows the address. */
function UserSearch({ applied, onApply }: { applied: UserView; onApply: (view: UserView) => void }) {
  const [draft, setDraft] = useState(applied);
  // Back and forward bring another search into the address: the form shows it (without remounting, so focus stays).
  const [shown, setShown] = useState(applied);
  if (shown.search !== applied.search || shown.role !== applied.role) {
    setShown(applied);
    setDraft(applied);
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ search: draft.search.trim(), role: draft.role });
  };
  return (
    <form className="filters" role="search" aria-label="Search users" onSubmit={submit}>
      <div className="field">
        <label htmlFor="users-search">Username or email</label>
        <input
          id="users-search"
          type="search"
          autoComplete="off"
          spellCheck={false}
          maxLength={MAX_SEARCH}
          placeholder="Part of a username or email"
          value={draft.search}
          onChange={(event) => setDraft((previous) => ({ ...previous, search: event.target.value }))}
        />
      </div>
      <Select
        id="users-role"
        label="Role"
        any="Every role"
        value={draft.role}
        options={ROLES}
        onChange={(role) => setDraft((previous) => ({ ...previous, role }))}
      />
      <div className="filters-actions">
        <button type="submit" className="button primary">
          Search
        </button>
        {applied.search || applied.role ? (
          <Link to="/admin/users" className="button secondary">
            Clear search
          </Link>
        ) : null}
      </div>
    </form>
  );
}

function UserRow({ user, from }: { user: AdminUserRowFragment; from: string }) {
  return (
    <tr>
      <th scope="row" data-label="Username">
        <Link to={`/admin/users/${user.id}`} state={{ from }}>
          {user.username}
        </Link>
      </th>
      <td data-label="Name">
        {user.firstName} {user.lastName}
      </td>
      <td data-label="Email" className="break">
        {user.email}
      </td>
      <td data-label="Role">{ROLE_LABEL[user.role]}</td>
      <td data-label="Joined" className="nowrap">
        {formatDateTime(user.createdAt)}
      </td>
      <td data-label="Cash balance" className="num">
        {formatUsd(user.balance)}
      </td>
    </tr>
  );
}

/**
 * Every account, searched by part of the username or email and by role, 20 a page; the search and the page are the
 * address, so Back from a user's page returns to the same results. Each username opens that user's page.
 */
export default function UsersPage() {
  const [params, setParams] = useSearchParams();
  const view = readUserView(params);
  const position = readPosition(params);
  const filter = { ...(view.search ? { search: view.search } : {}), ...(view.role ? { role: view.role } : {}) };
  const { data, previousData, error, loading, refetch } = useQuery(AdminUsersPageDocument, {
    variables: { filter, ...pageVariables(position, PAGE_SIZE) },
  });
  // While another page or search loads, the one on screen stays (marked busy).
  const users = (data ?? (loading ? previousData : undefined))?.users;
  const goTo = (to: PagePosition) => setParams(withPosition(userViewParams(view), to));
  const filtered = Boolean(view.search || view.role);

  if (!users && !error) return <AdminSkeleton title="Users" />;
  const rows = users?.edges.map((edge) => edge.node) ?? [];
  const query = params.toString();
  const here = `/admin/users${query ? `?${query}` : ''}`;

  return (
    <>
      <AdminNav />
      <section className="page" aria-labelledby="users-title">
        <h1 id="users-title">Users</h1>
        <UserSearch applied={view} onApply={(applied) => setParams(userViewParams(applied))} />
        {error && !users ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
        {users ? (
          <div aria-busy={loading}>
            <div role="status">
              {rows.length === 0 ? (
                <EmptyState title={users.pageInfo.hasPreviousPage ? 'No more users.' : filtered ? 'No users match this search.' : 'No users yet.'} />
              ) : (
                <p className="muted">{`${rows.length} ${rows.length === 1 ? 'user' : 'users'} on this page${users.pageInfo.hasNextPage ? ', more on the next' : ''}.`}</p>
              )}
            </div>
            {rows.length === 0 ? null : (
              <table className="table stack-on-phone">
                <caption className="visually-hidden">{filtered ? 'Users matching the search' : 'Every user'}</caption>
                <thead>
                  <tr>
                    <th scope="col">Username</th>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Joined</th>
                    <th scope="col" className="num">
                      Cash balance
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((user) => (
                    <UserRow key={user.id} user={user} from={here} />
                  ))}
                </tbody>
              </table>
            )}
            {users.pageInfo.hasPreviousPage || users.pageInfo.hasNextPage ? (
              <Pager
                label="User pages"
                page={shownPage(position, users.pageInfo)}
                hasPrevious={users.pageInfo.hasPreviousPage && users.pageInfo.startCursor !== null}
                hasNext={users.pageInfo.hasNextPage && users.pageInfo.endCursor !== null}
                onPrevious={() => goTo(previousPage(position, users.pageInfo))}
                onNext={() => goTo(nextPage(position, users.pageInfo))}
              />
            ) : null}
          </div>
        ) : null}
      </section>
    </>
  );
}
