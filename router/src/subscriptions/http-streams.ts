import type http from 'node:http';
import type { HTTPGraphQLResponse } from '@apollo/server';
import type net from 'node:net';
import { ErrorCode, userError } from '@trading/platform';
import { quotaHeaders } from '../admission/rate-limit';
import type { AdmittedSubscription, RouterContext } from '../context';
import type { RouterMetrics } from '../metrics';
import { SubscriptionDelivery, type DeliverySocket, type Frame } from './delivery';
import { sessionEndOf, type SessionWatch } from './sessions';
import { OVERFLOW, type SubscriptionStarter } from './start';
import { corkUntilNextTurn } from './ws-transport';

/** The HTTP subscription transports: GraphQL over SSE (distinct connections), and Apollo's multipart protocol. */
export type StreamKind = 'sse' | 'multipart';

/**
 * The stream a request asks for by its `Accept` header, or null: `text/event-stream` (graphql-sse's distinct
 * connections mode), or `multipart/mixed` with `subscriptionSpec="1.0"` (what Apollo Client's HTTP link and Apollo
 * Router speak).
 */
export function streamKindOf(accept: string | undefined): StreamKind | null {
  if (!accept) return null;
  if (/(^|,)\s*text\/event-stream\b/i.test(accept)) return 'sse';
  if (/multipart\/mixed[^,]*subscriptionSpec\s*=\s*"?1\.0"?/i.test(accept)) return 'multipart';
  return null;
}

interface Transport {
  contentType: string;
  frame: Frame;
  /** Sent on a quiet stream so that proxies and clients keep it open. */
  heartbeat: string;
  heartbeatMs: number;
  /** The end of a stream. */
  end: string;
}

const PART = '\r\n--graphql\r\ncontent-type: application/json; charset=utf-8\r\n\r\n';

const TRANSPORTS: Record<StreamKind, Transport> = {
  // https://github.com/enisdenjo/graphql-sse/blob/master/PROTOCOL.md#distinct-connections-mode
  sse: {
    contentType: 'text/event-stream; charset=utf-8',
    frame: { prefix: 'event: next\ndata: ', suffix: '\n\n' },
    heartbeat: ':\n\n',
    heartbeatMs: 12_000,
    end: 'event: complete\ndata:\n\n',
  },
  // https://www.apollographql.com/docs/graphos/routing/operations/subscriptions/multipart-protocol
  multipart: {
    contentType: 'multipart/mixed;boundary="graphql";subscriptionSpec="1.0"',
    frame: { prefix: `${PART}{"payload":`, suffix: '}' },
    heartbeat: `${PART}{}`,
    heartbeatMs: 5_000,
    end: '\r\n--graphql--\r\n',
  },
};

/** The headers of a stream: its media type, and no cache or proxy buffering that would hold events back. */
function streamHeaders(transport: Transport, context: RouterContext): http.OutgoingHttpHeaders {
  return {
    'content-type': transport.contentType,
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // Proxies that buffer responses (nginx) would hold events back.
    'x-accel-buffering': 'no',
    'x-request-id': context.requestId,
    // The quota this request was counted against, as on every other answer.
    ...(context.quota ? Object.fromEntries(quotaHeaders(context.quota)) : {}),
  };
}

/** An HTTP response as SubscriptionDelivery sees a socket: open until it ends, writes straight to the response. */
function responseSocket(res: http.ServerResponse): DeliverySocket {
  return {
    get readyState() {
      return res.writableEnded || res.destroyed ? 3 : 1;
    },
    OPEN: 1,
    bufferedAmount: 0,
    send: (data, callback) => void res.write(data, (error) => callback(error ?? undefined)),
  };
}

/**
 * Serves subscriptions over HTTP streams, SSE and multipart, once admission admitted them (the same admission as
 * every transport: see admission/index.ts). Events go out through the same delivery as graphql-ws (one serialized
 * payload for every subscriber, slow clients held to `maxQueued` events: price ticks drop the oldest, other streams
 * end with SUBSCRIPTION_OVERFLOW), framed for the transport; a heartbeat keeps a quiet stream open. The stream ends
 * when the subscription does, when the client goes away, or when the caller's session ends or credential expires (a
 * last event with UNAUTHENTICATED).
 */
export class HttpStreams {
  private readonly open = new Set<http.ServerResponse>();

  constructor(
    private readonly deps: {
      starter: SubscriptionStarter;
      sessions: SessionWatch;
      maxQueuedEvents: number;
      metrics?: RouterMetrics;
    },
  ) {}

  /** Streams open now. */
  get size(): number {
    return this.open.size;
  }

  serve(kind: StreamKind, res: http.ServerResponse, subscription: AdmittedSubscription, context: RouterContext): void {
    const transport = TRANSPORTS[kind];
    res.writeHead(200, streamHeaders(transport, context));
    // Node holds the head until the first write: sent now, the client sees the stream open (an SSE stream's first
    // write may otherwise be its first heartbeat, 12 s later).
    res.flushHeaders();
    // Multipart clients read the first boundary as the start of the stream.
    if (kind === 'multipart') res.write(transport.heartbeat);
    this.open.add(res);
    const socket = res.socket as net.Socket | null;
    // Filled in once the hub has the subscriber.
    const upstream: { leave?: () => void } = {};
    const heartbeat = setInterval(() => {
      if (!res.writableEnded) res.write(transport.heartbeat);
    }, transport.heartbeatMs);
    heartbeat.unref();
    const finish = () => {
      clearInterval(heartbeat);
      release?.();
      upstream.leave?.();
      this.open.delete(res);
      if (!res.writableEnded && !res.destroyed) res.end(transport.end);
    };
    const delivery = new SubscriptionDelivery({
      socket: responseSocket(res),
      transport: res,
      frame: transport.frame,
      maxQueued: this.deps.maxQueuedEvents,
      droppable: this.deps.starter.droppable(subscription),
      overflow: OVERFLOW,
      onDropped: () => this.deps.metrics?.droppedEvents.inc(),
      ...(socket ? { beforeWrite: () => corkUntilNextTurn(socket) } : {}),
      onEnd: finish,
    });
    const identity = context.identity;
    const release = identity
      ? this.deps.sessions.hold(identity, (why) => {
          const end = sessionEndOf(identity, why);
          delivery.end(userError(ErrorCode.UNAUTHENTICATED, end.message, { reason: end.reason }));
        })
      : undefined;
    res.once('close', () => void delivery.return());
    upstream.leave = this.deps.starter.start(subscription, context, delivery);
  }

  /**
   * Answers an executed query or mutation over SSE as a stream of its one result (graphql-sse's distinct connections
   * mode serves every operation type); false (Apollo's JSON answer is sent) for a refusal made before execution.
   */
  answer(res: http.ServerResponse, response: HTTPGraphQLResponse, context: RouterContext): boolean {
    if (response.body.kind !== 'complete' || (response.status ?? 200) !== 200) return false;
    const text = response.body.string;
    // Apollo Server leaves `data` out exactly when it refused the request before execution.
    if (!('data' in (JSON.parse(text) as object))) return false;
    const sse = TRANSPORTS.sse;
    res.writeHead(200, streamHeaders(sse, context));
    res.end(`${sse.frame.prefix}${text}${sse.frame.suffix}${sse.end}`);
    return true;
  }

  /** Ends every stream (the router is stopping). */
  close(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
