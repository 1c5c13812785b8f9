export { startInventorySubgraph, typeDefs, type InventorySubgraphOptions, type SimulatedFeedSettings } from './server';
export { loadInventoryConfig, inventoryConfigShape, inventorySettings, type InventoryConfig } from './config';
export type { PriceSource, PriceTickHandler, SourcePrice } from './feed/price-source';
export { startTicker, type Ticker } from './feed/ticker';
