import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { ErrorCode, type KeyValueStore } from '@trading/platform';
import { GraphQLError } from 'graphql';

/** Apollo's persisted query manifest (the format `@apollo/generate-persisted-query-manifest` writes). */
interface Manifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name?: string; type?: string; body: string }[];
}

/** The automatic persisted queries cache on our key-value store (Redis when configured), so every router shares it. */
export function persistedQueryCache(store: KeyValueStore): KeyValueCache<string> {
  return {
    get: (key) => store.get(key),
    set: (key, value, options) => store.set(key, value, options?.ttl ?? undefined),
    delete: (key) => store.delete(key).then(() => true),
  };
}

/** Reads and checks a manifest: every id must be the SHA-256 of its body, as clients compute it. */
export function readSafelist(file: string): Map<string, string> {
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${file} is not an Apollo persisted query manifest (format apollo-persisted-query-manifest, version 1)`);
  }
  const operations = new Map<string, string>();
  for (const { id, body } of manifest.operations) {
    if (createHash('sha256').update(body).digest('hex') !== id) throw new Error(`${file}: the id ${id} is not the SHA-256 of its body`);
    operations.set(id, body);
  }
  return operations;
}

/**
 * Safelist mode: only operations of the manifest run. Clients may send just the id (as an automatic persisted
 * query hash, no body needed) or the full body; anything else is refused before planning with QUERY_NOT_IN_SAFELIST.
 * The manifest's bodies are loaded into the persisted query cache at start, so ids resolve on every instance.
 */
export function safelistPlugin(operations: Map<string, string>, cache: KeyValueCache<string>): ApolloServerPlugin {
  return {
    async serverWillStart() {
      // Apollo Server keys its persisted query cache `apq:<sha256>`.
      await Promise.all([...operations].map(([id, body]) => cache.set(`apq:${id}`, body)));
    },
    async requestDidStart() {
      return {
        // Apollo Server reports errors thrown here as the response (earlier hooks would be unexpected errors).
        async didResolveOperation({ queryHash }) {
          if (!operations.has(queryHash)) {
            throw new GraphQLError('This router runs listed operations only, and this one is not on the list', {
              extensions: { code: ErrorCode.QUERY_NOT_IN_SAFELIST, http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}
