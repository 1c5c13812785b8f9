import fs from 'node:fs';
import path from 'node:path';
import DataLoader from 'dataloader';
import { parse } from 'graphql';
import { type RunningSubgraph, type ServiceDeps, startSubgraphServer } from '@trading/platform';
import { AssetStore } from './data/assets';
import { seedAssets } from './data/seed';
import { resolvers } from './resolvers';
import type { SubgraphContext } from './context';

/** The inventory SDL, read from schema.graphql at the package root. */
export const typeDefs = parse(fs.readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));

export interface InventorySubgraphOptions extends ServiceDeps {
  port: number;
  host?: string;
}

/** Ensures the assets table, adds any missing seed assets and starts the inventory subgraph. */
export async function startInventorySubgraph(options: InventorySubgraphOptions): Promise<RunningSubgraph> {
  const { db, log } = options;
  await db.ensureTables(['assets', 'auditEvents']);
  const assets = new AssetStore(db);
  const added = await seedAssets(assets);
  if (added > 0) log.info({ added }, 'seeded the asset catalog');
  return startSubgraphServer<SubgraphContext>({
    ...options,
    typeDefs,
    resolvers,
    context: (base) => ({
      ...base,
      assets,
      events: options.coordination.events,
      audit: options.audit,
      assetBySymbol: new DataLoader(async (symbols) => {
        const found = await assets.getMany(symbols);
        return symbols.map((symbol) => found.get(symbol) ?? null);
      }),
    }),
  });
}
