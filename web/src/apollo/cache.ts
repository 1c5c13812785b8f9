import { InMemoryCache } from '@apollo/client';

/**
 * The normalized cache. Entities are stored once under their key, so a price tick (an `Asset`) or a fill (an `Order`,
 * the `User`'s balance and `Holding`s) written by a subscription or a mutation updates every view that shows them.
 *
 * - `Asset` by `symbol` (its federation key); `Order`, `User`, `LedgerEntry`, `AuditEvent` by `id` (the default).
 * - `Holding` has no id: a user holds one per asset, and the app only ever sees the signed-in user's, so the asset's
 *   symbol is its key. `me.holdings` and `me.portfolio.positions` then share the same objects.
 * - `Portfolio`, `PriceTick` and `MarketTicks` are values, not entities: kept inside their parent and merged field by
 *   field.
 * - Connections are stored per argument set (each page is its own entry), so a page never overwrites another.
 * - Price and portfolio histories (`Asset.candles`, `Portfolio.history`) are stored per argument set too, and a newer
 *   answer for the same arguments replaces the older list whole (the points have no identity to merge by).
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Asset: { keyFields: ['symbol'], fields: { candles: { merge: false } } },
      Holding: { keyFields: ['asset', ['symbol']] },
      Portfolio: { keyFields: false, merge: true, fields: { history: { merge: false } } },
      PriceTick: { keyFields: false },
      MarketTicks: { keyFields: false },
      PageInfo: { keyFields: false, merge: true },
    },
  });
}
