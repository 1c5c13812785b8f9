import { ApolloProvider, useQuery } from '@apollo/client/react';
import { act, render, screen, waitFor } from '@testing-library/react';
import { fakeClient } from '../apollo/test-doubles';
import { graphql } from '../gql';
import { useLivePrices } from './useLivePrices';

const BoardDocument = graphql(`
  query LivePricesTestBoard {
    assets(first: 2) {
      edges {
        node {
          symbol
          price
          change24h
        }
      }
    }
  }
`);

const asset = (symbol: string, price: string, change24h: string) => ({ __typename: 'Asset' as const, symbol, price, change24h });

function Board() {
  const { data } = useQuery(BoardDocument, { fetchPolicy: 'cache-only' });
  const assets = data?.assets.edges.map((edge) => edge.node) ?? [];
  useLivePrices(['ETH', ...assets.map((node) => node.symbol)]);
  return (
    <ul>
      {assets.map((node) => (
        <li key={node.symbol}>{`${node.symbol} ${node.price} ${node.change24h}`}</li>
      ))}
    </ul>
  );
}

describe('useLivePrices', () => {
  it('follows every asset of a page over one marketTicks subscription and writes each tick to the cached asset', async () => {
    const { client, link } = fakeClient();
    const board = {
      assets: {
        __typename: 'AssetConnection' as const,
        edges: [
          { __typename: 'AssetEdge' as const, node: asset('BTC', '95000', '1.00') },
          { __typename: 'AssetEdge' as const, node: asset('ETH', '3000', '-0.50') },
        ],
      },
    };
    client.writeQuery({ query: BoardDocument, data: board });
    render(
      <ApolloProvider client={client}>
        <Board />
      </ApolloProvider>,
    );
    await waitFor(() => expect(link.requests('MarketTicks')).toHaveLength(1));
    expect(link.requests('MarketTicks')[0]?.variables).toEqual({ symbols: ['BTC', 'ETH'] });

    act(
      () =>
        void link.push('MarketTicks', {
          marketTicks: {
            __typename: 'MarketTicks',
            at: '2026-11-25T15:10:49.000Z',
            ticks: [
              { __typename: 'PriceTick', symbol: 'BTC', price: '95100', asset: asset('BTC', '95100', '1.11') },
              { __typename: 'PriceTick', symbol: 'ETH', price: '2990', asset: asset('ETH', '2990', '-0.83') },
            ],
          },
        }),
    );
    await waitFor(() => expect(screen.getByText('BTC 95100 1.11')).toBeInTheDocument());
    expect(screen.getByText('ETH 2990 -0.83')).toBeInTheDocument();
    expect(link.requests('MarketTicks')).toHaveLength(1);
  });
});
