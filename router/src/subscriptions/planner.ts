import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import { print, type DocumentNode, type GraphQLSchema } from 'graphql';
import { supergraphForGateway } from '../supergraph';

/** What one subscription operation needs at run time: its primary fetch and the rest of its plan. */
export interface SubscriptionPlan {
  /** The subscription sent to the subgraph that owns the root field. */
  primary: FetchNode;
  /**
   * The plan run for each event: the primary fetch (answered with the event's data) followed by the rest (entity
   * fetches to other subgraphs), so each event is shaped exactly as a query's result would be.
   */
  perEvent: QueryPlan;
  operationContext: ReturnType<typeof buildOperationContext>;
}

/** The service name under which each event's data is handed to the plan. */
export const EVENT_SERVICE = '__subscription_event__';

/**
 * Plans subscriptions with @apollo/query-planner (the version @apollo/gateway uses), over the same supergraph the
 * gateway serves. Plans are cached by document text and operation name, and by document object.
 */
export class SubscriptionPlanner {
  private readonly supergraph: Supergraph;
  private readonly planner: QueryPlanner;
  private readonly cache = new Map<string, SubscriptionPlan>();
  /** The same plans by document object: admission (Apollo Server's document store) shares one document per operation text. */
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, SubscriptionPlan>>();
  /** The API schema as federation-internals and as graphql-js see it. */
  readonly apiSchema: Schema;
  readonly graphqlSchema: GraphQLSchema;
  readonly supergraphSchema: GraphQLSchema;

  constructor(supergraphSdl: string) {
    this.supergraph = Supergraph.build(supergraphForGateway(supergraphSdl));
    this.planner = new QueryPlanner(this.supergraph);
    this.apiSchema = this.supergraph.apiSchema();
    this.graphqlSchema = this.apiSchema.toGraphQLJSSchema();
    this.supergraphSchema = this.supergraph.schema.toGraphQLJSSchema();
  }

  /** Each subgraph's URL as the supergraph names it. */
  subgraphUrls(): Record<string, string> {
    return Object.fromEntries(this.supergraph.subgraphsMetadata().map((subgraph) => [subgraph.name, subgraph.url]));
  }

  /** The plan of a (validated, authorized) subscription document. */
  plan(document: DocumentNode, operationName?: string | null): SubscriptionPlan {
    let forDocument = this.byDocument.get(document);
    if (!forDocument) this.byDocument.set(document, (forDocument = new Map()));
    const known = forDocument.get(operationName ?? '');
    if (known) return known;
    const planned = this.planText(document, operationName);
    forDocument.set(operationName ?? '', planned);
    return planned;
  }

  private planText(document: DocumentNode, operationName?: string | null): SubscriptionPlan {
    const key = `${operationName ?? ''}\n${print(document)}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const operation = operationFromDocument(this.apiSchema, document, operationName ? { operationName } : {});
    const plan = this.planner.buildQueryPlan(operation);
    const node = plan.node;
    if (node?.kind !== 'Subscription') throw new Error(`expected a subscription plan, got ${node?.kind ?? 'none'}`);
    const eventFetch: FetchNode = { ...node.primary, serviceName: EVENT_SERVICE, operationKind: 'query' as FetchNode['operationKind'] };
    const rest: PlanNode = node.rest ? { kind: 'Sequence', nodes: [eventFetch, node.rest] } : eventFetch;
    const planned: SubscriptionPlan = {
      primary: node.primary,
      perEvent: { kind: 'QueryPlan', node: rest },
      operationContext: buildOperationContext({
        schema: this.graphqlSchema,
        operationDocument: document,
        ...(operationName ? { operationName } : {}),
      }),
    };
    if (this.cache.size > 1000) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, planned);
    return planned;
  }
}
