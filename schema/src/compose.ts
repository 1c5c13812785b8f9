import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/** Where the repo root is, and the files composition reads and writes. */
export const ROOT = path.resolve(__dirname, '..', '..');
export const SUPERGRAPH_FILE = path.join(ROOT, 'schema', 'supergraph.graphql');
const SUBGRAPHS_FILE = path.join(ROOT, 'schema', 'subgraphs.json');

/** One subgraph as listed in schema/subgraphs.json: its name, default URL and SDL file (relative to the root). */
export interface SubgraphEntry {
  name: string;
  url: string;
  schema: string;
}

export type CompositionResult = { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

/** Composes the supergraph from the subgraph SDLs listed in schema/subgraphs.json, with Apollo's own composition. */
export function composeSupergraph(entries: SubgraphEntry[] = readSubgraphList()): CompositionResult {
  const result = composeServices(
    entries.map((entry) => ({ name: entry.name, url: entry.url, typeDefs: parse(fs.readFileSync(path.join(ROOT, entry.schema), 'utf8')) })),
  );
  if (result.errors) return { ok: false, errors: result.errors.map((error) => error.message) };
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trimEnd()}\n`, hints: result.hints.map((hint) => hint.toString()) };
}

/** The subgraphs the supergraph is made of. */
export function readSubgraphList(): SubgraphEntry[] {
  return JSON.parse(fs.readFileSync(SUBGRAPHS_FILE, 'utf8')) as SubgraphEntry[];
}

/** `npm run compose` writes schema/supergraph.graphql; `npm run compose -- --check` fails if it is stale. */
function main(argv: string[]): number {
  const check = argv.includes('--check');
  const result = composeSupergraph();
  if (!result.ok) {
    console.error(`Composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
    return 1;
  }
  for (const hint of result.hints) console.warn(`hint: ${hint}`);
  const committed = fs.existsSync(SUPERGRAPH_FILE) ? fs.readFileSync(SUPERGRAPH_FILE, 'utf8') : '';
  if (check) {
    if (committed !== result.supergraphSdl) {
      console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit the result.');
      return 1;
    }
    console.log('schema/supergraph.graphql is up to date.');
    return 0;
  }
  fs.writeFileSync(SUPERGRAPH_FILE, result.supergraphSdl);
  console.log(committed === result.supergraphSdl ? 'schema/supergraph.graphql unchanged.' : 'schema/supergraph.graphql written.');
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
