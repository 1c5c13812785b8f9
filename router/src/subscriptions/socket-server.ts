import { createHash, randomUUID } from 'node:crypto';
import type http from 'node:http';
import type net from 'node:net';
import type { ApolloServer } from '@apollo/server';
import {
  clientAddress,
  CoordinationUnavailableError,
  ErrorCode,
  type EventBus,
  identityFromAuthorization,
  type JwtSettings,
  type Logger,
  type RevokedSessions,
  SESSION_ENDED,
  userError,
} from '@trading/platform';
import { getOperationAST, GraphQLError, specifiedRules, type ExecutionResult } from 'graphql';
import jwt from 'jsonwebtoken';
import { WebSocketServer, type WebSocket } from 'ws';
import { authorizeOperation, callerFor, type AuthorizationPolicy, type Filtered } from '../authorization';
import type { RouterContext } from '../context';
import type { RouterMetrics } from '../metrics';
import { operationCost } from '../cost';
import { operationLimitRules, type OperationLimits } from '../limits';
import type { RequestRateLimiter } from '../rate-limit';
import { knownRootTypeRule } from '../request-checks';
import { variablesRefusal } from '../variables';
import type { SubscriptionPlanner } from './planner';
import { needsIdentity } from './scope';
import { SubscriptionDelivery, type DeliveryTransport } from './delivery';
import { OperationDocuments } from './documents';
import type { Scope, Subscriber, UpstreamHub } from './upstream';
import { corkUntilNextTurn, serveGraphQLWs } from './ws-transport';

/** Limits of the socket endpoint. */
export interface SocketLimits {
  /** Open sockets per router; more are closed at once with 1013 (try again later). Default 10,000. */
  maxConnections: number;
  /** Active subscriptions per socket; more are refused with TOO_MANY_SUBSCRIPTIONS. Default 25. */
  maxSubscriptionsPerConnection: number;
  /** Events held for a slow client per subscription: price ticks beyond it drop the oldest; other streams end. Default 100. */
  maxQueuedEvents: number;
  /** A socket must send connection_init within this many ms; default 10,000. */
  connectionInitTimeoutMs: number;
  /** Ping every this many ms to keep idle sockets alive and find dead ones; default 12,000. */
  keepAliveMs: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  maxConnections: 10_000,
  maxSubscriptionsPerConnection: 25,
  maxQueuedEvents: 100,
  connectionInitTimeoutMs: 10_000,
  keepAliveMs: 12_000,
};

/** Close codes beyond graphql-ws's own (documented in router/README.md). */
export const SocketCloseCode = {
  /** The token expired, or its session ended: sign in again and reconnect. */
  SessionEnded: 4401,
  /** The router is at its socket limit. */
  TryAgainLater: 1013,
  /** The router is shutting down; reconnect (to another instance). */
  GoingAway: 1001,
} as const;

/** Root fields whose events are samples of a changing value: a slow client may skip some. */
const DROPPABLE_ROOT_FIELDS = new Set(['priceChanged', 'marketTicks', 'candleUpdated']);

/** The last event of a stream whose client fell too far behind: the same for every subscription, so made once. */
const OVERFLOW: ExecutionResult = {
  errors: [
    new GraphQLError('This client fell too far behind and the subscription was ended: subscribe again', {
      extensions: { code: 'SUBSCRIPTION_OVERFLOW' },
    }),
  ],
};

/** Corks a subscription's socket before a write, so that one turn's writes leave together. Shared by all. */
const corkTransport = (transport: DeliveryTransport) => corkUntilNextTurn(transport as net.Socket);

/** One socket: who is on it, and how many subscriptions it has open. */
interface ConnectionState {
  context: RouterContext;
  subscriptions: number;
  expiry?: NodeJS.Timeout;
}

/** A query or mutation over the socket: its socket's state and its text as sent. Handed to execute as context. */
interface OperationCall {
  state: ConnectionState;
  query: string;
}

/** One subscription: its socket's state, its id, and where its events are written. Handed to subscribe as context. */
interface SubscriptionCall {
  state: ConnectionState;
  id: string;
  socket: WebSocket;
  transport: net.Socket;
}

export interface SocketServerOptions {
  server: http.Server;
  apollo: ApolloServer<RouterContext>;
  planner: SubscriptionPlanner;
  hub: UpstreamHub;
  policy: AuthorizationPolicy;
  limits: OperationLimits;
  socketLimits?: Partial<SocketLimits>;
  jwt: JwtSettings;
  revoked: RevokedSessions;
  /** Where session ends are announced, so sockets of an ended session close at once. */
  events: EventBus;
  rateLimiter: RequestRateLimiter;
  trustProxy: number;
  /** Largest message a client may send, in bytes (the router's MAX_BODY_BYTES); larger ones close the socket with 1009. */
  maxMessageBytes: number;
  /** Safelist mode: the SHA-256 ids of the only operations that may run (see persisted-queries.ts). */
  safelist?: ReadonlyMap<string, string> | null;
  log: Logger;
  metrics?: RouterMetrics;
}

