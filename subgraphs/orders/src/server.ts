import fs from 'node:fs';
import path from 'node:path';
import DataLoader from 'dataloader';
import { type GraphQLResolveInfo, parse } from 'graphql';
import {
  activeIndexes,
  dependencyChecks,
  InternalTokenSigner,
  type Logger,
  missingIndexes,
  type RunningSubgraph,
  ServiceMetrics,
  type ServiceDeps,
  startSubgraphServer,
} from '@trading/platform';
import { CashAccountCache } from '@trading/ledger';
import { BY_STATUS, BY_SYMBOL, FILLED_BY_SYMBOL, type OrderListIndexes } from './data/orders';
import { BatchedPriceLookup, PriceSource } from './data/prices';
import { MarketActivity } from './domain/market-activity';
import { OrderMetrics } from './metrics';
import { type MatcherOptions, startMatcher } from './domain/matcher';
import { resolvers } from './resolvers';
import type { SubgraphContext } from './context';

/** The orders SDL, read from schema.graphql at the package root. */
export const typeDefs = parse(fs.readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));

export interface OrdersSubgraphOptions extends ServiceDeps {
  /** The inventory subgraph's GraphQL URL, for current prices. */
  inventoryUrl: string;
  port: number;
  host?: string;
  /** Observes the limit-order matcher (each tick handled); default none. */
  matcher?: MatcherOptions;
}

/** Ensures the tables a fill writes, starts the limit-order matcher and the orders subgraph. */
export async function startOrdersSubgraph(options: OrdersSubgraphOptions): Promise<RunningSubgraph> {
  const { db, coordination, log } = options;
  // A fill writes the user's cash and ledger too (one transaction), so those tables must exist as well.
  await db.ensureTables(['orders', 'holdings', 'users', 'ledger', 'requestKeys']);
  const source = new PriceSource(options.inventoryUrl, new InternalTokenSigner(options.internalSecret));
  // Lookups of one event-loop turn (concurrent orders, valuations, the matcher) go to the inventory as one call.
  const prices = new BatchedPriceLookup(source);
  const serviceMetrics = new ServiceMetrics('orders');
  const metrics = new OrderMetrics(serviceMetrics.registry);
  const accounts = new CashAccountCache();
  const indexes = await listIndexes(db, log);
  const orderIndexes: OrderListIndexes = { bySymbol: indexes.has(BY_SYMBOL), byStatus: indexes.has(BY_STATUS) };
  const activity = new MarketActivity(db, indexes.has(FILLED_BY_SYMBOL));
  const matcher = await startMatcher({ db, coordination, prices, metrics, accounts, log: log.child({ component: 'matcher' }) }, options.matcher);
  let running: RunningSubgraph;
  try {
    running = await startSubgraphServer<SubgraphContext>({
      ...options,
      name: 'orders',
      metrics: serviceMetrics,
      readiness: dependencyChecks(options, 'orders'),
      typeDefs,
      resolvers,
      context: (base) => ({
        ...base,
        db,
        coordination,
        prices,
        candles: source,
        orderIndexes,
        activity,
        metrics,
        accounts,
        readOnce: readsOncePerQuery(),
        quotes: new DataLoader(async (symbols) => {
          const found = await prices.quotes(symbols);
          return symbols.map((symbol) => found.get(symbol) ?? null);
        }),
      }),
    });
  } catch (error) {
    await matcher.close();
    await source.close();
    throw error;
  }
  return {
    ...running,
    close: async () => {
      // No new fills once the server stops answering; the ticks in progress finish first.
      await matcher.close();
      await running.close();
      await source.close();
    },
  };
}

/**
 * The orders table's ACTIVE indexes. A table made before an index existed lacks it (and the embedded database cannot
 * add one): what needs it then reads more slowly, and the log says what to do.
 */
async function listIndexes(db: OrdersSubgraphOptions['db'], log: Logger): Promise<Set<string>> {
  const active = await activeIndexes(db, 'orders');
  const slower: Record<string, string> = {
    [BY_SYMBOL]: "order lists filtered by symbol read all of the user's orders",
    [BY_STATUS]: "order lists filtered by status read all of the user's orders",
    [FILLED_BY_SYMBOL]: 'Asset.volume24h and trades24h scan the whole orders table (cached a few seconds)',
  };
  for (const name of missingIndexes('orders', active)) {
    if (!slower[name]) continue;
    log.warn(
      `the ${db.tables.orders} table has no ${name} index, so ${slower[name]}: add the index (an UpdateTable on AWS, then ` +
        '`npm run backfill-indexes`; for the embedded database, delete the data folder) and restart',
    );
  }
  return active;
}

/** A request's `readOnce` (see SubgraphContext): memoized reads for queries, plain reads for mutations. */
function readsOncePerQuery(): SubgraphContext['readOnce'] {
  const reads = new Map<string, Promise<unknown>>();
  return <T>(info: GraphQLResolveInfo, key: string, load: () => Promise<T>): Promise<T> => {
    if (info.operation.operation !== 'query') return load();
    let read = reads.get(key) as Promise<T> | undefined;
    if (!read) {
      read = load();
      reads.set(key, read);
    }
    return read;
  };
}
