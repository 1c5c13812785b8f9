import './tracing';
import { connectServiceDeps, stopOnSignals } from '@trading/platform';
import { loadRouterConfig } from './config';
import { startRouter } from './server';

// Runs the router alone, configured by environment variables (see README).
(async () => {
  const config = loadRouterConfig();
  const deps = await connectServiceDeps('router', config);
  const { log, coordination, jwt, internalSecret, revoked, audit } = deps;
  const running = await startRouter({
    supergraphFile: config.SUPERGRAPH_FILE,
    subgraphUrls: config.subgraphUrls,
    jwt,
    internalSecret,
    trustProxy: config.TRUST_PROXY,
    limits: config.limits,
    introspection: config.introspection,
    sandbox: config.sandbox,
    corsOrigins: config.corsOrigins,
    maxBodyBytes: config.MAX_BODY_BYTES,
    coordination,
    revoked,
    audit,
    rateLimits: config.rateLimits,
    socketLimits: config.socketLimits,
    shareInFlight: config.SUBGRAPH_SHARE_IN_FLIGHT,
    ...(config.SAFELIST_FILE ? { safelistFile: config.SAFELIST_FILE } : {}),
    ...(config.WEB_APP_DIR ? { webAppDir: config.WEB_APP_DIR } : {}),
    log,
    port: config.PORT,
    host: config.HOST,
  });
  stopOnSignals(deps, running.close);
  log.info({ url: running.url }, 'router ready');
})().catch((error: unknown) => {
  console.error(`router failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
