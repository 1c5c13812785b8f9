import { executeQueryPlan, type GraphQLDataSource } from '@apollo/gateway';
import { ErrorCode, type Identity, type InternalTokenSigner, type Logger } from '@trading/platform';
import { GraphQLError, type ExecutionResult, type FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { RouterContext } from '../context';
import type { RouterMetrics } from '../metrics';
import { EVENT_SERVICE, type SubscriptionPlan, type SubscriptionPlanner } from './planner';

/** Whose data an upstream subscription carries: subscriptions of one scope may share a stream. */
export interface Scope {
  /** `public` for operations that need no identity, else the user and role. */
  key: string;
  /** The identity sent upstream (null for public scopes). */
  identity: Identity | null;
}

/** One client subscription, as the hub sees it (the socket's SubscriptionDelivery itself, when it needs no shaping). */
export interface Subscriber {
  /** An event: the same result object for every sharer of the upstream, so that it is serialized once. */
  push(result: ExecutionResult): void;
  /** The stream ended: `error` when it ended abnormally (the subgraph went away). */
  end(error?: GraphQLError): void;
}

interface Upstream {
  /** Its key in the hub (held here once, not by each subscriber's way out). */
  key: string;
  subscribers: Set<Subscriber>;
  stop: () => void;
}

/**
 * The router's side of federated subscriptions: for each distinct (subgraph operation, variables, scope) one
 * graphql-ws subscription to the subgraph that owns the root field, shared by every client that asked for it; each
 * event runs the rest of the plan once (entity fetches to other subgraphs) and goes to every sharer.
 */
export class UpstreamHub {
  private readonly upstreams = new Map<string, Upstream>();
  private readonly clients = new Map<string, Client>();

  constructor(
    private readonly deps: {
      planner: SubscriptionPlanner;
      /** Subgraph HTTP URLs by name (the ws URL is derived). */
      subgraphUrls: Record<string, string>;
      /** Data sources for the rest of each plan, by subgraph name. */
      serviceMap: Record<string, GraphQLDataSource>;
      signer: InternalTokenSigner;
      log: Logger;
      metrics?: RouterMetrics;
    },
  ) {}

  /** How many upstream subscriptions are open, and how many client subscriptions share them. */
  stats(): { upstreams: number; subscribers: number } {
    let subscribers = 0;
    for (const upstream of this.upstreams.values()) subscribers += upstream.subscribers.size;
    return { upstreams: this.upstreams.size, subscribers };
  }

  /** Adds a subscriber to the (possibly shared) upstream for this plan; returns how to leave it. */
  subscribe(plan: SubscriptionPlan, variables: Record<string, unknown>, scope: Scope, context: RouterContext, subscriber: Subscriber): () => void {
    const used = Object.fromEntries((plan.primary.variableUsages ?? []).filter((name) => name in variables).map((name) => [name, variables[name]]));
    const key = `${plan.primary.serviceName}\n${plan.primary.operation}\n${JSON.stringify(used)}\n${scope.key}`;
    let upstream = this.upstreams.get(key);
    if (!upstream) {
      upstream = this.open(key, plan, used, variables, scope, context);
      this.upstreams.set(key, upstream);
    }
    upstream.subscribers.add(subscriber);
    return this.leaver(upstream, subscriber);
  }

  /** How a subscriber leaves its upstream; a function of its own, so that it holds just these two. */
  private leaver(upstream: Upstream, subscriber: Subscriber): () => void {
    return () => {
      if (!upstream.subscribers.delete(subscriber) || upstream.subscribers.size > 0) return;
      // The last subscriber left: stop the upstream at once.
      if (this.upstreams.get(upstream.key) === upstream) this.upstreams.delete(upstream.key);
      upstream.stop();
    };
  }

  /** Closes every upstream connection. */
  async close(): Promise<void> {
    for (const upstream of this.upstreams.values()) upstream.stop();
    this.upstreams.clear();
    await Promise.all([...this.clients.values()].map((client) => client.dispose()));
    this.clients.clear();
  }

  private open(
    key: string,
    plan: SubscriptionPlan,
    used: Record<string, unknown>,
    variables: Record<string, unknown>,
    scope: Scope,
    context: RouterContext,
  ): Upstream {
    const subscribers = new Set<Subscriber>();
    const client = this.clientFor(plan.primary.serviceName, scope);
    // Events are shaped one after another, in the order the subgraph sent them.
    let shaping = Promise.resolve();
    const endAll = (error?: GraphQLError) => {
      if (this.upstreams.get(key)?.subscribers === subscribers) this.upstreams.delete(key);
      for (const subscriber of [...subscribers]) subscriber.end(error);
      subscribers.clear();
    };
    const stop = client.subscribe<Record<string, unknown>>(
      { query: plan.primary.operation, variables: used, ...(plan.primary.operationName ? { operationName: plan.primary.operationName } : {}) },
      {
        next: (result) => {
          this.deps.metrics?.upstreamEvents.inc();
          shaping = shaping.then(async () => {
            const shaped = await this.shape(plan, result, variables, context);
            this.deps.metrics?.subscriptionEvents.inc(subscribers.size);
            for (const subscriber of subscribers) subscriber.push(shaped);
          });
        },
        error: (error) => {
          this.deps.log.warn({ err: error, service: plan.primary.serviceName }, 'upstream subscription failed');
          void shaping.then(() => endAll(upstreamGone(plan.primary.serviceName)));
        },
        complete: () => void shaping.then(() => endAll()),
      },
    );
    return { key, subscribers, stop };
  }

  /** Runs the rest of the plan for one event, answering the primary fetch with the event's own data. */
  private async shape(
    plan: SubscriptionPlan,
    event: FormattedExecutionResult<Record<string, unknown>, unknown>,
    variables: Record<string, unknown>,
    context: RouterContext,
  ): Promise<ExecutionResult> {
    if (!event.data)
      return {
        data: null,
        errors: (event.errors ?? [{ message: 'The subscription event carried no data' }]).map(
          (e) => new GraphQLError(e.message, { extensions: e.extensions ?? {} }),
        ),
      };
    const eventSource: GraphQLDataSource = { process: async () => ({ data: event.data, ...(event.errors ? { errors: event.errors } : {}) }) };
    const requestContext = {
      request: { variables, ...(plan.operationContext.operation.name ? { operationName: plan.operationContext.operation.name.value } : {}) },
      context,
      logger: this.deps.log,
      metrics: {},
    };
    const result = (await executeQueryPlan(
      plan.perEvent,
      { ...this.deps.serviceMap, [EVENT_SERVICE]: eventSource },
      requestContext as unknown as Parameters<typeof executeQueryPlan>[2],
      plan.operationContext,
      this.deps.planner.supergraphSchema,
      this.deps.planner.apiSchema,
    )) as ExecutionResult;
    // A plan that failed outright answers errors alone: clients get `data: null` beside them, as from a query.
    return result.data === undefined ? { data: null, ...(result.errors?.length ? { errors: result.errors } : {}) } : result;
  }

  /** One graphql-ws connection per subgraph and scope, opened on first use and closed when idle. */
  private clientFor(serviceName: string, scope: Scope): Client {
    const key = `${serviceName}\n${scope.key}`;
    let client = this.clients.get(key);
    if (client) return client;
    const url = this.deps.subgraphUrls[serviceName];
    if (!url) throw new Error(`no URL for the subgraph ${serviceName}`);
    client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: true,
      lazyCloseTimeout: 1000,
      retryAttempts: 0,
      keepAlive: 10_000,
      connectionParams: () => ({ authorization: `Bearer ${this.deps.signer.tokenFor({ identity: scope.identity })}` }),
      on: {
        // A dead connection is not reused: the next subscription opens a new one (the subgraph may be back).
        closed: () => {
          if (this.clients.get(key) === client) this.clients.delete(key);
        },
      },
    });
    this.clients.set(key, client);
    return client;
  }
}

function upstreamGone(serviceName: string): GraphQLError {
  return new GraphQLError(`The ${serviceName} service went away; subscribe again`, {
    extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE, serviceName },
  });
}