/**
 * graphql-ws on the router's port and path. The token travels in connection_init (`authorization: "Bearer …"`, or
 * `token`) and is checked before the ack: an invalid one closes the socket with 4403. Subscriptions are validated,
 * limited, authorized and planned like any operation, then served by the upstream hub; queries and mutations over
 * the socket run through Apollo Server like HTTP ones.
 */
export async function attachSocketServer(options: SocketServerOptions): Promise<{ close(): Promise<void>; connections(): number }> {
  const limits = { ...DEFAULT_SOCKET_LIMITS, ...options.socketLimits };
  // A message larger than an HTTP body may be closes the socket with 1009 (Message Too Big), before it is parsed.
  const sockets = new WebSocketServer({ server: options.server, path: '/graphql', maxPayload: options.maxMessageBytes });
  const bySession = new Map<string, Set<WebSocket>>();
  const rules = [...specifiedRules, knownRootTypeRule, ...operationLimitRules(options.limits)];
  const documents = new OperationDocuments(options.planner.graphqlSchema, rules, options.limits.maxTokens);
  const countDropped = () => options.metrics?.droppedEvents.inc();

  sockets.on('connection', (socket, request) => {
    // Each subscription of the socket may wait for it to drain.
    request.socket.setMaxListeners(limits.maxSubscriptionsPerConnection + 10);
    if (sockets.clients.size > limits.maxConnections) socket.close(SocketCloseCode.TryAgainLater, 'Too many connections: try again later');
  });

  const stopListening = await options.events.subscribe(SESSION_ENDED, (payload) => {
    const sessionId = (payload as { sessionId?: string }).sessionId;
    for (const socket of (sessionId && bySession.get(sessionId)) || []) socket.close(SocketCloseCode.SessionEnded, 'Session ended: sign in again');
  });

  const refuse = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })];

  const server = serveGraphQLWs<Record<string, unknown> | undefined, { state?: ConnectionState }>(
    {
      schema: options.planner.graphqlSchema,
      connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header =
          typeof params.authorization === 'string' ? params.authorization : typeof params.token === 'string' ? `Bearer ${params.token}` : undefined;
        try {
          const identity = identityFromAuthorization(options.jwt, header);
          await options.revoked.check(identity);
          const context: RouterContext = { identity, clientIp: clientAddress(ctx.extra.request!, options.trustProxy), requestId: randomUUID() };
          const state: ConnectionState = { context, subscriptions: 0 };
          if (identity) {
            const socket = ctx.extra.socket;
            const sessions = bySession.get(identity.sessionId) ?? new Set();
            bySession.set(identity.sessionId, sessions.add(socket));
            socket.once('close', () => {
              clearTimeout(state.expiry);
              sessions.delete(socket);
              if (sessions.size === 0) bySession.delete(identity.sessionId);
            });
            // The socket lives no longer than its token.
            const exp = (jwt.decode(header!.slice(7)) as { exp?: number } | null)?.exp;
            if (exp)
              state.expiry = setTimeout(
                () => socket.close(SocketCloseCode.SessionEnded, 'Token expired: sign in again'),
                Math.max(0, exp * 1000 - Date.now()),
              );
          }
          ctx.extra.state = state;
          return true;
        } catch (error) {
          // Redis unreachable: not the client's fault, so not 4403: try again later.
          if (error instanceof CoordinationUnavailableError) {
            ctx.extra.socket.close(SocketCloseCode.TryAgainLater, 'Temporarily unavailable: try again later');
            return false;
          }
          options.log.debug({ err: error }, 'socket refused at connection_init');
          return false; // 4403 Forbidden
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        const state = ctx.extra.state!;
        try {
          await options.rateLimiter.check(state.context.identity, state.context.clientIp ?? 'unknown', state.context.requestId);
        } catch (error) {
          return [error as GraphQLError];
        }
        if (options.safelist && !options.safelist.has(createHash('sha256').update(payload.query).digest('hex')))
          return refuse('This router runs listed operations only, and this one is not on the list', 'QUERY_NOT_IN_SAFELIST');
        let document;
        try {
          document = documents.parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation || operation.operation !== 'subscription') {
          // Queries and mutations: Apollo Server's own pipeline, as over HTTP.
          return {
            schema: options.planner.graphqlSchema,
            document,
            contextValue: { state, query: payload.query } satisfies OperationCall,
            variableValues: payload.variables ?? {},
            operationName: payload.operationName ?? null,
          };
        }
        const errors = documents.validate(document);
        if (errors.length) return errors;
        const refusal = variablesRefusal(options.planner.graphqlSchema, operation, payload.variables, options.limits.maxVariableDepth);
        if (refusal) return [refusal];
        let cost = 0;
        try {
          cost = operationCost(options.planner.graphqlSchema, document, payload.variables ?? undefined, payload.operationName ?? undefined);
        } catch (error) {
          return [userError(ErrorCode.BAD_USER_INPUT, (error as Error).message)];
        }
        if (cost > options.limits.maxCost)
          return refuse(`Operation cost limit of ${options.limits.maxCost} exceeded, estimated ${cost}.`, 'MAX_COST_EXCEEDED');
        if (state.subscriptions >= limits.maxSubscriptionsPerConnection) {
          return refuse(`At most ${limits.maxSubscriptionsPerConnection} subscriptions per connection`, 'TOO_MANY_SUBSCRIPTIONS');
        }
        // The slot is taken now (subscribe messages may arrive together); it is given back when the stream ends.
        state.subscriptions += 1;
        const call: SubscriptionCall = { state, id, socket: ctx.extra.socket, transport: ctx.extra.transport };
        return {
          schema: options.planner.graphqlSchema,
          document,
          contextValue: call,
          variableValues: payload.variables ?? {},
          operationName: payload.operationName ?? null,
        };
      },
      execute: async (args) => {
        const { state, query } = args.contextValue as OperationCall;
        const response = await options.apollo.executeOperation(
          {
            // The text as sent, so persisted query and safelist ids match it.
            query,
            variables: (args.variableValues ?? {}) as Record<string, unknown>,
            ...(args.operationName ? { operationName: args.operationName } : {}),
          },
          { contextValue: state.context },
        );
        if (response.body.kind !== 'single') return { errors: [new GraphQLError('Incremental delivery is not supported over the socket')] };
        const { errors, ...result } = response.body.singleResult;
        // Apollo Server's errors are already formatted (masked, with their codes); graphql-ws serializes errors with
        // toJSON(), which plain objects lack: send each exactly as formatted.
        return {
          ...result,
          ...(errors ? { errors: errors.map((formatted) => ({ ...formatted, toJSON: () => formatted })) } : {}),
        } as ExecutionResult;
      },
      subscribe: async (args) => {
        const call = args.contextValue as SubscriptionCall;
        const state = call.state;
        const context = state.context;
        const caller = callerFor(context.identity);
        const decided = authorizeOperation({
          schema: options.planner.graphqlSchema,
          policy: options.policy,
          document: args.document,
          operationName: args.operationName ?? null,
          caller,
        });
        if (decided.changed && !decided.document) {
          state.subscriptions -= 1;
          return { data: null, errors: decided.errors };
        }
        const document = decided.changed ? decided.document! : args.document;
        const plan = options.planner.plan(document, args.operationName ?? null);
        // An operation that needs no identity is the same for everyone: every client shares one upstream stream.
        const scope: Scope =
          context.identity && needsIdentity(options.planner.graphqlSchema, options.policy, document)
            ? { key: `${context.identity.userId}:${context.identity.role}`, identity: context.identity }
            : { key: 'public', identity: null };
        const rootField =
          (getOperationAST(document, args.operationName)?.selectionSet.selections[0] as { name?: { value: string } } | undefined)?.name?.value ?? '';
        const droppable = DROPPABLE_ROOT_FIELDS.has(rootField);
        // Filled in once the hub has the subscriber; the delivery's end (complete, socket closed) leaves the upstream.
        const upstream: { leave?: () => void } = {};
        const delivery = new SubscriptionDelivery({
          socket: call.socket,
          transport: call.transport,
          id: call.id,
          maxQueued: limits.maxQueuedEvents,
          droppable,
          overflow: OVERFLOW,
          onDropped: countDropped,
          beforeWrite: corkTransport,
          onEnd: () => {
            upstream.leave?.();
            state.subscriptions -= 1;
          },
        });
        // Unchanged, each result is the one every sharer of the upstream gets (serialized once for all): the delivery
        // takes it as it is. Filtered, each result is shaped for this caller first.
        const subscriber: Subscriber = decided.changed ? shapedSubscriber(delivery, decided) : delivery;
        upstream.leave = options.hub.subscribe(plan, (args.variableValues ?? {}) as Record<string, unknown>, scope, context, subscriber);
        return delivery;
      },
    },
    sockets,
    limits.keepAliveMs,
  );

  return {
    connections: () => sockets.clients.size,
    close: async () => {
      await stopListening();
      for (const socket of sockets.clients) socket.close(SocketCloseCode.GoingAway, 'The router is shutting down');
      await server.dispose();
      await options.hub.close();
    },
  };
}

/** A subscriber whose events are shaped for a caller denied part of the operation: nulls and errors put back. */
function shapedSubscriber(delivery: SubscriptionDelivery, decided: Filtered): Subscriber {
  return {
    push: (result) => {
      const data = decided.shape(result.data as Record<string, unknown> | null);
      const errors = [...decided.errors, ...(result.errors ?? [])];
      delivery.push({ data: data ?? null, ...(errors.length ? { errors } : {}) });
    },
    end: (error) => delivery.end(error),
  };
}
