import { ApolloProvider } from '@apollo/client/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { fakeClient } from '../../apollo/test-doubles';
import UserPage from './UserPage';

const ID = '01JD5X2M3Q4R5S6T7V8W9XYZAB';

function order(id: string, side: 'BUY' | 'SELL' = 'BUY') {
  return {
    __typename: 'Order',
    id,
    side,
    type: 'MARKET',
    status: 'FILLED',
    quantity: '0.01',
    limitPrice: null,
    price: '95000',
    total: '950.00',
    createdAt: '2026-11-25T15:10:49.123Z',
    filledAt: '2026-11-25T15:10:49.200Z',
    asset: { __typename: 'Asset', symbol: 'BTC', name: 'Bitcoin' },
  };
}

function event(id: string, action: string, outcome = 'SUCCESS', reason: string | null = null) {
  return {
    __typename: 'AuditEvent',
    id,
    at: '2026-11-25T15:00:00.000Z',
    action,
    outcome,
    actorId: outcome === 'FAILURE' ? null : ID,
    actorRole: outcome === 'FAILURE' ? null : 'CUSTOMER',
    subjectId: ID,
    reason,
    ip: '127.0.0.1',
    details: outcome === 'FAILURE' ? '{"login":"ada"}' : null,
  };
}

/** A connection's page: `startCursor` given when items come before it. */
function connection<T>(type: string, nodes: T[], endCursor: string | null, hasNextPage: boolean, startCursor: string | null = null) {
  return {
    __typename: `${type}Connection`,
    edges: nodes.map((node) => ({ __typename: `${type}Edge`, node })),
    pageInfo: { __typename: 'PageInfo', hasNextPage, hasPreviousPage: startCursor !== null, startCursor, endCursor },
  };
}

function answer(orders: ReturnType<typeof connection>, securityEvents: ReturnType<typeof connection>) {
  return {
    user: {
      __typename: 'User',
      id: ID,
      username: 'ada',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      phone: null,
      role: 'CUSTOMER',
      createdAt: '2026-11-20T09:00:00.000Z',
      balance: '8048.33',
      orders,
      securityEvents,
    },
  };
}

function setup(entry: string | { pathname: string; state: unknown }, first: Record<string, unknown>) {
  const { client, link } = fakeClient();
  link.answer('AdminUserPage', first);
  render(
    <ApolloProvider client={client}>
      <MemoryRouter initialEntries={[entry]}>
        <Routes>
          <Route path="/admin/users/:id" element={<UserPage />} />
        </Routes>
      </MemoryRouter>
    </ApolloProvider>,
  );
  return { link, user: userEvent.setup() };
}

/** The value shown for a term of the page's figures ("Cash balance" → "$8,048.33"). */
const figure = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;

