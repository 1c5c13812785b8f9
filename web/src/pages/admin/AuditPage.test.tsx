import { ApolloProvider } from '@apollo/client/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { fakeClient } from '../../apollo/test-doubles';
import AuditPage from './AuditPage';

const ADA = '01JD5X2M3Q4R5S6T7V8W9XYZAB';
const OPS = '01JD5X2M3Q4R5S6T7V8W9XYZCD';

function event(id: string, action: string, actorId: string | null, subjectId: string | null, outcome = 'SUCCESS') {
  return {
    __typename: 'AuditEvent',
    id,
    at: '2026-11-25T15:00:00.000Z',
    action,
    outcome,
    actorId,
    actorRole: actorId === OPS ? 'ADMIN' : actorId ? 'CUSTOMER' : null,
    subjectId,
    reason: null,
    ip: '127.0.0.1',
    details: action === 'ADMIN_ACTION' ? '{"operation":"updateAsset","symbol":"ADA"}' : null,
  };
}

/** A page of entries as the API answers it; `startCursor` given when entries come before it. */
function page(events: ReturnType<typeof event>[], endCursor: string | null, hasNextPage: boolean, startCursor: string | null = null) {
  return {
    auditEvents: {
      __typename: 'AuditEventConnection',
      edges: events.map((node) => ({ __typename: 'AuditEventEdge', node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage, hasPreviousPage: startCursor !== null, startCursor, endCursor },
    },
  };
}

function Address() {
  const location = useLocation();
  return <output aria-label="address">{`${location.pathname}${location.search}`}</output>;
}

function setup(url: string, firstPage?: ReturnType<typeof page>) {
  const { client, link } = fakeClient();
  if (firstPage) link.answer('AdminAuditPage', firstPage);
  render(
    <ApolloProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/admin/audit" element={<AuditPage />} />
        </Routes>
        <Address />
      </MemoryRouter>
    </ApolloProvider>,
  );
  return { link, user: userEvent.setup(), address: () => screen.getByRole('status', { name: 'address' }).textContent };
}

const localMidnight = (year: number, month: number, day: number) => new Date(year, month - 1, day).toISOString();
/** The last millisecond of a local day: the API's `to` is "at or before". */
const localEndOfDay = (year: number, month: number, day: number) => new Date(new Date(year, month - 1, day + 1).getTime() - 1).toISOString();

describe('the admin audit trail', () => {
  it('asks for the entries the address filters, and shows those filters in the form', async () => {
    const { link } = setup(
      `/admin/audit?actor=${ADA.toLowerCase()}&action=login&from=2026-11-01&to=2026-11-30&outcome=nonsense`,
      page([event('e1', 'LOGIN', ADA, ADA)], 'c1', false),
    );
    const table = await screen.findByRole('table', { name: 'Audit entries matching the filters, newest first' });
    expect(link.requests('AdminAuditPage').map((request) => request.variables)).toEqual([
      { filter: { actor: ADA, action: 'LOGIN', from: localMidnight(2026, 11, 1), to: localEndOfDay(2026, 11, 30) }, first: 20, after: null },
    ]);
    const form = screen.getByRole('form', { name: 'Filter the audit trail' });
    expect(within(form).getByLabelText('Actor (user id)')).toHaveValue(ADA);
    expect(within(form).getByLabelText('Action')).toHaveValue('LOGIN');
    expect(within(form).getByLabelText('From')).toHaveValue('2026-11-01');
    expect(within(form).getByLabelText('To')).toHaveValue('2026-11-30');
    const [row] = within(table).getAllByRole('row').slice(1);
    expect(within(row!).getByRole('rowheader')).toHaveTextContent('Sign-in');
    expect(
      within(row!)
        .getAllByRole('link', { name: ADA })
        .map((actor) => actor.getAttribute('href')),
    ).toEqual([`/admin/users/${ADA}`, `/admin/users/${ADA}`]);
    expect(within(row!).getByText('trader')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Audit trail' })).toHaveAttribute('aria-current', 'page');
  });

  it('applies the filters chosen into the address and the query, from page one', async () => {
    const { link, user, address } = setup('/admin/audit?after=c1&page=2', page([event('e9', 'ADMIN_ACTION', OPS, null)], 'c9', true, 's9'));
    const table = await screen.findByRole('table', { name: 'Every audit entry, newest first' });
    expect(table).toHaveTextContent('{"operation":"updateAsset","symbol":"ADA"}');
    link.answer('AdminAuditPage', page([event('e2', 'PASSWORD_CHANGE', ADA, ADA)], 'c2', false));
    await user.type(screen.getByLabelText('Actor (user id)'), ` ${ADA.toLowerCase()} `);
    await user.selectOptions(screen.getByLabelText('Action'), 'Password change');
    await user.type(screen.getByLabelText('From'), '2026-11-02');
    await user.click(screen.getByRole('button', { name: 'Show entries' }));
    await waitFor(() => expect(address()).toBe(`/admin/audit?actor=${ADA}&action=PASSWORD_CHANGE&from=2026-11-02`));
    await screen.findByText('Password change', { selector: 'th' });
    expect(link.requests('AdminAuditPage').map((request) => request.variables)).toEqual([
      { filter: {}, first: 20, after: 'c1' },
      { filter: { actor: ADA, action: 'PASSWORD_CHANGE', from: localMidnight(2026, 11, 2) }, first: 20, after: null },
    ]);
    expect(screen.getByLabelText('Actor (user id)')).toHaveValue(ADA);
    expect(screen.getByRole('link', { name: 'Clear filters' })).toHaveAttribute('href', '/admin/audit');
  });

  it('refuses an actor that is not a user id, and a range that ends before it begins, without asking the server', async () => {
    const { link, user, address } = setup('/admin/audit', page([], null, false));
    await screen.findByText('No entries yet.');
    await user.type(screen.getByLabelText('Actor (user id)'), 'ada');
    await user.type(screen.getByLabelText('From'), '2026-11-20');
    await user.type(screen.getByLabelText('To'), '2026-11-10');
    await user.click(screen.getByRole('button', { name: 'Show entries' }));
    expect(screen.getByLabelText('Actor (user id)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Enter a user id: 26 letters and digits, as a user’s page shows it.')).toBeInTheDocument();
    expect(screen.getByText('The last day comes before the first.')).toBeInTheDocument();
    expect(address()).toBe('/admin/audit');
    expect(link.requests('AdminAuditPage')).toHaveLength(1);
  });

  it('opens a shared address that cannot be asked for with what to correct, and asks nothing', async () => {
    const { link } = setup('/admin/audit?actor=ada');
    expect(await screen.findByRole('alert')).toHaveTextContent('These filters cannot be shown: correct them above.');
    expect(screen.getByLabelText('Actor (user id)')).toHaveAttribute('aria-invalid', 'true');
    expect(link.requests('AdminAuditPage')).toHaveLength(0);
  });

  it('pages to older entries and back to newer ones, each page in the address with its filters', async () => {
    const { link, user, address } = setup('/admin/audit?action=LOGIN', page([event('e3', 'LOGIN', ADA, ADA)], 'c3', true));
    const pager = await screen.findByRole('navigation', { name: 'Audit trail pages' });
    expect(within(pager).getByRole('button', { name: 'Newer' })).toBeDisabled();
    link.answer('AdminAuditPage', page([event('e2', 'LOGIN', OPS, OPS)], 'c2', false, 's2'));
    await user.click(within(pager).getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(address()).toBe('/admin/audit?action=LOGIN&after=c3&page=2'));
    await waitFor(() => expect(within(pager).getByText('Page 2')).toBeInTheDocument());
    expect(within(pager).getByRole('button', { name: 'Older' })).toBeDisabled();
    link.answer('AdminAuditPage', page([event('e3', 'LOGIN', ADA, ADA)], 'c3', true));
    await user.click(within(pager).getByRole('button', { name: 'Newer' }));
    await waitFor(() => expect(address()).toBe('/admin/audit?action=LOGIN&before=s2'));
    await waitFor(() => expect(within(pager).getByText('Page 1')).toBeInTheDocument());
    expect(link.requests('AdminAuditPage').map((request) => request.variables)).toEqual([
      { filter: { action: 'LOGIN' }, first: 20, after: null },
      { filter: { action: 'LOGIN' }, first: 20, after: 'c3' },
      { filter: { action: 'LOGIN' }, last: 20, before: 's2' },
    ]);
  });

  it('keeps the filters on screen when the server refuses them, so they can be corrected', async () => {
    const { link, user } = setup('/admin/audit', page([], null, false));
    await screen.findByText('No entries yet.');
    link.refuse('AdminAuditPage', [
      { message: 'filter.from must not be after filter.to', extensions: { code: 'BAD_USER_INPUT', field: 'filter.from' } },
    ]);
    await user.selectOptions(screen.getByLabelText('Action'), 'Registration');
    await user.click(screen.getByRole('button', { name: 'Show entries' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('filter.from must not be after filter.to');
    expect(screen.getByLabelText('Action')).toHaveValue('REGISTER');
  });
});
