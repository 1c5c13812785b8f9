import { ApolloProvider } from '@apollo/client/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { fakeClient } from '../../apollo/test-doubles';
import OrdersPage from './OrdersPage';

function order(id: string, symbol: string, side: 'BUY' | 'SELL' = 'BUY') {
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
    asset: { __typename: 'Asset', symbol, name: symbol === 'BTC' ? 'Bitcoin' : 'Ether' },
  };
}

/** A page of orders as the API answers it; `startCursor` given when items come before it. */
function page(orders: ReturnType<typeof order>[], endCursor: string | null, hasNextPage: boolean, startCursor: string | null = null) {
  return {
    me: {
      __typename: 'User',
      id: 'u1',
      orders: {
        __typename: 'OrderConnection',
        edges: orders.map((node) => ({ __typename: 'OrderEdge', node })),
        pageInfo: { __typename: 'PageInfo', hasNextPage, hasPreviousPage: startCursor !== null, startCursor, endCursor },
      },
    },
  };
}

/** Where the app is: the test reads the address the page keeps its state in. */
function Address() {
  const location = useLocation();
  return <output aria-label="address">{`${location.pathname}${location.search}`}</output>;
}

function setup(url: string, firstPage: ReturnType<typeof page>) {
  const { client, link } = fakeClient();
  link.answer('OrdersPage', firstPage);
  render(
    <ApolloProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/orders" element={<OrdersPage />} />
        </Routes>
        <Address />
      </MemoryRouter>
    </ApolloProvider>,
  );
  return { link, user: userEvent.setup(), address: () => screen.getByRole('status', { name: 'address' }).textContent };
}

const localMidnight = (year: number, month: number, day: number) => new Date(year, month - 1, day).toISOString();

