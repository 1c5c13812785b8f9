export { startInventorySubgraph, typeDefs, type InventorySubgraphOptions } from './server';
export { loadInventoryConfig, inventoryConfigShape, type InventoryConfig } from './config';
