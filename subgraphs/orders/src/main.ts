import './tracing';
import { runService } from '@trading/platform';
import { loadOrdersConfig } from './config';
import { startOrdersSubgraph } from './server';

// Runs the orders subgraph alone, configured by environment variables (see README).
runService(
  'orders',
  () => loadOrdersConfig(),
  (config, deps) => startOrdersSubgraph({ ...deps, inventoryUrl: config.INVENTORY_URL, port: config.PORT, host: config.HOST }),
);
