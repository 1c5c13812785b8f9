import { ApolloProvider } from '@apollo/client/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { fakeClient } from '../../apollo/test-doubles';
import UsersPage from './UsersPage';

function user(id: string, username: string, role: 'CUSTOMER' | 'ADMIN' = 'CUSTOMER', balance = '1234.5') {
  return {
    __typename: 'User',
    id,
    username,
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: `${username}@example.com`,
    role,
    createdAt: '2026-11-25T15:10:49.123Z',
    balance,
  };
}

/** A page of users as the API answers it; `startCursor` given when users come before it. */
function page(users: ReturnType<typeof user>[], endCursor: string | null, hasNextPage: boolean, startCursor: string | null = null) {
  return {
    users: {
      __typename: 'UserConnection',
      edges: users.map((node) => ({ __typename: 'UserEdge', node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage, hasPreviousPage: startCursor !== null, startCursor, endCursor },
    },
  };
}

/** Where the app is: the test reads the address the page keeps its search in. */
function Address() {
  const location = useLocation();
  return <output aria-label="address">{`${location.pathname}${location.search}`}</output>;
}

/** A user's page, as far as this test goes: where the username led, and what it carries to come back. */
function UserStub() {
  const location = useLocation();
  return <h1>{`User page ${location.pathname}, back to ${(location.state as { from: string }).from}`}</h1>;
}

function setup(url: string, firstPage: ReturnType<typeof page>) {
  const { client, link } = fakeClient();
  link.answer('AdminUsersPage', firstPage);
  render(
    <ApolloProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/admin/users" element={<UsersPage />} />
          <Route path="/admin/users/:id" element={<UserStub />} />
        </Routes>
        <Address />
      </MemoryRouter>
    </ApolloProvider>,
  );
  return { link, user: userEvent.setup(), address: () => screen.getByRole('status', { name: 'address' }).textContent };
}

describe('the admin Users page', () => {
  it('lists every user with their role and cash, under the admin sections, from one request', async () => {
    const { link } = setup('/admin/users', page([user('u1', 'ada'), user('u2', 'ops', 'ADMIN', '0')], 'c2', false));
    const table = await screen.findByRole('table', { name: 'Every user' });
    const rows = within(table).getAllByRole('row');
    expect(
      rows.map((row) =>
        within(row)
          .queryAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      [],
      ['Ada Lovelace', 'ada@example.com', 'Trader', expect.any(String), '$1,234.50'],
      ['Ada Lovelace', 'ops@example.com', 'Admin', expect.any(String), '$0.00'],
    ]);
    expect(within(table).getByRole('link', { name: 'ada' })).toHaveAttribute('href', '/admin/users/u1');
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent('2 users on this page.');
    const sections = screen.getByRole('navigation', { name: 'Admin' });
    expect(
      within(sections)
        .getAllByRole('link')
        .map((item) => item.textContent),
    ).toEqual(['Assets', 'Users', 'Audit trail', 'Reconciliation']);
    expect(within(sections).getByRole('link', { name: 'Users' })).toHaveAttribute('aria-current', 'page');
    expect(screen.queryByRole('navigation', { name: 'User pages' })).not.toBeInTheDocument();
    expect(link.requests('AdminUsersPage').map((request) => request.variables)).toEqual([{ filter: {}, first: 20, after: null }]);
  });

  it('searches by username or email and by role, into the address and the query, from page one', async () => {
    const { link, user: person, address } = setup('/admin/users?after=c9&page=3', page([user('u1', 'ada')], 'c1', true, 's1'));
    await screen.findByRole('table');
    link.answer('AdminUsersPage', page([user('u7', 'grace')], 'c7', false));
    await person.type(screen.getByLabelText('Username or email'), '  GRACE@ ');
    await person.selectOptions(screen.getByLabelText('Role'), 'Traders');
    await person.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(address()).toBe('/admin/users?search=GRACE%40&role=CUSTOMER'));
    await screen.findByRole('link', { name: 'grace' });
    expect(link.requests('AdminUsersPage').map((request) => request.variables)).toEqual([
      { filter: {}, first: 20, after: 'c9' },
      { filter: { search: 'GRACE@', role: 'CUSTOMER' }, first: 20, after: null },
    ]);
    expect(screen.getByRole('table', { name: 'Users matching the search' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Clear search' })).toHaveAttribute('href', '/admin/users');
  });

  it('says when no user matches, and shows the search of a shared address in the form', async () => {
    setup('/admin/users?search=nobody&role=admin', page([], null, false));
    expect(await screen.findByText('No users match this search.')).toBeInTheDocument();
    expect(screen.getByLabelText('Username or email')).toHaveValue('nobody');
    expect(screen.getByLabelText('Role')).toHaveValue('ADMIN');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('pages forward after the last user and back before the first, each page in the address', async () => {
    const { link, user: person, address } = setup('/admin/users?search=a', page([user('u1', 'ada')], 'c1', true));
    const pager = await screen.findByRole('navigation', { name: 'User pages' });
    expect(within(pager).getByText('Page 1')).toBeInTheDocument();
    expect(within(pager).getByRole('button', { name: 'Previous' })).toBeDisabled();
    link.answer('AdminUsersPage', page([user('u2', 'alan')], 'c2', false, 's2'));
    await person.click(within(pager).getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(address()).toBe('/admin/users?search=a&after=c1&page=2'));
    await screen.findByRole('link', { name: 'alan' });
    expect(within(pager).getByText('Page 2')).toBeInTheDocument();
    expect(within(pager).getByRole('button', { name: 'Next' })).toBeDisabled();
    link.answer('AdminUsersPage', page([user('u1', 'ada')], 'c1', true));
    await person.click(within(pager).getByRole('button', { name: 'Previous' }));
    await waitFor(() => expect(address()).toBe('/admin/users?search=a&before=s2'));
    await screen.findByRole('link', { name: 'ada' });
    expect(link.requests('AdminUsersPage').map((request) => request.variables)).toEqual([
      { filter: { search: 'a' }, first: 20, after: null },
      { filter: { search: 'a' }, first: 20, after: 'c1' },
      { filter: { search: 'a' }, last: 20, before: 's2' },
    ]);
  });

  it("opens a user's page, which can lead back to the same results", async () => {
    const { user: person } = setup('/admin/users?search=ada', page([user('u1', 'ada')], 'c1', false));
    await person.click(await screen.findByRole('link', { name: 'ada' }));
    expect(await screen.findByRole('heading', { name: 'User page /admin/users/u1, back to /admin/users?search=ada' })).toBeInTheDocument();
  });
});
