import fs from 'node:fs';
import path from 'node:path';
import DataLoader from 'dataloader';
import { type GraphQLResolveInfo, parse } from 'graphql';
import {
  CashAccountCache,
  dependencyChecks,
  InternalTokenSigner,
  type RunningSubgraph,
  ServiceMetrics,
  type ServiceDeps,
  startSubgraphServer,
} from '@trading/platform';
import { BatchedPriceLookup, PriceSource } from './data/prices';
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
