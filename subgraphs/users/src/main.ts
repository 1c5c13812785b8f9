import { runService } from '@trading/platform';
import { loadUsersConfig } from './config';
import { startUsersSubgraph } from './server';

// Runs the users subgraph alone, configured by environment variables (see README).
runService(
  'users',
  () => loadUsersConfig(),
  (config, deps) => startUsersSubgraph({ ...deps, bcryptCost: config.BCRYPT_COST, port: config.PORT, host: config.HOST }),
);
