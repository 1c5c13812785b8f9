import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import cors from 'cors';
import { ErrorCode } from '../errors';

/** Largest request body (and graphql-ws message at the router) accepted unless configured otherwise: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** A plain route next to GraphQL, such as `/health`. */
export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  /** A started Apollo Server; closing the HTTP server stops it too. */
  apollo: ApolloServer<TContext>;
  /** Builds the per-request context; a thrown GraphQLError becomes the response. */
  context: (req: http.IncomingMessage) => Promise<TContext>;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to bind; default all interfaces. */
  host?: string;
  /** Path of the GraphQL endpoint; default `/graphql`. */
  path?: string;
  /** Largest request body accepted, in bytes; default DEFAULT_MAX_BODY_BYTES (1 MiB). */
  maxBodyBytes?: number;
  /** Further routes by exact path (the query string is ignored). */
  routes?: Record<string, Route>;
  /**
   * GraphQL requests that ask for a stream (`accepts` their Accept header, e.g. `text/event-stream`): they pass
   * Apollo Server like any other, asking it for JSON, and `respond` may then answer them itself (stream what the
   * request's context says was admitted), returning true; otherwise Apollo Server's answer is sent.
   */
  streams?: {
    accepts(accept: string | undefined): boolean;
    respond(req: http.IncomingMessage, res: http.ServerResponse, response: HTTPGraphQLResponse): boolean;
  };
  /** Serves every other path (e.g. a web app's files); default a 404 that points at the GraphQL path. */
  fallback?: Route;
  /** Browser origins allowed to call (CORS), e.g. `https://trade.example.com`; default none. */
  corsOrigins?: readonly string[];
}

/** A listening server and how to reach and stop it. */
export interface RunningHttpServer {
  server: http.Server;
  port: number;
  /** e.g. `http://127.0.0.1:4000/graphql` */
  url: string;
  close(): Promise<void>;
}

/** Sends a JSON body with a status. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * A refusal made before Apollo Server sees the request, in the media type the client asked for: GraphQL over HTTP's
 * `application/graphql-response+json` when it accepts that, else `application/json` (as Apollo Server answers).
 */
function sendError(req: http.IncomingMessage, res: http.ServerResponse, status: number, code: ErrorCode, message: string): void {
  const text = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  const type = /application\/graphql-response\+json/i.test(req.headers.accept ?? '') ? 'application/graphql-response+json' : 'application/json';
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering; the 413 is sent and the connection closed once it is out (see sendTooLarge).
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Serves an Apollo Server over Node's own HTTP server: GraphQL at `path` (POST and GET, including the landing
 * page), extra routes, 404 elsewhere. No framework in between: it is the hot path of every request.
 */
export async function serveGraphQL<TContext extends BaseContext>(options: GraphQLHttpOptions<TContext>): Promise<RunningHttpServer> {
  const { apollo, context, path = '/graphql', maxBodyBytes = DEFAULT_MAX_BODY_BYTES, routes = {} } = options;
  const allowed = new Set(options.corsOrigins ?? []);
  // Only listed origins get CORS headers; a browser on any other origin cannot read responses or send preflighted
  // requests (and CSRF prevention refuses its simple ones).
  const applyCors = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'apollographql-client-name'],
    maxAge: 600,
  });

  let closing = false;
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    // Stopping: answer this one, then let the client reconnect elsewhere.
    if (closing) res.setHeader('connection', 'close');
    if (req.headers.origin) {
      // cors answers a preflight itself (and never calls next); anything else continues.
      const proceed = await new Promise<boolean>((resolve) => {
        res.once('finish', () => resolve(false));
        applyCors(req, res, () => resolve(true));
      });
      if (!proceed) return;
    }
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
    const route = routes[pathname];
    if (route) return route(req, res);
    if (pathname !== path && options.fallback) return options.fallback(req, res);
    if (pathname !== path) return sendError(req, res, 404, ErrorCode.NOT_FOUND, `Nothing at ${pathname}: GraphQL is served at ${path}`);

    let body: unknown;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          // The rest of the body is never read: close the connection after the answer rather than drain it.
          res.setHeader('connection', 'close');
          res.once('finish', () => req.destroy());
          return sendError(req, res, 413, ErrorCode.PAYLOAD_TOO_LARGE, `Request body is larger than ${maxBodyBytes} bytes`);
        }
        throw error;
      }
      const contentType = req.headers['content-type'] ?? '';
      if (contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json')) {
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          return sendError(req, res, 400, ErrorCode.BAD_REQUEST, 'Request body is not valid JSON');
        }
      } else {
        body = text;
      }
    }

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const streamed = options.streams?.accepts(req.headers.accept) ?? false;
    if (streamed) headers.set('accept', 'application/json');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: queryAt === -1 ? '' : url.slice(queryAt), body },
      context: () => context(req),
    });
    if (streamed && options.streams!.respond(req, res, response)) return;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendError(req, res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
      else res.destroy();
    });
  });
  // Longer than common load balancer idle timeouts, so a proxy never reuses a socket we just closed.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = !options.host || options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    server,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}${path}`,
    close: async () => {
      // Requests under way finish; their keep-alive connections are then closed as soon as they are idle (a client
      // holding one open would otherwise hold the process for the whole keep-alive timeout).
      closing = true;
      const sweeper = setInterval(() => server.closeIdleConnections(), 50);
      try {
        await new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeIdleConnections();
        });
      } finally {
        clearInterval(sweeper);
      }
      await apollo.stop();
    },
  };
}

/**
 * The client's IP address: the socket's peer, or with `trustedProxies` > 0 the address that many hops back in
 * X-Forwarded-For (each trusted proxy appends the address it saw). Never trust more hops than proxies you run.
 */
export function clientAddress(req: http.IncomingMessage, trustedProxies: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies <= 0) return peer;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - trustedProxies] ?? forwarded[0] ?? peer;
}

const REQUEST_ID = /^[A-Za-z0-9_.:-]{8,64}$/;

/** A request id from a header, if it is one we accept (so logs cannot be injected through it). */
export function requestIdOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : undefined;
}

/** `GET /health`: the process is up and serving. */
export const healthRoute: Route = (_req, res) => sendJson(res, 200, { status: 'ok' });
