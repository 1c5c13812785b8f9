import { randomBytes } from 'node:crypto';
import { ENTRY, startServiceProcess, type ServiceProcess } from '@trading/stack/processes';

// The processes `npm run bench` measures: the embedded DynamoDB, the three subgraphs, our router and the stock
// gateway, each a Node process of its own, as deployed.

/** The stock baseline's entry (see bench/stock-gateway.ts), and Hive Gateway's (bench/hive-gateway.ts). */
const STOCK_ENTRY = 'bench/stock-gateway.ts';
const HIVE_ENTRY = 'bench/hive-gateway.ts';

export interface Services {
  db: ServiceProcess;
  users: ServiceProcess;
  inventory: ServiceProcess;
  orders: ServiceProcess;
  router: ServiceProcess;
  /** Our router with nothing shared: identical queries and subgraph queries in flight each sent. */
  unshared: ServiceProcess;
  stock: ServiceProcess;
  /** Hive Gateway with its defaults, and with the public benchmark's settings (JIT, inbound deduplication). */
  hive: ServiceProcess;
  hiveTuned: ServiceProcess;
  jwtSecret: string;
  internalSecret: string;
  /** Every process id by name, for the CPU figures. */
  pids: Record<string, number>;
  /** Stops every process, the database last. */
  stop(): Promise<void>;
}

/** Starts every service on free ports of 127.0.0.1, with fresh secrets and limits that stay out of the way. */
export async function startServices(say: (line: string) => void, options: { profileDir?: string } = {}): Promise<Services> {
  const started: ServiceProcess[] = [];
  const jwtSecret = randomBytes(32).toString('base64url');
  const internalSecret = randomBytes(32).toString('base64url');
  const env = {
    JWT_SECRET: jwtSecret,
    INTERNAL_SECRET: internalSecret,
    // The longest allowed, so that no token expires during a long run.
    JWT_TTL_SECONDS: String(24 * 3600),
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: '0',
    NODE_ENV: 'production',
  };
  // With a profile folder, every process writes its CPU profile there as it exits.
  const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  const start = async (entry: string, extra: Record<string, string>) => {
    const service = await startServiceProcess(entry, { ...env, ...extra }, { nodeArgs: profile });
    started.push(service);
    return service;
  };
  const stop = async () => {
    const db = started.shift();
    await Promise.all(started.map((service) => service.stop()));
    await db?.stop();
  };
  try {
    say(
      'starting: embedded DynamoDB (in memory), users, inventory (price feed off), orders, router (twice: sharing on and off), stock gateway, Hive Gateway (twice: defaults and tuned)',
    );
    const db = await start(ENTRY.db, { DATA_DIR: 'memory', DYNAMODB_PORT: '0' });
    const withDb = { DYNAMODB_ENDPOINT: db.url };
    const [users, inventory] = await Promise.all([
      // Every trader registers from 127.0.0.1; bcrypt's cost only slows the seeding down.
      start(ENTRY.users, { ...withDb, REGISTRATIONS_PER_ADDRESS: '100000', BCRYPT_COST: '4' }),
      // Prices stay still, so every target answers the same and the numbers compare.
      start(ENTRY.inventory, { ...withDb, PRICE_FEED: 'off' }),
    ]);
    const orders = await start(ENTRY.orders, { ...withDb, INVENTORY_URL: inventory.url });
    const subgraphUrls = { SUBGRAPH_URL_USERS: users.url, SUBGRAPH_URL_INVENTORY: inventory.url, SUBGRAPH_URL_ORDERS: orders.url };
    // Every request comes from 127.0.0.1, and from a few users: the rate limits would refuse most of them.
    const routerEnv = { ...withDb, ...subgraphUrls, RATE_LIMIT_PER_USER: '1000000', RATE_LIMIT_PER_ADDRESS: '1000000' };
    const [router, unshared, stock, hive, hiveTuned] = await Promise.all([
      start(ENTRY.router, routerEnv),
      start(ENTRY.router, { ...routerEnv, SUBGRAPH_SHARE_IN_FLIGHT: 'false', DEDUPLICATE_IN_FLIGHT: 'false' }),
      start(STOCK_ENTRY, subgraphUrls),
      start(HIVE_ENTRY, subgraphUrls),
      start(HIVE_ENTRY, { ...subgraphUrls, HIVE_TUNED: 'true' }),
    ]);
    const pids = Object.fromEntries(
      Object.entries({ router, unshared, stock, hive, 'hive-tuned': hiveTuned, users, inventory, orders, dynamodb: db }).map(([name, service]) => [
        name,
        service.child.pid!,
      ]),
    );
    return { db, users, inventory, orders, router, unshared, stock, hive, hiveTuned, jwtSecret, internalSecret, pids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