describe("the admin's page of one user", () => {
  it('shows the profile, the cash balance, the orders and the audit trail of the account, from one request', async () => {
    const { link } = setup(
      `/admin/users/${ID}`,
      answer(
        connection('Order', [order('o2', 'SELL'), order('o1')], 'oc1', false),
        connection('AuditEvent', [event('e2', 'LOGIN'), event('e1', 'LOGIN', 'FAILURE', 'WRONG_PASSWORD')], 'ec1', false),
      ),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeInTheDocument();
    expect(figure('Username')).toBe('ada');
    expect(figure('Cash balance')).toBe('$8,048.33');
    expect(figure('Role')).toBe('Trader');
    expect(figure('Email')).toBe('ada@example.com');
    expect(figure('Phone')).toBe('Not given');
    expect(figure('User id')).toBe(ID);

    const orders = screen.getByRole('table', { name: 'Orders of ada, newest first' });
    expect(
      within(orders)
        .getAllByRole('row')
        .slice(1)
        .map((row) => within(row).getAllByRole('cell')[1]?.textContent),
    ).toEqual(['Sell BTC market', 'Buy BTC market']);
    expect(within(orders).getAllByText('Filled')).toHaveLength(2);

    const trail = screen.getByRole('table', { name: 'Audit entries about the account of ada, newest first' });
    const [success, failure] = within(trail).getAllByRole('row').slice(1);
    expect(within(success!).getByRole('rowheader')).toHaveTextContent('Sign-in');
    expect(within(success!).getByText('Success')).toBeInTheDocument();
    expect(within(success!).getByRole('link', { name: ID })).toHaveAttribute('href', `/admin/users/${ID}`);
    expect(within(failure!).getByText('Failure')).toBeInTheDocument();
    expect(within(failure!).getByText('WRONG_PASSWORD')).toBeInTheDocument();
    expect(within(failure!).getByText('Unknown')).toBeInTheDocument();
    expect(within(failure!).getByText('{"login":"ada"}')).toBeInTheDocument();
    expect(within(trail).queryByRole('columnheader', { name: 'Account' })).not.toBeInTheDocument();

    expect(screen.getByRole('link', { name: 'Everything ada did, in the audit trail →' })).toHaveAttribute('href', `/admin/audit?actor=${ID}`);
    expect(screen.getByRole('link', { name: '← All users' })).toHaveAttribute('href', '/admin/users');
    expect(screen.queryByRole('navigation', { name: 'Order pages' })).not.toBeInTheDocument();
    expect(link.requests('AdminUserPage').map((request) => request.variables)).toEqual([
      { id: ID, ordersFirst: 10, ordersAfter: null, eventsFirst: 10, eventsAfter: null },
    ]);
  });

  it('pages the orders and the audit entries each on its own, keeping where the other list is', async () => {
    const { link, user } = setup(
      `/admin/users/${ID}`,
      answer(connection('Order', [order('o3')], 'oc3', true), connection('AuditEvent', [event('e3', 'LOGIN')], 'ec3', true)),
    );
    const orderPager = await screen.findByRole('navigation', { name: 'Order pages' });
    link.answer(
      'AdminUserPage',
      answer(connection('Order', [order('o2', 'SELL')], 'oc2', false, 'os2'), connection('AuditEvent', [event('e3', 'LOGIN')], 'ec3', true)),
    );
    await user.click(within(orderPager).getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(within(orderPager).getByText('Page 2')).toBeInTheDocument());
    expect(screen.getByRole('table', { name: 'Orders of ada, newest first' })).toHaveTextContent('Sell BTC market');
    expect(within(orderPager).getByRole('button', { name: 'Older' })).toBeDisabled();

    const trailPager = screen.getByRole('navigation', { name: 'Audit trail pages' });
    link.answer(
      'AdminUserPage',
      answer(
        connection('Order', [order('o2', 'SELL')], 'oc2', false, 'os2'),
        connection('AuditEvent', [event('e2', 'PASSWORD_CHANGE')], 'ec2', false, 'es2'),
      ),
    );
    await user.click(within(trailPager).getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(within(trailPager).getByText('Page 2')).toBeInTheDocument());
    expect(screen.getByRole('table', { name: /^Audit entries about/ })).toHaveTextContent('Password change');

    link.answer(
      'AdminUserPage',
      answer(connection('Order', [order('o3')], 'oc3', true), connection('AuditEvent', [event('e2', 'PASSWORD_CHANGE')], 'ec2', false, 'es2')),
    );
    await user.click(within(orderPager).getByRole('button', { name: 'Newer' }));
    await waitFor(() => expect(within(orderPager).getByText('Page 1')).toBeInTheDocument());
    expect(link.requests('AdminUserPage').map((request) => request.variables)).toEqual([
      { id: ID, ordersFirst: 10, ordersAfter: null, eventsFirst: 10, eventsAfter: null },
      { id: ID, ordersFirst: 10, ordersAfter: 'oc3', eventsFirst: 10, eventsAfter: null },
      { id: ID, ordersFirst: 10, ordersAfter: 'oc3', eventsFirst: 10, eventsAfter: 'ec3' },
      { id: ID, ordersLast: 10, ordersBefore: 'os2', eventsFirst: 10, eventsAfter: 'ec3' },
    ]);
  });

  it('says when a user has no orders yet, and leads back to the search it came from', async () => {
    setup(
      { pathname: `/admin/users/${ID}`, state: { from: '/admin/users?search=ada' } },
      answer(connection('Order', [], null, false), connection('AuditEvent', [event('e1', 'REGISTER')], 'ec1', false)),
    );
    expect(await screen.findByText('ada has placed no orders.')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: /^Orders of/ })).not.toBeInTheDocument();
    expect(screen.getByRole('table', { name: /^Audit entries about/ })).toHaveTextContent('Registration');
    expect(screen.getByRole('link', { name: '← All users' })).toHaveAttribute('href', '/admin/users?search=ada');
  });

  it('says when no account has the id', async () => {
    setup('/admin/users/01JD5X2M3Q4R5S6T7V8W9XYZZZ', { user: null });
    expect(await screen.findByRole('heading', { level: 1, name: 'No such user' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'all users' })).toHaveAttribute('href', '/admin/users');
  });
});
