import { createCoordination, createLogger, jwtSettings, resolveInternalSecret } from '@trading/platform';
import { loadRouterConfig } from './config';
import { startRouter } from './server';

// Runs the router alone, configured by environment variables (see README).
(async () => {
  const config = loadRouterConfig();
  const log = createLogger('router', config.LOG_LEVEL);
  const coordination = await createCoordination({ redisUrl: config.REDIS_URL, onError: (err) => log.error({ err }, 'coordination error') });
  const running = await startRouter({
    supergraphFile: config.SUPERGRAPH_FILE,
    subgraphUrls: config.subgraphUrls,
    jwt: jwtSettings(config),
    internalSecret: resolveInternalSecret(config),
    trustProxy: config.TRUST_PROXY,
    limits: config.limits,
    introspection: config.introspection,
    sandbox: config.sandbox,
    corsOrigins: config.corsOrigins,
    maxBodyBytes: config.MAX_BODY_BYTES,
    coordination,
    rateLimits: config.rateLimits,
    ...(config.SAFELIST_FILE ? { safelistFile: config.SAFELIST_FILE } : {}),
    log,
    port: config.PORT,
    host: config.HOST,
  });
  log.info({ url: running.url }, 'router ready');
})().catch((error: unknown) => {
  console.error(`router failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
