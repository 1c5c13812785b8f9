import type { Coordination, Database, Logger } from '@trading/platform';
import type { CashAccountCache } from '@trading/ledger';
import type { PriceLookup } from '../data/prices';
import type { OrderMetrics } from '../metrics';

/** What placing, filling, matching and cancelling orders work with. */
export interface TradingDeps {
  db: Database;
  coordination: Coordination;
  prices: PriceLookup;
  log: Logger;
  /** Counts orders placed and filled (GET /metrics); none in unit tests. */
  metrics?: OrderMetrics;
  /** Accounts as this process last wrote them: fills skip reading them when the guess holds (see CashAccountCache). */
  accounts?: CashAccountCache;
}
