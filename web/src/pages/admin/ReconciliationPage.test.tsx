import { ApolloProvider } from '@apollo/client/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { fakeClient } from '../../apollo/test-doubles';
import ReconciliationPage from './ReconciliationPage';

function mismatch(userId: string, username: string, kind: string, subject: string, expected: string, actual: string) {
  return { __typename: 'ReconciliationMismatch', user: { __typename: 'User', id: userId, username }, kind, subject, expected, actual };
}

function report(
  usersChecked: number,
  mismatches: ReturnType<typeof mismatch>[],
  endCursor: string | null,
  hasNextPage: boolean,
  hasPreviousPage = false,
) {
  return {
    reconciliation: {
      __typename: 'Reconciliation',
      usersChecked,
      mismatches,
      pageInfo: { __typename: 'PageInfo', hasNextPage, hasPreviousPage, endCursor },
    },
  };
}

function Address() {
  const location = useLocation();
  return <output aria-label="address">{`${location.pathname}${location.search}`}</output>;
}

function setup(url: string, first: ReturnType<typeof report>) {
  const { client, link } = fakeClient();
  link.answer('AdminReconciliationPage', first);
  render(
    <ApolloProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/admin/reconciliation" element={<ReconciliationPage />} />
        </Routes>
        <Address />
      </MemoryRouter>
    </ApolloProvider>,
  );
  return { link, user: userEvent.setup(), address: () => screen.getByRole('status', { name: 'address' }).textContent };
}

const outcome = () => screen.getAllByRole('status').find((status) => status.getAttribute('aria-label') !== 'address');

describe('the reconciliation report', () => {
  it('says the books balance when nothing is out of line, with how many users were checked', async () => {
    const { link } = setup('/admin/reconciliation', report(7, [], 'r7', false));
    await screen.findByText('The books balance.');
    expect(outcome()).toHaveTextContent('The books balance. 7 users checked, no mismatch found.');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Reconciliation pages' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Reconciliation' })).toHaveAttribute('aria-current', 'page');
    expect(link.requests('AdminReconciliationPage').map((request) => request.variables)).toEqual([{ first: 20, after: null }]);
  });

  it('shows each mismatch with whose books, what kind, what it concerns and both figures; checking again shows the new answer', async () => {
    const { link, user } = setup(
      '/admin/reconciliation',
      report(
        20,
        [
          mismatch('u1', 'mallory', 'BALANCE_NOT_LEDGER_SUM', 'cash', '100.00', '90.00'),
          mismatch('u1', 'mallory', 'HOLDING_NOT_FILLS', 'BTC', '0', '2'),
        ],
        'r20',
        false,
      ),
    );
    const table = await screen.findByRole('table', { name: 'What does not add up, by user' });
    expect(outcome()).toHaveTextContent('2 mismatches among 20 users checked.');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((row) => [
        within(row).getByRole('rowheader').textContent,
        ...within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ]),
    ).toEqual([
      ['mallory', 'Cash balance is not the sum of the ledger', 'cash', '100.00', '90.00'],
      ['mallory', 'Holding differs from the filled orders', 'BTC', '0', '2'],
    ]);
    expect(within(rows[0]!).getByRole('link', { name: 'mallory' })).toHaveAttribute('href', '/admin/users/u1');

    link.answer('AdminReconciliationPage', report(20, [], 'r20', false));
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    await screen.findByText('The books balance.');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(link.requests('AdminReconciliationPage')).toHaveLength(2);
  });

  it('pages forward through the users, keeping the cursor of each page before in the address, and back', async () => {
    const { link, user, address } = setup('/admin/reconciliation', report(20, [], 'r1', true));
    const pager = await screen.findByRole('navigation', { name: 'Reconciliation pages' });
    expect(within(pager).getByRole('button', { name: 'Previous users' })).toBeDisabled();
    link.answer('AdminReconciliationPage', report(20, [], 'r2', true, true));
    await user.click(within(pager).getByRole('button', { name: 'Next users' }));
    await waitFor(() => expect(address()).toBe('/admin/reconciliation?after=r1'));
    await waitFor(() => expect(within(pager).getByText('Page 2')).toBeInTheDocument());
    link.answer('AdminReconciliationPage', report(3, [mismatch('u9', 'eve', 'NEGATIVE_BALANCE', 'cash', '0', '-5.00')], null, false, true));
    await user.click(within(pager).getByRole('button', { name: 'Next users' }));
    await waitFor(() => expect(address()).toBe('/admin/reconciliation?after=r1&after=r2'));
    expect(await screen.findByText('Cash balance below zero')).toBeInTheDocument();
    expect(outcome()).toHaveTextContent('1 mismatch among 3 users checked on this page.');
    expect(within(pager).getByText('Page 3')).toBeInTheDocument();
    expect(within(pager).getByRole('button', { name: 'Next users' })).toBeDisabled();
    link.answer('AdminReconciliationPage', report(20, [], 'r2', true, true));
    await user.click(within(pager).getByRole('button', { name: 'Previous users' }));
    await waitFor(() => expect(address()).toBe('/admin/reconciliation?after=r1'));
    await waitFor(() => expect(outcome()).toHaveTextContent('The books balance. 20 users checked on this page, no mismatch found.'));
    expect(link.requests('AdminReconciliationPage').map((request) => request.variables)).toEqual([
      { first: 20, after: null },
      { first: 20, after: 'r1' },
      { first: 20, after: 'r2' },
      { first: 20, after: 'r1' },
    ]);
  });
});
