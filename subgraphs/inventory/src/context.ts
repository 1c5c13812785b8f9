import type DataLoader from 'dataloader';
import type { AuditLog, EventBus, RequestContext } from '@trading/platform';
import type { AssetRecord, AssetStore } from './data/assets';

/** What every inventory resolver gets. */
export interface SubgraphContext extends RequestContext {
  assets: AssetStore;
  events: EventBus;
  audit: AuditLog;
  /** Batches this request's lookups by symbol (e.g. every asset of a portfolio) into one BatchGetItem. */
  assetBySymbol: DataLoader<string, AssetRecord | null>;
}
