import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type net from 'node:net';
import type { ApolloServer } from '@apollo/server';
import { clientAddress, ErrorCode, type Logger, userError } from '@trading/platform';
import { GraphQLError, parse, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Admission } from '../admission';
import type { AdmittedSubscription, RouterContext } from '../context';
import type { RouterMetrics } from '../metrics';
import { graphqlWsFrame, SubscriptionDelivery, type DeliveryTransport } from './delivery';
import { sessionEndOf, type SessionWatch } from './sessions';
import { OVERFLOW, type SubscriptionStarter } from './start';
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

/** Corks a subscription's socket before a write, so that one turn's writes leave together. Shared by all. */
const corkTransport = (transport: DeliveryTransport) => corkUntilNextTurn(transport as net.Socket);

/**
 * graphql-ws executes what `onSubscribe` hands it by the operation type of its document. A query or mutation has
 * been executed by admission already (its result is in the context): this stands in as its document.
 */
const EXECUTED = parse('query Executed { __typename }');

/**
 * Formatted errors (masked, with their codes) as graphql-ws takes them: GraphQLError instances (it tells errors from
 * execution arguments that way) that serialize to exactly the formatted error.
 */
const asSent = (errors: readonly GraphQLFormattedError[]): GraphQLError[] =>
  errors.map((formatted) => Object.assign(new GraphQLError(formatted.message), { toJSON: () => formatted }));

/** One socket: who is on it, and how many subscriptions it has open. */
interface ConnectionState {
  context: RouterContext;
  subscriptions: number;
}

/** What `onSubscribe` hands graphql-ws as context: a query's result, or a subscription to start. */
type Operation =
  | { kind: 'result'; result: ExecutionResult }
  | {
      kind: 'subscription';
      subscription: AdmittedSubscription;
      context: RouterContext;
      state: ConnectionState;
      id: string;
      socket: WebSocket;
      transport: net.Socket;
    };

export interface SocketServerOptions {
  server: http.Server;
  apollo: ApolloServer<RouterContext>;
  /** The API schema (graphql-ws wants one; admission has validated every operation against it already). */
  schema: GraphQLSchema;
  /** The one admission path: every operation on a socket passes it, as over HTTP. */
  admission: Admission;
  starter: SubscriptionStarter;
  socketLimits?: Partial<SocketLimits>;
  /** What each session holds open: its sockets close at once when it ends. */
  sessions: SessionWatch;
  trustProxy: number;
  /** Largest message a client may send, in bytes (the router's MAX_BODY_BYTES); larger ones close the socket with 1009. */
  maxMessageBytes: number;
  /** Every connection open on the router now, sockets and HTTP streams (SSE, multipart), held to `maxConnections`. */
  openConnections: () => number;
  log: Logger;
  metrics?: RouterMetrics;
}

/**
 * graphql-ws on the router's port and path. The token travels in connection_init (`authorization: "Bearer …"`, or
 * `token`) and is checked before the ack (admission's caller steps): an invalid one closes the socket with 4403.
 * Every `subscribe` message then passes the rate limit and the operation steps of the one admission path, like an
 * HTTP request: a refusal is an `error` message with the same code; a query or mutation is executed there; an
 * admitted subscription is started on the upstream hub. The socket transport adds its own bounds only: sockets per
 * router, subscriptions per socket, events held for a slow client.
 */
