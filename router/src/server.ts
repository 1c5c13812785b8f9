import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  ApiKeyHasher,
  ApiKeyStore,
  ApiKeyVerifier,
  type AuditLog,
  clientAddress,
  type Database,
  type Coordination,
  requestIdOf,
  type RevokedSessions,
  createErrorFormatter,
  DEFAULT_MAX_BODY_BYTES,
  ErrorCode,
  healthRoute,
  InternalTokenSigner,
  type JwtSettings,
  type Logger,
  type RunningHttpServer,
  serveGraphQL,
  staticFiles,
  observabilityPlugin,
  readinessRoute,
  healthOf,
} from '@trading/platform';
import type { GraphQLError } from 'graphql';
import {
  Admission,
  DEFAULT_OPERATION_LIMITS,
  DEFAULT_REQUEST_RATE_LIMITS,
  quotaHeaders,
  rateLimitedAs429,
  readSafelist,
  withLimitCode,
  type OperationLimits,
  type RequestRateLimits,
} from './admission';
import { AuthorizationDecisions, readAuthorizationPolicy } from './authorization';
import { AuthorizingGateway } from './authorizing-gateway';
import { InboundDeduplication } from './inbound-dedup';
import type { RouterContext } from './context';
import { createGateway, subgraphDataSource } from './gateway';
import { RouterMetrics } from './metrics';
import { HttpStreams, streamKindOf } from './subscriptions/http-streams';
import { SubscriptionPlanner } from './subscriptions/planner';
import { SessionWatch } from './subscriptions/sessions';
import { attachSocketServer, DEFAULT_SOCKET_LIMITS, type SocketLimits } from './subscriptions/socket-server';
import { SubscriptionStarter } from './subscriptions/start';
import { UpstreamHub } from './subscriptions/upstream';
import { supergraphForGateway } from './supergraph';
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
  /** Where refusals worth a trace are recorded (rate limits, forbidden fields, refused API keys); none when omitted. */
  audit?: AuditLog;
  /** The database API keys are read from (the users subgraph's `apiKeys` table); without it API keys are refused. */
  db?: Database;
  /** How often the latest use of each API key is written (`lastUsedAt`, one write per key per period); default 30 s. */
  apiKeyUseFlushMs?: number;
  /** Requests per minute per user and per anonymous address; default DEFAULT_REQUEST_RATE_LIMITS. */
  rateLimits?: Partial<RequestRateLimits>;
  /** An Apollo persisted query manifest: when given, only its operations run (safelist mode). */
  safelistFile?: string;
  /** A built web app (e.g. web/dist) to serve on every path but the router's own; default none. */
  webAppDir?: string;
  /** Identical subgraph queries in flight sent once (see subgraph-client.ts); default true. */
  shareInFlight?: boolean;
  /** Identical queries in flight executed once, never across callers, never mutations (inbound-dedup.ts); default true. */
  deduplicateInFlight?: boolean;
  log: Logger;
  port: number;
  host?: string;
}

/**
 * Answers with the request's id, so a client can quote it when reporting a problem, and with the quota headers of
 * the budget it was counted against (`RateLimit-Policy` and `RateLimit`, see admission/rate-limit.ts).
 */
