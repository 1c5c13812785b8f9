import type http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { createErrorFormatter, ErrorCode, userError } from './errors';
import { CoordinationUnavailableError } from './coordination/types';
import { healthRoute, serveGraphQL, type RunningHttpServer } from './http/server';
import { enforceAuthorizationDirectives } from './authorization';
import type { Identity } from './identity';
import { verifyInternalAuthorization } from './internal-identity';
import { requestIdOf } from './http/server';
import { readinessRoute, type ReadinessCheck } from './http/readiness';
import { ServiceMetrics } from './metrics';
import { Cursors } from './pagination';
import { observabilityPlugin } from './observability';
import type { RevokedSessions } from './sessions';
import type { Logger } from './logger';

/** What every subgraph resolver gets in its context. */
export interface RequestContext {
  /** The verified caller, or null when anonymous. */
  identity: Identity | null;
  /** The client's IP address, as the router saw it. */
  clientIp?: string;
  /** The request's id, set by the router (`x-request-id`). */
  requestId?: string;
  log: Logger;
  /** Issues and reads this service's connection cursors (signed: see Cursors). */
  cursors: Cursors;
}

export interface SubgraphServerOptions<TContext extends RequestContext> {
  /** The subgraph's name (users, inventory, orders), as in the supergraph. */
  name: string;
  /** Its metrics (GET /metrics); default a new ServiceMetrics, so a subgraph can add figures of its own. */
  metrics?: ServiceMetrics;
  /** What it needs to serve, checked by GET /ready (e.g. its DynamoDB table, Redis). */
  readiness?: Record<string, ReadinessCheck>;
  typeDefs: DocumentNode;
  /** The subgraph's resolvers, typed where they are written by its generated `Resolvers` type. */
  resolvers: object;
  /** Adds the subgraph's own services to the base context. */
  context: (base: RequestContext, req: http.IncomingMessage) => TContext;
  /** Key of the router's internal identities: the only credential a subgraph accepts. */
  internalSecret: string;
  /** Ended sessions, refused here too. */
  revoked: RevokedSessions;
  log: Logger;
  port: number;
  host?: string;
}

/** A running subgraph: its HTTP server and Apollo Server. */
export type RunningSubgraph = RunningHttpServer;

/**
 * Answers GraphQL errors (such as a variable the subgraph's scalar refuses) with HTTP 200: the gateway turns any
 * other status into a bare "400: Bad Request" and drops the error's code, which is part of our API.
 */
const errorsAsOk: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.http.status === 400 && response.body.kind === 'single' && response.body.singleResult.errors?.length) response.http.status = 200;
      },
    };
  },
};

/**
 * Starts a subgraph: the federation schema from its SDL and resolvers, served over HTTP with `/health`. It accepts
 * only requests carrying an internal identity signed by the router, and enforces its SDL's authorization
 * directives itself, so a subgraph reached directly is no back door.
 */
export async function startSubgraphServer<TContext extends RequestContext>(options: SubgraphServerOptions<TContext>): Promise<RunningSubgraph> {
  const { log, internalSecret } = options;
  const schema = enforceAuthorizationDirectives(
    buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
  );
  const metrics = options.metrics ?? new ServiceMetrics(options.name);
  const apollo = new ApolloServer<TContext>({
    schema,
    formatError: createErrorFormatter({
      log: (error) => log.error({ err: error }, 'unexpected error in resolver'),
      onUnexpected: (error) => metrics.countUnexpected(error),
    }),
    // Shutdown is stopOnSignals' (platform/service.ts). Apollo Server's own SIGTERM handler would call stop() at the
    // same time, and a stop() called while another is under way never returns (Apollo Server 5.5.1 resolves the
    // barrier concurrent callers await only when stopping fails): 3 of 4 routers signalled together hung until the
    // shutdown deadline and exited 1.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    // No Apollo Studio here: inline traces would only cost time on every request. No cache control either: no
    // schema has @cacheControl hints, the router reads no cache-control header from a subgraph, and the plugin's
    // per-field hook makes Apollo Server wrap every resolver (about 5 % of a subgraph's CPU in the deep benchmark).
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      errorsAsOk,
      observabilityPlugin<TContext>({ metrics, log, requestId: (context) => context.requestId, requestLogLevel: 'debug' }),
    ],
  });
  await apollo.start();

  const cursors = new Cursors(internalSecret);
  // The same checks for HTTP requests and sockets: a router identity, a session that has not ended.
  const baseContext = async (authorization: string | undefined, requestIdHeader: string | string[] | undefined): Promise<RequestContext> => {
    const caller = verifyInternalAuthorization(internalSecret, authorization);
    try {
      await options.revoked.check(caller.identity);
    } catch (error) {
      // Answered with 200 like any GraphQL error here, so the gateway keeps the code (see errorsAsOk).
      if (error instanceof CoordinationUnavailableError)
        throw userError(ErrorCode.SERVICE_UNAVAILABLE, error.message, { http: { status: 200 } }, error);
      throw error;
    }
    const requestId = requestIdOf(requestIdHeader);
    return {
      identity: caller.identity,
      ...(caller.clientIp ? { clientIp: caller.clientIp } : {}),
      ...(requestId ? { requestId } : {}),
      log: requestId ? log.child({ requestId }) : log,
      cursors,
    };
  };
  const running = await serveGraphQL({
    apollo,
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
    routes: { '/health': healthRoute, '/ready': readinessRoute(options.readiness ?? {}), '/metrics': metrics.route },
    context: async (req) => options.context(await baseContext(req.headers.authorization, req.headers['x-request-id']), req),
  });

  // Subscriptions (and any operation) over graphql-ws on the same port and path; the router is the only client,
  // and it authenticates each connection with the internal identity it would send over HTTP.
  const sockets = new WebSocketServer({ server: running.server, path: '/graphql' });
  const wsServer = useServer<{ authorization?: string; requestId?: string }, { base?: RequestContext }>(
    {
      schema,
      onConnect: async (ctx) => {
        try {
          ctx.extra.base = await baseContext(ctx.connectionParams?.authorization, ctx.connectionParams?.requestId);
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      context: (ctx) => options.context(ctx.extra.base!, ctx.extra.request),
    },
    sockets,
  );
  return {
    ...running,
    close: async () => {
      await wsServer.dispose();
      await running.close();
    },
  };
}
