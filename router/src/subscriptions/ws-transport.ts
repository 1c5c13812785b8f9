import type http from 'node:http';
import type net from 'node:net';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';

/** What graphql-ws hands the hooks as `ctx.extra`: as its own `use/ws` does, plus the TCP socket. */
export interface SocketExtra {
  readonly socket: WebSocket;
  /** The TCP socket under `socket`. */
  readonly transport: net.Socket;
  /**
   * The upgrade request, until `onConnect` has returned; null after, so that a socket does not hold its request
   * (headers and all) for as long as it stays open.
   */
  readonly request: http.IncomingMessage | null;
}

/** A socket's unsent bytes above which the next message waits for them to leave (backpressure). */
const HIGH_WATER_BYTES = 64 * 1024;

/**
 * Coalesces the writes of many sockets: the first message a socket sends in a turn of the event loop corks it, and
 * every corked socket is uncorked once the turn's work is done, so the messages it got meanwhile leave in one
 * system call. A fan-out of one event to thousands of sockets, or a burst of events, then costs one write per socket
 * instead of one per message: the writes dominated the router's profile under load.
 */
class WriteCoalescer {
  private readonly corked = new Set<net.Socket>();
  private scheduled = false;

  cork(socket: net.Socket): void {
    if (this.corked.has(socket)) return;
    socket.cork();
    this.corked.add(socket);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  private readonly flush = () => {
    this.scheduled = false;
    const sockets = [...this.corked];
    this.corked.clear();
    for (const socket of sockets) socket.uncork();
  };
}

const coalescer = new WriteCoalescer();

/** Holds the socket's writes until the current turn of the event loop is done, to send them in one system call. */
export function corkUntilNextTurn(socket: net.Socket): void {
  coalescer.cork(socket);
}

/**
 * graphql-ws over a `ws` server: graphql-ws's own `use/ws` adapter (keep-alive pings, the same close codes and error
 * handling), except how messages are sent. `use/ws` waits for each message to be written before the next, one system
 * call each; here writes are coalesced per turn of the event loop (WriteCoalescer) and a message waits only when the
 * socket already holds HIGH_WATER_BYTES unsent, so a slow client still holds its stream back (and its bounded queue
 * drops or ends, see socket-server.ts) instead of growing the router's memory.
 */
export function serveGraphQLWs<P extends Record<string, unknown> | undefined, E extends Record<PropertyKey, unknown>>(
  options: ServerOptions<P, SocketExtra & Partial<E>>,
  sockets: WebSocketServer,
  keepAliveMs: number,
): { dispose(): Promise<void> } {
  const server = makeServer({
    ...options,
    onConnect: async (ctx) => {
      try {
        return await options.onConnect?.(ctx);
      } finally {
        (ctx.extra as { request: http.IncomingMessage | null }).request = null;
      }
    },
  });
  sockets.options.handleProtocols = handleProtocols;
  sockets.once('error', () => {
    for (const client of sockets.clients) client.close(CloseCode.InternalServerError, 'Internal server error');
  });

  sockets.on('connection', (socket, request) => {
    socket.once('error', () => socket.close(CloseCode.InternalServerError, 'Internal server error'));
    const raw = request.socket;
    // Keep-alive: ping every keepAliveMs; a peer that does not answer within as long is dropped.
    let pongWait: NodeJS.Timeout | null = null;
    const pinger =
      keepAliveMs > 0 && Number.isFinite(keepAliveMs)
        ? setInterval(() => {
            if (socket.readyState !== socket.OPEN) return;
            pongWait = setTimeout(() => socket.terminate(), keepAliveMs);
            socket.once('pong', () => {
              if (pongWait) clearTimeout(pongWait);
              pongWait = null;
            });
            socket.ping();
          }, keepAliveMs)
        : null;

    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          if (socket.readyState !== socket.OPEN) return;
          corkUntilNextTurn(raw);
          if (socket.bufferedAmount + raw.writableLength < HIGH_WATER_BYTES) {
            // A failed write closes the socket, which ends its subscriptions: nothing to do here.
            socket.send(data, () => undefined);
            return;
          }
          return new Promise<void>((resolve) => socket.send(data, () => resolve()));
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (message) => {
            handle(String(message)).catch(() => socket.close(CloseCode.InternalServerError, 'Internal server error'));
          }),
      },
      { socket, transport: raw, request } as SocketExtra & Partial<E>,
    );

    socket.once('close', (code, reason) => {
      if (pongWait) clearTimeout(pongWait);
      if (pinger) clearInterval(pinger);
      void closed(code, String(reason));
    });
  });

  return {
    dispose: async () => {
      for (const client of sockets.clients) client.close(1001, 'Going away');
      sockets.removeAllListeners();
      await new Promise<void>((resolve, reject) => sockets.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
