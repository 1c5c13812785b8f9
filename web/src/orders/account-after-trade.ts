import type { ApolloCache, Reference } from '@apollo/client';
import { graphql } from '../gql';

/**
 * What a trade changes besides the order: the balance, the holdings and the portfolio. Asked for with every order
 * mutation and order event, so the cache (and every page showing them) is current without a refetch.
 */
export const AccountAfterTradeFragmentDoc = graphql(`
  fragment AccountAfterTrade on User {
    id
    balance
    holdings {
      ...PositionRow
    }
    portfolio {
      cashBalance
      reservedCash
      availableCash
      holdingsValue
      totalValue
      positions {
        ...PositionRow
      }
    }
  }
`);

/** Puts a newly OPEN order at the top of every cached list of the user's open orders (lists are cached per arguments). */
export function addToOpenOrders(cache: ApolloCache, userId: string, order: { __typename?: 'Order'; id: string }): void {
  const orderRef = cache.identify({ __typename: 'Order', id: order.id });
  if (!orderRef) return;
  cache.modify<{ orders: { edges: Array<{ node: Reference }> } }>({
    id: cache.identify({ __typename: 'User', id: userId }),
    fields: {
      orders(existing, { storeFieldName, readField, DELETE }) {
        void DELETE;
        if (!storeFieldName.includes('"status":"OPEN"') || typeof existing !== 'object' || existing === null) return existing;
        const connection = existing as unknown as { edges: Array<{ node: Reference }> };
        if (connection.edges.some((edge) => readField('id', edge.node) === order.id)) return existing;
        return { ...connection, edges: [{ __typename: 'OrderEdge', cursor: '', node: { __ref: orderRef } }, ...connection.edges] } as typeof existing;
      },
    },
  });
}
