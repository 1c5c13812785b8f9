import type DataLoader from 'dataloader';
import type { AuditLog, EventBus, RequestContext } from '@trading/platform';
import type { AssetRecord, AssetStore } from './data/assets';
import type { CandleStore } from './data/candles';
import type { MarketRecorder } from './domain/market';

/** What every inventory resolver gets. */
export interface SubgraphContext extends RequestContext {
  assets: AssetStore;
  /** The price history, read by `Asset.candles` and `Asset.stats24h`. */
  candles: CandleStore;
  /** Where an admin's price change is recorded like a tick (candles, marketTicks). */
  market: MarketRecorder;
  events: EventBus;
  audit: AuditLog;
  /** Batches this request's lookups by symbol (e.g. every asset of a portfolio) into one BatchGetItem. */
  assetBySymbol: DataLoader<string, AssetRecord | null>;
}
