import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  type AuditLog,
  clientAddress,
  CoordinationUnavailableError,
  type Coordination,
  requestIdOf,
  type RevokedSessions,
  createErrorFormatter,
  DEFAULT_MAX_BODY_BYTES,
  ErrorCode,
  healthRoute,
  type Identity,
  identityFromAuthorization,
  InternalTokenSigner,
  type JwtSettings,
  type Logger,
  type RunningHttpServer,
  serveGraphQL,
  staticFiles,
  observabilityPlugin,
  readinessRoute,
  healthOf,
  userError,
} from '@trading/platform';
import { GraphQLError } from 'graphql';
import type { RouterContext } from './context';
import { readAuthorizationPolicy } from './authorization';
import { AuthorizingGateway } from './authorizing-gateway';
import { costPlugin } from './cost';
import { knownRootTypeRule, operationChecksPlugin } from './request-checks';
import { persistedQueryCache, readSafelist, safelistPlugin } from './persisted-queries';
import { DEFAULT_REQUEST_RATE_LIMITS, rateLimitedAs429, RequestRateLimiter, type RequestRateLimits } from './rate-limit';
import { createGateway, subgraphDataSource } from './gateway';
import { RouterMetrics } from './metrics';
import { SubscriptionPlanner } from './subscriptions/planner';
import { attachSocketServer, type SocketLimits } from './subscriptions/socket-server';
import { UpstreamHub } from './subscriptions/upstream';
import { supergraphForGateway } from './supergraph';
import { DEFAULT_OPERATION_LIMITS, operationLimitRules, withLimitCode, type OperationLimits } from './limits';
import { SubgraphClient } from './subgraph-client';

export interface RouterOptions {
  /** Path of the supergraph SDL file. */
  supergraphFile: string;
  /** Subgraph URLs by name that replace the ones in the supergraph. */
  subgraphUrls?: Record<string, string>;
  jwt: JwtSettings;
  /** Key of the internal identities sent to the subgraphs. */
  internalSecret: string;
  /** How many proxies in front of the router to trust for the client's address (X-Forwarded-For); default 0. */
  trustProxy?: number;
  /** Operation limits; default DEFAULT_OPERATION_LIMITS. */
  limits?: Partial<OperationLimits>;
  /** Schema introspection; default true (the configuration turns it off in production). */
  introspection?: boolean;
  /** Apollo Sandbox on GET /graphql in a browser; default true (off in production by configuration). */
  sandbox?: boolean;
  /** Browser origins allowed to call the API (CORS); default none. */
  corsOrigins?: readonly string[];
  /** Largest request body in bytes; default 1 MiB. */
  maxBodyBytes?: number;
  /** Limits of the graphql-ws endpoint; default DEFAULT_SOCKET_LIMITS. */
  socketLimits?: Partial<SocketLimits>;
  /** Events, locks, rate limits and the persisted query cache (Redis when configured). */
  coordination: Coordination;
  /** Ended sessions: their tokens are refused. */
  revoked: RevokedSessions;
  /** Where refusals worth a trace are recorded (rate limits, forbidden fields); none when omitted. */
  audit?: AuditLog;
  /** Requests per minute per user and per anonymous address; default DEFAULT_REQUEST_RATE_LIMITS. */
  rateLimits?: Partial<RequestRateLimits>;
  /** An Apollo persisted query manifest: when given, only its operations run (safelist mode). */
  safelistFile?: string;
  /** A built web app (e.g. web/dist) to serve on every path but the router's own; default none. */
  webAppDir?: string;
  /** Identical subgraph queries in flight sent once (see subgraph-client.ts); default true. */
  shareInFlight?: boolean;
  log: Logger;
  port: number;
  host?: string;
}

/** Answers with the request's id, so a client can quote it when reporting a problem. */
const requestIdHeader: ApolloServerPlugin<RouterContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (contextValue.requestId) response.http.headers.set('x-request-id', contextValue.requestId);
      },
    };
  },
};

/** A running router: where it listens and how to stop it. */
export interface RunningRouter extends RunningHttpServer {
  /** Live subscription figures: upstream streams, client subscriptions sharing them, open sockets. */
  subscriptions: { stats(): { upstreams: number; subscribers: number; connections: number } };
}

/**
 * Starts the router: Apollo Server with @apollo/gateway serving the supergraph at `/graphql` (Apollo Sandbox on GET
 * in a browser), `/health`. Every request's token is verified and every operation checked against the limits before
 * anything is planned; a token that is present but invalid is refused as UNAUTHENTICATED, never treated as anonymous.
 * Batched requests are refused (Apollo Server's default) and CSRF prevention is on.
 */
