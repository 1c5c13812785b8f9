import type DataLoader from 'dataloader';
import type { Coordination, Database, RequestContext } from '@trading/platform';
import type { PriceSource, Quote } from './data/prices';
import type { OrderMetrics } from './metrics';

/** What every orders resolver gets. */
export interface SubgraphContext extends RequestContext {
  db: Database;
  coordination: Coordination;
  prices: PriceSource;
  /** Orders placed, filled and cancelled, for GET /metrics. */
  metrics: OrderMetrics;
  /** This request's price lookups, batched into one call to inventory and consistent within the request. */
  quotes: DataLoader<string, Quote | null>;
}
