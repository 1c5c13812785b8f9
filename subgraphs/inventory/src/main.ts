import './tracing';
import { runService } from '@trading/platform';
import { inventorySettings, loadInventoryConfig } from './config';
import { startInventorySubgraph } from './server';

// Runs the inventory subgraph alone, configured by environment variables (see README).
runService(
  'inventory',
  () => loadInventoryConfig(),
  (config, deps) =>
    startInventorySubgraph({
      ...deps,
      port: config.PORT,
      host: config.HOST,
      ...inventorySettings(config),
    }),
);