const requestIdHeader: ApolloServerPlugin<RouterContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (contextValue.requestId) response.http.headers.set('x-request-id', contextValue.requestId);
        if (contextValue.quota) for (const [name, value] of quotaHeaders(contextValue.quota)) response.http.headers.set(name, value);
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
 * in a browser), `/health`, `/ready`, `/metrics`. Every operation, over HTTP, graphql-ws, SSE or multipart, passes
 * the one admission path (admission/index.ts) before anything is planned: a token that is present but invalid is
 * refused as UNAUTHENTICATED, never treated as anonymous. Batched requests are refused (Apollo Server's default) and
 * CSRF prevention is on.
 */
export async function startRouter(options: RouterOptions): Promise<RunningRouter> {
  const { jwt, log } = options;
  const limits = { ...DEFAULT_OPERATION_LIMITS, ...options.limits };
  const socketLimits = { ...DEFAULT_SOCKET_LIMITS, ...options.socketLimits };
  await options.audit?.ensureTable();
  const supergraphSdl = fs.readFileSync(options.supergraphFile, 'utf8');
  // The policy is read from the supergraph as composed; the gateway gets a copy it accepts (see supergraph.ts).
  const policy = readAuthorizationPolicy(supergraphSdl);
  const decisions = new AuthorizationDecisions(policy);
  const metrics = new RouterMetrics();
  const client = new SubgraphClient({ shareInFlight: options.shareInFlight ?? true });
  metrics.countSharedFetchesOf(client);
  const dedup = new InboundDeduplication(options.deduplicateInFlight ?? true);
  metrics.countDeduplicatedOf(dedup);
  const onDenied = (context: RouterContext, errors: readonly GraphQLError[]) => {
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
  };
  const gateway = new AuthorizingGateway(
    createGateway({
      supergraphSdl: supergraphForGateway(supergraphSdl),
      subgraphUrls: options.subgraphUrls ?? {},
      signer: new InternalTokenSigner(options.internalSecret),
      log,
      metrics,
      client,
    }),
    decisions,
    dedup,
    onDenied,
  );
  const apiKeys = options.db
    ? new ApiKeyVerifier(new ApiKeyStore(options.db), new ApiKeyHasher(options.internalSecret), {
        flushMs: options.apiKeyUseFlushMs ?? 30_000,
        onRefused: (refusal) =>
          options.audit?.recordInBackground({
            action: 'API_KEY_REFUSED',
            outcome: 'DENIED',
            actorId: refusal.userId,
            subjectId: refusal.userId,
            reason: refusal.reason,
            ...(refusal.ip ? { ip: refusal.ip } : {}),
            ...(refusal.keyId ? { details: { keyId: refusal.keyId } } : {}),
          }),
      })
    : undefined;
  const admission = new Admission({
    limits,
    jwt,
    revoked: options.revoked,
    ...(apiKeys ? { apiKeys } : {}),
    coordination: options.coordination,
    rateLimits: { ...DEFAULT_REQUEST_RATE_LIMITS, ...options.rateLimits },
    safelist: options.safelistFile ? readSafelist(options.safelistFile) : null,
    decisions,
    onDenied,
    ...(options.audit ? { audit: options.audit } : {}),
  });
  const formatError = createErrorFormatter({
    log: (error) => log.error({ err: error }, 'unexpected error in the router'),
    onUnexpected: (error) => metrics.countUnexpected(error),
  });
  const steps = admission.apolloOptions();
  const introspection = options.introspection ?? true;
  const apollo = new ApolloServer<RouterContext>({
    gateway,
    formatError: (formatted, error) => formatError(withLimitCode(formatted), error),
    // Shutdown is stopOnSignals' (platform/service.ts). Apollo Server's own SIGTERM handler would call stop() at the
    // same time, and a stop() called while another is under way never returns (Apollo Server 5.5.1 resolves the
    // barrier concurrent callers await only when stopping fails): 3 of 4 routers signalled together hung until the
    // shutdown deadline and exited 1.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    introspection,
    // Without introspection, validation errors do not hint at field names ("Did you mean ...").
    hideSchemaDetailsFromClientErrors: !introspection,
    validationRules: steps.validationRules,
    parseOptions: steps.parseOptions,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    persistedQueries: steps.persistedQueries,
    plugins: [
      requestIdHeader,
      ...steps.plugins,
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
  const signer = new InternalTokenSigner(options.internalSecret);
  const hub = new UpstreamHub({
    planner,
    subgraphUrls: urls,
    serviceMap: Object.fromEntries(Object.keys(urls).map((name) => [name, subgraphDataSource(name, urls[name], {}, signer, client, metrics)])),
    signer,
    log,
    metrics,
  });
  const starter = new SubscriptionStarter({ planner, hub, policy });
  const sessions = new SessionWatch();
  await sessions.start(options.coordination.events);
  const streams = new HttpStreams({ starter, sessions, maxQueuedEvents: socketLimits.maxQueuedEvents, metrics });
  // The socket server attaches to the HTTP server once it listens; until then no socket is open.
  const sockets: { server?: Awaited<ReturnType<typeof attachSocketServer>> } = {};
  const openConnections = () => (sockets.server?.connections() ?? 0) + streams.size;
  // The contexts of requests that asked for a stream, so that their answer can become one.
  const streamContexts = new WeakMap<http.IncomingMessage, RouterContext>();
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
    streams: {
      accepts: (accept) => streamKindOf(accept) !== null,
      respond: (req, res, response) => {
        const context = streamContexts.get(req);
        if (!context) return false;
        const kind = streamKindOf(req.headers.accept)!;
        const admitted = context.stream?.admitted;
        // A query or mutation over SSE: its result as the stream's one event (refusals stay JSON, with their status).
        if (!admitted) return kind === 'sse' && streams.answer(res, response, context);
        if (openConnections() >= socketLimits.maxConnections) {
          res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' });
          res.end(
            JSON.stringify({ errors: [{ message: 'Too many connections: try again later', extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } }] }),
          );
          return true;
        }
        streams.serve(kind, res, admitted, context);
        return true;
      },
    },
    context: async (req) => {
      const requestId = requestIdOf(req.headers['x-request-id']) ?? randomUUID();
      const context = await admission.callers.admit(req.headers.authorization, clientAddress(req, options.trustProxy ?? 0), requestId);
      if (streamKindOf(req.headers.accept)) {
        context.stream = {};
        streamContexts.set(req, context);
      }
      return context;
    },
  });

  // Subscriptions (and any operation) over graphql-ws on the same port and path.
  sockets.server = await attachSocketServer({
    server: running.server,
    apollo,
    schema: planner.graphqlSchema,
    admission,
    starter,
    sessions,
    ...(options.socketLimits ? { socketLimits: options.socketLimits } : {}),
    trustProxy: options.trustProxy ?? 0,
    maxMessageBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    openConnections,
    log,
    metrics,
  });
  const figures = () => ({ ...hub.stats(), connections: openConnections() });
  metrics.readFiguresFrom(figures);
  return {
    ...running,
    subscriptions: { stats: figures },
    close: async () => {
      streams.close();
      await sockets.server?.close();
      await sessions.stop();
      await hub.close();
      await running.close();
      await client.close();
      await apiKeys?.close();
    },
  };
}
