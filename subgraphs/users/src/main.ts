import './tracing';
import { runService } from '@trading/platform';
import { loadUsersConfig, usersSettings } from './config';
import { startUsersSubgraph } from './server';

// Runs the users subgraph alone, configured by environment variables (see README).
runService(
  'users',
  () => loadUsersConfig(),
  (config, deps) =>
    startUsersSubgraph({
      ...deps,
      ...usersSettings(config),
      port: config.PORT,
      host: config.HOST,
    }),
);
