import { createHash } from 'node:crypto';
import type { GatewayExecutor, GatewayInterface, GatewayLoadResult, GatewayUnsubscriber } from '@apollo/server-gateway-interface';
import type { ApolloGateway } from '@apollo/gateway';
import { print, type GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { authorizeOperation, callerFor, selectOperation, type AuthorizationPolicy, type AuthorizationResult } from './authorization';
import type { RouterContext } from './context';

/** Most filtered operations remembered (per document, operation name and caller kind). */
const CACHE_SIZE = 2000;

type Cached = AuthorizationResult & { queryHash?: string; operation?: OperationDefinitionNode };

/**
 * @apollo/gateway behind the authorization filter: every operation is checked against the supergraph's
 * `@authenticated` and `@requiresScopes` before it is planned. Denied fields are removed and reported with their
 * paths; the rest runs. The filtered document gets a query hash of its own, because the gateway caches plans by
 * hash and must never serve one caller's plan to a caller with other rights.
 */
export class AuthorizingGateway implements GatewayInterface {
  private apiSchema: GraphQLSchema | undefined;
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly inner: ApolloGateway,
    private readonly policy: AuthorizationPolicy,
    /** Told of every operation with denied fields (e.g. to audit FORBIDDEN ones). */
    private readonly onDenied?: (context: RouterContext, errors: readonly GraphQLError[]) => void,
  ) {}

  async load(options: Parameters<GatewayInterface['load']>[0]): Promise<GatewayLoadResult> {
    const { executor } = await this.inner.load(options);
    return { executor: executor && ((requestContext) => this.execute(requestContext, executor)) };
  }

  onSchemaLoadOrUpdate(callback: Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0]): GatewayUnsubscriber {
    return this.inner.onSchemaLoadOrUpdate((schemaContext) => {
      this.apiSchema = schemaContext.apiSchema;
      this.cache.clear();
      callback(schemaContext);
    });
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  private async execute(requestContext: Parameters<GatewayExecutor>[0], executor: GatewayExecutor) {
    if (this.policy.isEmpty || !this.apiSchema) return executor(requestContext);
    const { identity } = requestContext.context as RouterContext;
    const caller = callerFor(identity);
    const callerKey = caller.authenticated ? [...caller.scopes].sort().join(',') || '-' : '';
    const key = `${requestContext.queryHash}|${requestContext.operationName ?? ''}|${callerKey}`;
    let result = this.cache.get(key);
    if (!result) {
      const decided: Cached = authorizeOperation({
        schema: this.apiSchema,
        policy: this.policy,
        document: requestContext.document,
        operationName: requestContext.operationName,
        caller,
      });
      if (decided.changed && decided.document) {
        decided.queryHash = createHash('sha256').update(print(decided.document)).digest('hex');
        decided.operation = selectOperation(decided.document) ?? undefined;
      }
      result = decided;
      if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, result);
    }
    if (!result.changed) return executor(requestContext);
    this.onDenied?.(requestContext.context as RouterContext, result.errors);
    if (!result.document) return { data: result.shape(null), errors: [...result.errors] };
    const response = await executor({
      ...requestContext,
      document: result.document,
      queryHash: result.queryHash!,
      operation: result.operation ?? requestContext.operation,
    });
    return { ...response, data: result.shape(response.data), errors: [...result.errors, ...(response.errors ?? [])] };
  }
}
