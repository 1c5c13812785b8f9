import type { GatewayExecutor, GatewayInterface, GatewayLoadResult, GatewayUnsubscriber } from '@apollo/server-gateway-interface';
import type { ApolloGateway } from '@apollo/gateway';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import type { AuthorizationDecisions } from './authorization';
import type { RouterContext } from './context';
import type { InboundDeduplication } from './inbound-dedup';

/**
 * @apollo/gateway behind the authorization filter: every operation is checked against the supergraph's
 * `@authenticated` and `@requiresScopes` before it is planned. Denied fields are removed and reported with their
 * paths; the rest runs. The filtered document gets a query hash of its own (see AuthorizationDecisions).
 */
export class AuthorizingGateway implements GatewayInterface {
  private apiSchema: GraphQLSchema | undefined;

  constructor(
    private readonly inner: ApolloGateway,
    private readonly decisions: AuthorizationDecisions,
    /** Identical queries in flight executed once (after authorization: on the document the caller may run). */
    private readonly dedup: InboundDeduplication,
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
      this.decisions.clear();
      callback(schemaContext);
    });
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  private async execute(requestContext: Parameters<GatewayExecutor>[0], inner: GatewayExecutor) {
    const context = requestContext.context as RouterContext;
    const executor: GatewayExecutor = (request) => this.dedup.execute(request, inner, context.identity);
    if (this.decisions.isEmpty || !this.apiSchema) return executor(requestContext);
    const result = this.decisions.decide(
      this.apiSchema,
      requestContext.document,
      requestContext.queryHash,
      requestContext.operationName,
      context.identity,
    );
    if (!result.changed) return executor(requestContext);
    this.onDenied?.(context, result.errors);
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
