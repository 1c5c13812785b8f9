import type net from 'node:net';
import { createClient } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';

// The bare target of bench/subscriptions.ts, a process of its own: a plain `ws` server, no GraphQL, that writes every
// event of one upstream subscription to every socket subscribed to it, as graphql-ws `next` messages. It takes the
// events from the inventory subgraph itself, with the clients' own query, so each message carries the same payload
// bytes as the router's for the same event; it serializes each event once and corks each socket for the turn of the
// event loop, as the router does. What it leaves out is everything the router does besides: parsing, validation,
// authorization, planning, per-subscription state, backpressure and keep-alive. It is the physical limit of fanning
// the events out on this machine, from the same client processes.
//
// It speaks just enough of graphql-transport-ws for the graphql-ws client: connection_init is acknowledged, ping
// answered, subscribe and complete recorded; the payload of subscribe is not read.
//   parent -> { type: 'start', sourceUrl, token, query, variables }   child -> { type: 'listening', url }
//   parent -> { type: 'stats' }                                         child -> { type: 'stats', ... }

export type BareCommand = { type: 'start'; sourceUrl: string; token: string; query: string; variables: Record<string, unknown> } | { type: 'stats' };

export type BareMessage =
  | { type: 'listening'; url: string }
  | { type: 'stats'; subscriptions: number; sent: number; heapUsedMb: number; heapTotalMb: number }
  | { type: 'failed'; message: string };

/** Each subscribed socket: the TCP socket under it, and its `next` message up to the payload. */
const subscribed = new Map<WebSocket, { raw: net.Socket; prefix: string }>();
const corked = new Set<net.Socket>();
let sent = 0;

const uncorkAll = () => {
  for (const raw of corked) raw.uncork();
  corked.clear();
};

function fanOut(result: unknown): void {
  const payload = JSON.stringify(result);
  if (corked.size === 0 && subscribed.size > 0) setImmediate(uncorkAll);
  for (const [socket, { raw, prefix }] of subscribed) {
    if (socket.readyState !== WebSocket.OPEN) continue;
    if (!corked.has(raw)) {
      raw.cork();
      corked.add(raw);
    }
    socket.send(`${prefix}${payload}}`);
    sent += 1;
  }
}

function listen(command: Extract<BareCommand, { type: 'start' }>): void {
  const sockets = new WebSocketServer(
    {
      host: '127.0.0.1',
      port: 0,
      handleProtocols: (protocols) => (protocols.has('graphql-transport-ws') ? 'graphql-transport-ws' : false),
    },
    () => {
      const { port } = sockets.address() as net.AddressInfo;
      process.send!({ type: 'listening', url: `ws://127.0.0.1:${port}/graphql` } satisfies BareMessage);
    },
  );
  sockets.on('connection', (socket, request) => {
    const raw = request.socket as net.Socket;
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type?: string; id?: string };
      if (message.type === 'connection_init') socket.send('{"type":"connection_ack"}');
      else if (message.type === 'ping') socket.send('{"type":"pong"}');
      else if (message.type === 'subscribe') subscribed.set(socket, { raw, prefix: `{"id":${JSON.stringify(message.id)},"type":"next","payload":` });
      else if (message.type === 'complete') subscribed.delete(socket);
    });
    socket.once('close', () => subscribed.delete(socket));
  });

  const source = createClient({
    url: command.sourceUrl,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${command.token}` },
  });
  source.subscribe(
    { query: command.query, variables: command.variables },
    {
      next: fanOut,
      error: (error) =>
        process.send!({ type: 'failed', message: `bare server: the source subscription failed: ${String(error)}` } satisfies BareMessage),
      complete: () => undefined,
    },
  );
}

process.on('message', (command: BareCommand) => {
  if (command.type === 'start') listen(command);
  else {
    const memory = process.memoryUsage();
    process.send!({
      type: 'stats',
      subscriptions: subscribed.size,
      sent,
      heapUsedMb: memory.heapUsed / 2 ** 20,
      heapTotalMb: memory.heapTotal / 2 ** 20,
    } satisfies BareMessage);
  }
});
