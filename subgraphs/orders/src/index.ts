export { startOrdersSubgraph, typeDefs, type OrdersSubgraphOptions } from './server';
export { loadOrdersConfig, ordersConfigShape, type OrdersConfig } from './config';
