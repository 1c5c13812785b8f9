import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { Coordination, Database, RequestContext } from '@trading/platform';
import type { CashAccountCache } from '@trading/ledger';
import type { OrderListIndexes } from './data/orders';
import type { CandleLookup, PriceLookup, Quote } from './data/prices';
import type { MarketActivity } from './domain/market-activity';
import type { OrderMetrics } from './metrics';

/** What every orders resolver gets. */
export interface SubgraphContext extends RequestContext {
  db: Database;
  coordination: Coordination;
  prices: PriceLookup;
  /** Price history (inventory's candles), for `Portfolio.history`. */
  candles: CandleLookup;
  /** Which list indexes the orders table has (checked once at start). */
  orderIndexes: OrderListIndexes;
  /** The last 24 hours of fills per asset, cached per process for a few seconds. */
  activity: MarketActivity;
  /** Orders placed, filled and cancelled, for GET /metrics. */
  metrics: OrderMetrics;
  /** Cash accounts as this process last wrote them (see CashAccountCache), shared by every request and the matcher. */
  accounts: CashAccountCache;
  /**
   * Reads `key` once per request when the operation is a query (an entity fetch names the same user once per order):
   * later calls get the first read. Mutations always read afresh, since they may write between two reads.
   */
  readOnce<T>(info: GraphQLResolveInfo, key: string, load: () => Promise<T>): Promise<T>;
  /** This request's price lookups, batched into one call to inventory and consistent within the request. */
  quotes: DataLoader<string, Quote | null>;
}