export async function attachSocketServer(options: SocketServerOptions): Promise<{ close(): Promise<void>; connections(): number }> {
  const limits = { ...DEFAULT_SOCKET_LIMITS, ...options.socketLimits };
  const { admission, starter } = options;
  // A message larger than an HTTP body may be closes the socket with 1009 (Message Too Big), before it is parsed.
  const sockets = new WebSocketServer({ server: options.server, path: '/graphql', maxPayload: options.maxMessageBytes });
  const { sessions } = options;
  const countDropped = () => options.metrics?.droppedEvents.inc();
  sockets.on('connection', (socket, request) => {
    // Each subscription of the socket may wait for it to drain.
    request.socket.setMaxListeners(limits.maxSubscriptionsPerConnection + 10);
    if (options.openConnections() > limits.maxConnections) socket.close(SocketCloseCode.TryAgainLater, 'Too many connections: try again later');
  });

  const server = serveGraphQLWs<Record<string, unknown> | undefined, { state?: ConnectionState }>(
    {
      schema: options.schema,
      connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header =
          typeof params.authorization === 'string' ? params.authorization : typeof params.token === 'string' ? `Bearer ${params.token}` : undefined;
        try {
          const clientIp = clientAddress(ctx.extra.request!, options.trustProxy);
          const identity = await admission.callers.identify(header, clientIp);
          const context: RouterContext = { identity, clientIp, requestId: randomUUID() };
          ctx.extra.state = { context, subscriptions: 0 };
          if (identity) {
            const socket = ctx.extra.socket;
            // The socket lives no longer than its token, or its session.
            const release = sessions.hold(identity, (why) => socket.close(SocketCloseCode.SessionEnded, sessionEndOf(identity, why).message));
            socket.once('close', release);
          }
          return true;
        } catch (error) {
          // Redis unreachable: not the client's fault, so not 4403: try again later.
          if (error instanceof GraphQLError && error.extensions.code === ErrorCode.SERVICE_UNAVAILABLE) {
            ctx.extra.socket.close(SocketCloseCode.TryAgainLater, 'Temporarily unavailable: try again later');
            return false;
          }
          options.log.debug({ err: error }, 'socket refused at connection_init');
          return false; // 4403 Forbidden
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        const state = ctx.extra.state!;
        const context: RouterContext = { ...state.context, requestId: randomUUID(), stream: {} };
        try {
          await admission.callers.spend(context);
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          // What HTTP would answer with (429 and Retry-After) has no place in a socket message; the code and wait stay.
          const { http: _http, ...extensions } = error.extensions;
          return asSent([{ message: error.message, extensions }]);
        }
        // The request as Apollo Server reads an HTTP body: an operation name that is a string is kept even when empty
        // (so that it is refused as over HTTP, OPERATION_RESOLUTION_FAILURE, instead of running the only operation).
        const admitted = await admission.run(
          options.apollo,
          {
            query: payload.query,
            ...(payload.variables ? { variables: payload.variables } : {}),
            ...(typeof payload.operationName === 'string' ? { operationName: payload.operationName } : {}),
            ...(payload.extensions ? { extensions: payload.extensions } : {}),
          },
          context,
        );
        if (admitted.kind === 'refused') return asSent(admitted.errors);
        if (admitted.kind === 'result') {
          const { errors, ...result } = admitted.result;
          const operation: Operation = { kind: 'result', result: { ...result, ...(errors ? { errors: asSent(errors) } : {}) } as ExecutionResult };
          return { schema: options.schema, document: EXECUTED, contextValue: operation };
        }
        if (state.subscriptions >= limits.maxSubscriptionsPerConnection) {
          return [userError(ErrorCode.TOO_MANY_SUBSCRIPTIONS, `At most ${limits.maxSubscriptionsPerConnection} subscriptions per connection`)];
        }
        // The slot is taken now (subscribe messages may arrive together); it is given back when the stream ends.
        state.subscriptions += 1;
        const operation: Operation = {
          kind: 'subscription',
          subscription: admitted.subscription,
          context,
          state,
          id,
          socket: ctx.extra.socket,
          transport: ctx.extra.transport,
        };
        return {
          schema: options.schema,
          document: admitted.subscription.document,
          contextValue: operation,
          ...(admitted.subscription.operationName ? { operationName: admitted.subscription.operationName } : {}),
        };
      },
      execute: async (args) => (args.contextValue as Extract<Operation, { kind: 'result' }>).result,
      subscribe: async (args) => {
        const call = args.contextValue as Extract<Operation, { kind: 'subscription' }>;
        // Filled in once the hub has the subscriber; the delivery's end (complete, socket closed) leaves the upstream.
        const upstream: { leave?: () => void } = {};
        const delivery = new SubscriptionDelivery({
          socket: call.socket,
          transport: call.transport,
          frame: graphqlWsFrame(call.id),
          maxQueued: limits.maxQueuedEvents,
          droppable: starter.droppable(call.subscription),
          overflow: OVERFLOW,
          onDropped: countDropped,
          beforeWrite: corkTransport,
          onEnd: () => {
            upstream.leave?.();
            call.state.subscriptions -= 1;
          },
        });
        upstream.leave = starter.start(call.subscription, call.context, delivery);
        return delivery;
      },
    },
    sockets,
    limits.keepAliveMs,
  );

  return {
    connections: () => sockets.clients.size,
    close: async () => {
      for (const socket of sockets.clients) socket.close(SocketCloseCode.GoingAway, 'The router is shutting down');
      await server.dispose();
    },
  };
}
