import { ApolloProvider } from '@apollo/client/react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient } from '../apollo/test-doubles';
import { historyVariables } from './history-ranges';
import { PortfolioHistory, PortfolioHistoryDocument } from './PortfolioHistory';

const point = (at: string, value: string) => ({ __typename: 'PortfolioPoint' as const, at, value, cash: '0' });
const history = (points: ReturnType<typeof point>[]) => ({
  me: { __typename: 'User' as const, id: 'u1', portfolio: { __typename: 'Portfolio' as const, history: points } },
});

function setup() {
  const { client, link } = fakeClient();
  const page = { range: '1W' as const, variables: historyVariables('1W', new Date()) };
  // What the dashboard's query left in the cache for its range.
  client.writeQuery({
    query: PortfolioHistoryDocument,
    variables: page.variables,
    data: history([point('2026-11-24T10:00:00.000Z', '0'), point('2026-11-24T11:00:00.000Z', '10000'), point('2026-11-25T15:00:00.000Z', '10100')]),
  });
  render(
    <ApolloProvider client={client}>
      <PortfolioHistory page={page} createdAt={new Date(Date.now() - 3 * 60 * 60_000).toISOString()} liveValue="10200.00" />
    </ApolloProvider>,
  );
  return { link, user: userEvent.setup() };
}

describe('the portfolio history chart', () => {
  it("draws the page's week from the cache, from the first deposit to the live value", () => {
    const { link } = setup();
    expect(
      screen.getByRole('figure', {
        name: 'Portfolio value, last week: up 2.00%, $10,000.00 to $10,200.00; high $10,200.00, low $10,000.00.',
      }),
    ).toBeInTheDocument();
    expect(link.requests('PortfolioHistory')).toHaveLength(0);
  });

  it('asks for another range when the trader picks it; "All" starts when the account began', async () => {
    const { link, user } = setup();
    link.answer('PortfolioHistory', history([point('2026-10-27T10:00:00.000Z', '9000'), point('2026-11-25T15:00:00.000Z', '10100')]));
    await user.click(screen.getByRole('radio', { name: '1M' }));
    await screen.findByRole('figure', { name: /^Portfolio value, last 30 days: up 13\.33%, \$9,000\.00 to \$10,200\.00/ });
    expect(link.requests('PortfolioHistory')[0]?.variables).toMatchObject({ interval: 'ONE_HOUR' });

    link.answer('PortfolioHistory', history([point('2026-11-25T13:00:00.000Z', '10000')]));
    await user.click(screen.getByRole('radio', { name: 'All' }));
    await waitFor(() => expect(link.requests('PortfolioHistory')).toHaveLength(2));
    // Three hours old: minutes cover it in under 990 points.
    expect(link.requests('PortfolioHistory')[1]?.variables).toMatchObject({ interval: 'ONE_MINUTE' });
    await screen.findByRole('figure', { name: 'Portfolio value, since you joined: $10,200.00, no history before now.' });
  });
});