describe('the order history page', () => {
  it('asks the server for the orders the address filters, and shows those filters in the form', async () => {
    const { link } = setup('/orders?asset=btc&status=FILLED&from=2026-11-01&to=2026-11-30&side=nonsense', page([order('o1', 'BTC')], 'c1', false));
    await screen.findByRole('heading', { level: 1, name: 'Orders' });
    expect(link.requests('OrdersPage').map((request) => request.variables)).toEqual([
      {
        first: 20,
        after: null,
        filter: { symbol: 'BTC', status: 'FILLED', from: localMidnight(2026, 11, 1), to: localMidnight(2026, 12, 1) },
      },
    ]);
    const form = screen.getByRole('form', { name: 'Filter orders' });
    expect(within(form).getByLabelText('Asset')).toHaveValue('BTC');
    expect(within(form).getByLabelText('Status')).toHaveValue('FILLED');
    expect(within(form).getByLabelText('Side')).toHaveValue('');
    expect(within(form).getByLabelText('From')).toHaveValue('2026-11-01');
    expect(screen.getByRole('table', { name: 'Your orders matching the filters, newest first' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Order pages' })).not.toBeInTheDocument();
  });

  it('applies the filters chosen into the address, from page one', async () => {
    const { link, user, address } = setup('/orders?after=c1', page([order('o2', 'ETH')], 'c2', true));
    await screen.findByRole('table');
    link.answer('OrdersPage', page([order('o1', 'BTC', 'SELL')], 'c9', false));
    await user.type(screen.getByLabelText('Asset'), ' eth ');
    await user.selectOptions(screen.getByLabelText('Side'), 'Sell');
    await user.selectOptions(screen.getByLabelText('Type'), 'Market');
    await user.click(screen.getByRole('button', { name: 'Show orders' }));
    await waitFor(() => expect(address()).toBe('/orders?asset=ETH&side=SELL&type=MARKET'));
    await waitFor(() => expect(link.requests('OrdersPage')).toHaveLength(2));
    expect(link.requests('OrdersPage')[1]?.variables).toEqual({ first: 20, after: null, filter: { symbol: 'ETH', side: 'SELL', type: 'MARKET' } });
    expect(screen.getByRole('link', { name: 'Clear filters' })).toHaveAttribute('href', '/orders');
  });

  it('refuses a date range that ends before it begins, without asking the server', async () => {
    const { link, user, address } = setup('/orders', page([], null, false));
    await screen.findByText('No orders yet.');
    await user.type(screen.getByLabelText('From'), '2026-11-20');
    await user.type(screen.getByLabelText('To'), '2026-11-10');
    await user.click(screen.getByRole('button', { name: 'Show orders' }));
    expect(screen.getByText('The last day comes before the first.')).toBeInTheDocument();
    expect(screen.getByLabelText('To')).toHaveAttribute('aria-invalid', 'true');
    expect(address()).toBe('/orders');
    expect(link.requests('OrdersPage')).toHaveLength(1);
  });

  it('keeps the filters on screen when the server refuses them, so they can be corrected', async () => {
    const { link, user } = setup('/orders', page([], null, false));
    await screen.findByText('No orders yet.');
    link.refuse('OrdersPage', [{ message: 'No asset ZZZ', extensions: { code: 'BAD_USER_INPUT', field: 'filter.symbol' } }]);
    await user.type(screen.getByLabelText('Asset'), 'zzz');
    await user.click(screen.getByRole('button', { name: 'Show orders' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No asset ZZZ');
    expect(screen.getByRole('form', { name: 'Filter orders' })).toBeInTheDocument();
    expect(screen.getByLabelText('Asset')).toHaveValue('ZZZ');
  });

  it('pages forward after the last order and back before the first, each page in the address, keeping no cursor stack', async () => {
    const { link, user, address } = setup('/orders?status=FILLED', page([order('o3', 'BTC')], 'c3', true));
    const pager = await screen.findByRole('navigation', { name: 'Order pages' });
    expect(within(pager).getByText('Page 1')).toBeInTheDocument();
    expect(within(pager).getByRole('button', { name: 'Newer' })).toBeDisabled();
    link.answer('OrdersPage', page([order('o2', 'BTC')], 'c2', true, 's2'));
    await user.click(within(pager).getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(address()).toBe('/orders?status=FILLED&after=c3&page=2'));
    await screen.findByText('Page 2');
    expect(link.requests('OrdersPage').at(-1)?.variables).toEqual({ first: 20, after: 'c3', filter: { status: 'FILLED' } });
    link.answer('OrdersPage', page([order('o1', 'BTC')], 'c1', false, 's1'));
    await user.click(screen.getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(address()).toBe('/orders?status=FILLED&after=c2&page=3'));
    await screen.findByText('Page 3');
    expect(screen.getByRole('button', { name: 'Older' })).toBeDisabled();
    // Newer: the orders just before the first one shown (last/before), as the API tells where that page starts.
    link.answer('OrdersPage', page([order('o2', 'BTC')], 'c2', true, 's2'));
    await user.click(screen.getByRole('button', { name: 'Newer' }));
    await waitFor(() => expect(address()).toBe('/orders?status=FILLED&before=s1&page=2'));
    await screen.findByText('Page 2');
    expect(link.requests('OrdersPage').at(-1)?.variables).toEqual({ last: 20, before: 's1', filter: { status: 'FILLED' } });
    link.answer('OrdersPage', page([order('o3', 'BTC')], 'c3', true));
    await user.click(screen.getByRole('button', { name: 'Newer' }));
    await waitFor(() => expect(address()).toBe('/orders?status=FILLED&before=s2'));
    await screen.findByText('Page 1');
    expect(link.requests('OrdersPage').at(-1)?.variables).toEqual({ last: 20, before: 's2', filter: { status: 'FILLED' } });
    expect(screen.getByRole('button', { name: 'Newer' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Older' })).toBeEnabled();
  });

  it('opens a shared address of a later page where it says, and numbers it from what the API says', async () => {
    const { link } = setup('/orders?before=s9&page=4', page([order('o2', 'ETH')], 'c2', true, 's2'));
    await screen.findByText('Page 4');
    expect(link.requests('OrdersPage')[0]?.variables).toEqual({ last: 20, before: 's9', filter: {} });
  });
});
