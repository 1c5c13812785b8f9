import { useMemo } from 'react';
import { graphql } from '../gql';
import { useResilientSubscription } from './useResilientSubscription';

// One event per price-feed tick with every change of that tick for the symbols asked for: a page of 20 assets
// follows them over one subscription, not 20. Each tick's `asset` is written to the normalized cache.
export const MarketTicksDocument = graphql(`
  subscription MarketTicks($symbols: [String!]) {
    marketTicks(symbols: $symbols) {
      at
      ticks {
        symbol
        price
        asset {
          symbol
          price
          change24h
        }
      }
    }
  }
`);

/** The router follows at most this many symbols in one subscription. */
const MAX_SYMBOLS = 100;

/**
 * Follows the live prices of the given assets over one `marketTicks` subscription. Each tick is written to the
 * normalized cache (`Asset:{symbol}`), so every view showing one of these assets re-renders with the new price.
 */
export function useLivePrices(symbols: readonly string[]): void {
  const key = [...new Set(symbols)].sort().slice(0, MAX_SYMBOLS).join(',');
  const variables = useMemo(() => ({ symbols: key ? key.split(',') : [] }), [key]);
  useResilientSubscription(MarketTicksDocument, { variables, skip: key === '' });
}
