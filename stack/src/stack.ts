import fs from 'node:fs';
import path from 'node:path';
import { AuditLog, createCoordination, createDatabase, createLogger, RevokedSessions, type JwtSettings, type Logger } from '@trading/platform';
import { embeddedEndpointFile } from '@trading/platform/command';
import { startEmbeddedDynamo } from '@trading/platform/dynamodb/embedded';
import { startInventorySubgraph, type InventorySubgraphOptions } from '@trading/inventory';
import { startOrdersSubgraph } from '@trading/orders';
import { startRouter, type RouterOptions, type RouterSettings } from '@trading/router';
import { startUsersSubgraph, type UsersSubgraphOptions } from '@trading/users';

export interface StackOptions {
  /** Existing DynamoDB endpoint; when unset, the embedded endpoint runs in this process. */
  dynamoEndpoint?: string;
  /** Folder for the embedded endpoint's files; unset keeps the data in memory (tests). */
  dataDir?: string;
  region?: string;
  tablePrefix?: string;
  /** Redis for events and locks; unset means in-process. */
  redisUrl?: string;
  /** Namespace of events, locks and rate limits (in Redis or in this process), so test stacks do not share them; default `trading:`. */
  coordinationPrefix?: string;
  jwt: JwtSettings;
  /** Key of the internal identities the router signs for the subgraphs. */
  internalSecret: string;
  /** Days the audit trail keeps entries; default 365. */
  auditRetentionDays?: number;
  /**
   * Each service's own options, as `usersSettings`, `inventorySettings` and `routerSettings` map them from their
   * settings (npm start) or as a test chooses: bcrypt cost, refresh token lifetime and sign-in limits; the price feed
   * (default off) and price history (default none); the router's limits, CORS, introspection, Sandbox, body size...
   */
  users: Pick<UsersSubgraphOptions, 'bcryptCost' | 'refreshTtlSeconds' | 'signInLimits'>;
  inventory?: Pick<InventorySubgraphOptions, 'priceFeed' | 'priceHistory'>;
  router?: Omit<RouterSettings, 'subgraphUrls'> & Pick<RouterOptions, 'apiKeyUseFlushMs'>;
  /** Ports: 0 picks free ones. */
  ports: { router: number; users: number; inventory: number; orders: number };
  /** Interface the router binds; subgraphs bind 127.0.0.1. */
  host?: string;
  /** Supergraph file; default the committed one. */
  supergraphFile?: string;
  log?: Logger;
}

/** The whole platform running in this process. */
export interface RunningStack {
  routerUrl: string;
  subgraphUrls: { users: string; inventory: string; orders: string };
  dynamoEndpoint: string;
  /** The router's live subscription figures (upstream streams, client subscriptions, sockets). */
  subscriptionStats(): { upstreams: number; subscribers: number; connections: number };
  /** Stops the router, the subgraphs and the embedded database, in that order. */
  close(): Promise<void>;
}

/** Starts the embedded database (unless one is given), the three subgraphs and the router, wired together. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const log = options.log ?? createLogger('stack', 'silent');
  const closers: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    let dynamoEndpoint = options.dynamoEndpoint;
    if (!dynamoEndpoint) {
      const embedded = await startEmbeddedDynamo(options.dataDir ? { dataDir: path.join(options.dataDir, 'dynamodb') } : {});
      closers.push(() => embedded.close());
      dynamoEndpoint = embedded.endpoint;
      if (options.dataDir) {
        // Commands such as create-admin reach the running database through this file (its files are locked).
        const endpointFile = embeddedEndpointFile(options.dataDir);
        fs.writeFileSync(endpointFile, embedded.endpoint);
        closers.push(() => fs.rmSync(endpointFile, { force: true }));
      }
    }
    const db = createDatabase({ endpoint: dynamoEndpoint, region: options.region ?? 'us-east-1', tablePrefix: options.tablePrefix ?? 'trading-' });
    closers.push(() => db.close());
    const coordination = await createCoordination({
      ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
      ...(options.coordinationPrefix ? { keyPrefix: options.coordinationPrefix } : {}),
      onError: (err) => log.error({ err }, 'coordination error'),
    });
    closers.push(() => coordination.close());

    const audit = new AuditLog(db, { ...(options.auditRetentionDays ? { retentionDays: options.auditRetentionDays } : {}), log });
    const revoked = new RevokedSessions(coordination.store, options.jwt.ttlSeconds, coordination.events);
    const deps = { db, coordination, jwt: options.jwt, internalSecret: options.internalSecret, revoked, audit };
    const local = '127.0.0.1';
    const users = await startUsersSubgraph({
      ...deps,
      log: log.child({ service: 'users' }),
      ...options.users,
      port: options.ports.users,
      host: local,
    });
    closers.push(() => users.close());
    const inventory = await startInventorySubgraph({
      ...deps,
      log: log.child({ service: 'inventory' }),
      port: options.ports.inventory,
      host: local,
      ...options.inventory,
    });
    closers.push(() => inventory.close());
    const orders = await startOrdersSubgraph({
      ...deps,
      log: log.child({ service: 'orders' }),
      inventoryUrl: inventory.url,
      port: options.ports.orders,
      host: local,
    });
    closers.push(() => orders.close());

    const subgraphUrls = { users: users.url, inventory: inventory.url, orders: orders.url };
    const router = await startRouter({
      ...options.router,
      supergraphFile: options.supergraphFile ?? path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'),
      subgraphUrls,
      jwt: options.jwt,
      internalSecret: options.internalSecret,
      coordination,
      revoked,
      audit,
      db: deps.db,
      log: log.child({ service: 'router' }),
      port: options.ports.router,
      ...(options.host ? { host: options.host } : {}),
    });
    closers.push(() => router.close());
    return { routerUrl: router.url, subgraphUrls, dynamoEndpoint, subscriptionStats: () => router.subscriptions.stats(), close };
  } catch (error) {
    await close();
    throw error;
  }
}
