import './tracing';
import { createLogger, jwtSettings, resolveInternalSecret } from '@trading/platform';
import { stopTracing } from '@trading/platform/tracing';
import { loadRouterConfig, routerSettings } from '@trading/router';
import { inventorySettings, loadInventoryConfig } from '@trading/inventory';
import { loadUsersConfig, usersSettings } from '@trading/users';
import { loadStackConfig } from './config';
import { builtWebApp } from './web-app';
import { startStack } from './stack';

// `npm start`: the whole platform in one process, with the embedded database persisted under DATA_DIR.
(async () => {
  const started = Date.now();
  // The AWS SDK is pinned (package.json) to a release that supports Node 20; its notice about future releases
  // needing Node 22 is for maintainers (see README), not for everyone who starts the platform.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const config = loadStackConfig();
  // The router's and the users subgraph's own settings apply too (ports aside: the stack chooses those).
  const routerConfig = loadRouterConfig();
  const usersConfig = loadUsersConfig();
  const inventoryConfig = loadInventoryConfig();
  const log = createLogger('trading', config.LOG_LEVEL);
  const webAppDir = routerConfig.WEB_APP_DIR ?? builtWebApp(log);
  // The stack wires the subgraphs' URLs itself.
  const { subgraphUrls: _wiredByTheStack, ...routerOwn } = routerSettings(routerConfig);
  const stack = await startStack({
    ...(config.DYNAMODB_ENDPOINT ? { dynamoEndpoint: config.DYNAMODB_ENDPOINT } : { dataDir: config.DATA_DIR }),
    region: config.AWS_REGION,
    tablePrefix: config.DYNAMODB_TABLE_PREFIX,
    ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
    coordinationPrefix: config.REDIS_KEY_PREFIX,
    auditRetentionDays: config.AUDIT_RETENTION_DAYS,
    jwt: jwtSettings(config),
    internalSecret: resolveInternalSecret(config),
    users: usersSettings(usersConfig),
    inventory: inventorySettings(inventoryConfig),
    ports: { router: config.PORT, users: config.USERS_PORT, inventory: config.INVENTORY_PORT, orders: config.ORDERS_PORT },
    host: config.HOST,
    router: { ...routerOwn, ...(webAppDir ? { webAppDir } : {}) },
    log,
  });
  const publicUrl = stack.routerUrl.replace('127.0.0.1', 'localhost');
  console.log(
    [
      '',
      `  Trading platform ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      '',
      `  Web app                         ${webAppDir ? publicUrl.replace(/\/graphql$/, '/') : 'not built (npm run build:web)'}`,
      `  GraphQL API and Apollo Sandbox  ${publicUrl}`,
      `  Health                          ${publicUrl.replace(/\/graphql$/, '/health')}`,
      `  Subgraphs                       users ${stack.subgraphUrls.users}`,
      `                                  inventory ${stack.subgraphUrls.inventory}`,
      `                                  orders ${stack.subgraphUrls.orders}`,
      `  DynamoDB                        ${config.DYNAMODB_ENDPOINT ?? `embedded at ${stack.dynamoEndpoint}, data in ${config.DATA_DIR}`}`,
      `  Events and locks                ${config.REDIS_URL ? 'Redis' : 'in-process'}`,
      '',
    ].join('\n'),
  );
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    stack
      .close()
      .then(() => stopTracing())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
})().catch((error: unknown) => {
  console.error(`The platform failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
