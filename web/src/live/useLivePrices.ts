import { useMemo } from 'react';
import { graphql } from '../gql';
import type { PriceTicksSubscription } from '../gql/graphql';
import { useResilientSubscription } from './useResilientSubscription';

export const PriceTicksDocument = graphql(`
  subscription PriceTicks($symbols: [String!]) {
    priceChanged(symbols: $symbols) {
      symbol
      price
      previousPrice
      changedAt
      asset {
        symbol
        price
        change24h
      }
    }
  }
`);

/** The router follows at most this many symbols in one subscription. */
const MAX_SYMBOLS = 100;

export type PriceTick = PriceTicksSubscription['priceChanged'];

/**
 * Follows the live prices of the given assets. Each tick is written to the normalized cache (`Asset:{symbol}`), so
 * every view showing one of these assets re-renders with the new price; `onTick` also gets each tick (the chart).
 */
export function useLivePrices(symbols: readonly string[], onTick?: (tick: PriceTick) => void): void {
  const key = [...new Set(symbols)].sort().slice(0, MAX_SYMBOLS).join(',');
  const variables = useMemo(() => ({ symbols: key ? key.split(',') : [] }), [key]);
  useResilientSubscription(PriceTicksDocument, {
    variables,
    skip: key === '',
    onData: (data) => onTick?.(data.priceChanged),
  });
}
