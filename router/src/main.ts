import './tracing';
import { connectServiceDeps, stopOnSignals } from '@trading/platform';
import { loadRouterConfig, routerSettings } from './config';
import { startRouter } from './server';

// Runs the router alone, configured by environment variables (see README).
(async () => {
  const config = loadRouterConfig();
  const deps = await connectServiceDeps('router', config);
  const { log, coordination, jwt, internalSecret, revoked, audit, db } = deps;
  const running = await startRouter({
    ...routerSettings(config),
    supergraphFile: config.SUPERGRAPH_FILE,
    jwt,
    internalSecret,
    coordination,
    revoked,
    audit,
    db,
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