export async function startRouter(options: RouterOptions): Promise<RunningRouter> {
  const { jwt, log } = options;
  const limits = { ...DEFAULT_OPERATION_LIMITS, ...options.limits };
  await options.audit?.ensureTable();
  const supergraphSdl = fs.readFileSync(options.supergraphFile, 'utf8');
  // The policy is read from the supergraph as composed; the gateway gets a copy it accepts (see supergraph.ts).
  const policy = readAuthorizationPolicy(supergraphSdl);
  const metrics = new RouterMetrics();
  const client = new SubgraphClient({ shareInFlight: options.shareInFlight ?? true });
  metrics.countSharedFetchesOf(client);
  const gateway = new AuthorizingGateway(
    createGateway({
      supergraphSdl: supergraphForGateway(supergraphSdl),
      subgraphUrls: options.subgraphUrls ?? {},
      signer: new InternalTokenSigner(options.internalSecret),
      log,
      metrics,
      client,
    }),
    policy,
    (context, errors) => {
      const forbidden = errors.filter((error) => error.extensions.code === ErrorCode.FORBIDDEN);
      if (!forbidden.length || !context.identity) return;
      options.audit?.recordInBackground({
        action: 'FORBIDDEN_ACCESS',
        outcome: 'DENIED',
        actorId: context.identity.userId,
        actorRole: context.identity.role,
        subjectId: context.identity.userId,
        reason: 'MISSING_SCOPE',
        ...(context.clientIp ? { ip: context.clientIp } : {}),
        requestId: context.requestId,
        details: { fields: forbidden.map((error) => error.path?.join('.')) },
      });
    },
  );
  const apqCache = persistedQueryCache(options.coordination.store);
  const safelist = options.safelistFile ? readSafelist(options.safelistFile) : null;
  const rateLimiter = new RequestRateLimiter(options.coordination, { ...DEFAULT_REQUEST_RATE_LIMITS, ...options.rateLimits }, options.audit);
  const formatError = createErrorFormatter({
    log: (error) => log.error({ err: error }, 'unexpected error in the router'),
    onUnexpected: (error) => metrics.countUnexpected(error),
  });
  const apollo = new ApolloServer<RouterContext>({
    gateway,
    formatError: (formatted, error) => formatError(withLimitCode(formatted), error),
    includeStacktraceInErrorResponses: false,
    introspection: options.introspection ?? true,
    validationRules: [knownRootTypeRule, ...operationLimitRules(limits)],
    parseOptions: { maxTokens: limits.maxTokens },
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // Automatic persisted queries, shared by every router instance through the coordination store.
    persistedQueries: { cache: apqCache, ttl: 24 * 3600 },
    plugins: [
      requestIdHeader,
      ...(safelist ? [safelistPlugin(safelist, apqCache)] : []),
      operationChecksPlugin(limits.maxVariableDepth),
      costPlugin(limits.maxCost),
      rateLimitedAs429,
      observabilityPlugin<RouterContext>({ metrics, log, requestId: (context) => context.requestId, requestLogLevel: 'info' }),
      (options.sandbox ?? true) ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();
  // The subgraphs, as configured (or as the supergraph names them).
  const planner = new SubscriptionPlanner(supergraphSdl);
  const declared = planner.subgraphUrls();
  const urls = Object.fromEntries(Object.keys(declared).map((name) => [name, options.subgraphUrls?.[name] ?? declared[name]!]));
  const running = await serveGraphQL({
    apollo,
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    corsOrigins: options.corsOrigins ?? [],
    routes: {
      '/health': healthRoute,
      '/metrics': metrics.route,
      // Ready when the coordination store (Redis) answers; degraded (still serving) while some subgraphs are down.
      '/ready': readinessRoute(
        { coordination: () => options.coordination.store.get('readiness-probe') },
        Object.fromEntries(Object.entries(urls).map(([name, url]) => [name, healthOf(url)])),
      ),
    },
    ...(options.webAppDir ? { fallback: staticFiles(options.webAppDir) } : {}),
    context: async (req) => {
      const clientIp = clientAddress(req, options.trustProxy ?? 0);
      let identity: Identity | null;
      try {
        identity = identityFromAuthorization(jwt, req.headers.authorization);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        // 401 tells HTTP clients to sign in again; the body carries the GraphQL error and its code.
        throw userError(ErrorCode.UNAUTHENTICATED, error.message, { ...error.extensions, http: { status: 401 } });
      }
      const requestId = requestIdOf(req.headers['x-request-id']) ?? randomUUID();
      try {
        await options.revoked.check(identity);
        await rateLimiter.check(identity, clientIp, requestId);
      } catch (error) {
        // Redis unreachable: 503 with Retry-After over HTTP (the code is the same over the socket).
        if (error instanceof CoordinationUnavailableError)
          throw userError(ErrorCode.SERVICE_UNAVAILABLE, error.message, { http: { status: 503, headers: new Map([['retry-after', '1']]) } }, error);
        throw error;
      }
      return { identity, clientIp, requestId };
    },
  });

  // Subscriptions (and any operation) over graphql-ws on the same port and path.
  const signer = new InternalTokenSigner(options.internalSecret);
  const hub = new UpstreamHub({
    planner,
    subgraphUrls: urls,
    serviceMap: Object.fromEntries(Object.keys(urls).map((name) => [name, subgraphDataSource(name, urls[name], {}, signer, client, metrics)])),
    signer,
    log,
    metrics,
  });
  const socketServer = await attachSocketServer({
    server: running.server,
    apollo,
    planner,
    hub,
    policy,
    limits,
    ...(options.socketLimits ? { socketLimits: options.socketLimits } : {}),
    jwt,
    revoked: options.revoked,
    events: options.coordination.events,
    rateLimiter,
    trustProxy: options.trustProxy ?? 0,
    maxMessageBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    safelist,
    log,
    metrics,
  });
  const figures = () => ({ ...hub.stats(), connections: socketServer.connections() });
  metrics.readFiguresFrom(figures);
  return {
    ...running,
    subscriptions: { stats: figures },
    close: async () => {
      await socketServer.close();
      await running.close();
      await client.close();
    },
  };
}
