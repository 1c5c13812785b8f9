import { createHash } from 'node:crypto';
import type { Identity } from '@trading/platform';
import { print, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { authorizeOperation, selectOperation, type AuthorizationResult } from './filter';
import type { AuthorizationPolicy } from './policy';
import { callerFor } from './scopes';

/** Most decisions remembered (per document, operation name and caller kind). */
const CACHE_SIZE = 2000;

/**
 * What the policy allows of one operation for one kind of caller: unchanged, or filtered (a document without the
 * denied fields, with a query hash of its own: the gateway caches plans by hash and must never serve one caller's
 * plan to a caller with other rights).
 */
export type Decision = AuthorizationResult & { queryHash?: string; operation?: OperationDefinitionNode };

/**
 * The authorization decisions of operations, remembered by query hash, operation name and the caller's scopes (a
 * decision depends on nothing else), for queries and mutations (AuthorizingGateway) and subscriptions alike.
 */
export class AuthorizationDecisions {
  private readonly cache = new Map<string, Decision>();

  constructor(private readonly policy: AuthorizationPolicy) {}

  get isEmpty(): boolean {
    return this.policy.isEmpty;
  }

  /** Forgets every decision (the schema changed). */
  clear(): void {
    this.cache.clear();
  }

  decide(schema: GraphQLSchema, document: DocumentNode, queryHash: string, operationName: string | null, identity: Identity | null): Decision {
    const caller = callerFor(identity);
    const callerKey = caller.authenticated ? [...caller.scopes].sort().join(',') || '-' : '';
    const key = `${queryHash}|${operationName ?? ''}|${callerKey}`;
    let decision = this.cache.get(key);
    if (decision) return decision;
    decision = authorizeOperation({ schema, policy: this.policy, document, operationName, caller }) as Decision;
    if (decision.changed && decision.document) {
      decision.queryHash = createHash('sha256').update(print(decision.document)).digest('hex');
      decision.operation = selectOperation(decision.document) ?? undefined;
    }
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, decision);
    return decision;
  }
}
