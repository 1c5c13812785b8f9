import './tracing';
import { runService } from '@trading/platform';
import { loadUsersConfig } from './config';
import { startUsersSubgraph } from './server';

// Runs the users subgraph alone, configured by environment variables (see README).
runService(
  'users',
  () => loadUsersConfig(),
  (config, deps) =>
    startUsersSubgraph({
      ...deps,
      bcryptCost: config.BCRYPT_COST,
      refreshTtlSeconds: config.REFRESH_TTL_SECONDS,
      signInLimits: {
        attemptsPerUsername: config.LOGIN_ATTEMPTS_PER_USERNAME,
        attemptsPerAddress: config.LOGIN_ATTEMPTS_PER_ADDRESS,
        registrationsPerAddress: config.REGISTRATIONS_PER_ADDRESS,
      },
      port: config.PORT,
      host: config.HOST,
    }),
);
