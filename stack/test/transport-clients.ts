import http from 'node:http';
import WebSocket from 'ws';

// Minimal clients of every transport of the router's /graphql, for hostile requests: each sends an operation exactly
// as written (client libraries re-serialize, and JSON.stringify overflows on values nested thousands deep) and
// reports what came back: the HTTP status and the error codes, or how a socket answered.

/** The transports of /graphql (docs/API.md, "HTTP status codes and media types" and "Live prices and order fills"). */
export const TRANSPORTS = ['POST', 'POST graphql-response+json', 'GET', 'graphql-ws', 'SSE', 'multipart'] as const;
export type Transport = (typeof TRANSPORTS)[number];

/** The transports whose request is an HTTP POST with a JSON body (their envelope is parsed by the same code). */
export const POST_TRANSPORTS = ['POST', 'POST graphql-response+json', 'SSE', 'multipart'] as const satisfies readonly Transport[];

/** The `Accept` each HTTP transport sends. */
const ACCEPT: Record<Exclude<Transport, 'graphql-ws'>, string> = {
  POST: 'application/json',
  'POST graphql-response+json': 'application/graphql-response+json',
  GET: 'application/json',
  SSE: 'text/event-stream',
  multipart: 'multipart/mixed;subscriptionSpec="1.0", application/json',
};

/**
 * An operation as a client sends it. `variables` may be JSON text, for values JSON.stringify cannot write (nested
 * thousands of levels deep) or that must reach the router byte for byte.
 */
export interface Operation {
  query: string;
  variables?: Record<string, unknown> | string;
  operationName?: string;
  extensions?: Record<string, unknown>;
}

/** The request body (or graphql-ws `subscribe` payload) of an operation, as JSON text. */
export function operationJson(operation: Operation): string {
  const fields = [`"query":${JSON.stringify(operation.query)}`];
  if (operation.variables !== undefined)
    fields.push(`"variables":${typeof operation.variables === 'string' ? operation.variables : JSON.stringify(operation.variables)}`);
  if (operation.operationName !== undefined) fields.push(`"operationName":${JSON.stringify(operation.operationName)}`);
  if (operation.extensions !== undefined) fields.push(`"extensions":${JSON.stringify(operation.extensions)}`);
  return `{${fields.join(',')}}`;
}

/** The URL of an operation sent over GET (the fields in the query string, as GraphQL over HTTP has them). */
export function getUrl(routerUrl: string, operation: Operation): string {
  const search = new URLSearchParams({ query: operation.query });
  if (operation.variables !== undefined)
    search.set('variables', typeof operation.variables === 'string' ? operation.variables : JSON.stringify(operation.variables));
  if (operation.operationName !== undefined) search.set('operationName', operation.operationName);
  if (operation.extensions !== undefined) search.set('extensions', JSON.stringify(operation.extensions));
  return `${routerUrl}?${search}`;
}

/** What came back. Over HTTP: the status and media type; over graphql-ws: `close` when the socket was closed. */
export interface Answer {
  status?: number;
  type?: string;
  close?: number;
  /** extensions.code of each error, in order ('NO_CODE' for an error without one). */
  codes: string[];
  /** Over graphql-ws, the `data` of a `next` message. */
  data?: unknown;
}

/**
 * An answer as one line, to compare across transports: `<status> <codes>` over HTTP, `<codes>` or `close <code>` over
 * graphql-ws. Codes are the distinct ones, in order; `no code` when there were none.
 */
export function summary(answer: Answer): string {
  if (answer.close !== undefined) return `close ${answer.close}`;
  const codes = [...new Set(answer.codes)].join('+') || 'no code';
  return answer.status === undefined ? codes : `${answer.status} ${codes}`;
}

type Errors = { extensions?: { code?: unknown } }[] | undefined;
const codesOf = (errors: Errors) => (Array.isArray(errors) ? errors.map((error) => String(error.extensions?.code ?? 'NO_CODE')) : []);

/** How long a transport may take to answer before the answer counts as none. */
const ANSWER_WITHIN_MS = 8000;

/**
 * Sends an HTTP request and reads the answer: a JSON body whole; a stream (SSE, multipart) up to its first event
 * with a payload, then hangs up (a subscription's stream would go on).
 */
export function httpRequest(url: string, options: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method, headers: options.headers }, (response) => {
      const type = (response.headers['content-type'] ?? '').split(';')[0]!.trim();
      const status = response.statusCode ?? 0;
      let text = '';
      let done = false;
      const finish = (codes: string[]) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve({ status, type, codes });
        response.destroy();
      };
      const timer = setTimeout(() => finish(['TIMEOUT']), ANSWER_WITHIN_MS);
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const event = type === 'text/event-stream' ? sseEvent(text) : type === 'multipart/mixed' ? multipartPart(text) : undefined;
        if (event) finish(event);
      });
      response.on('end', () => {
        if (type === 'text/event-stream' || type === 'multipart/mixed') return finish(['STREAM_ENDED_WITHOUT_PAYLOAD']);
        let parsed: { errors?: Errors } = {};
        try {
          parsed = JSON.parse(text) as typeof parsed;
        } catch {
          // A refusal in plain text (Node's own, or a proxy's): no code.
        }
        finish(codesOf(parsed.errors));
      });
      response.on('error', () => finish(['RESET']));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** The codes of the first `next` event of a GraphQL over SSE stream, once it has arrived. */
function sseEvent(text: string): string[] | undefined {
  for (const block of text.split('\n\n').slice(0, -1)) {
    const lines = block.split('\n');
    const event = lines
      .find((line) => line.startsWith('event:'))
      ?.slice(6)
      .trim();
    const data = lines
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (event === 'next') return codesOf((JSON.parse(data) as { errors?: Errors }).errors);
    if (event === 'complete') return ['STREAM_ENDED_WITHOUT_PAYLOAD'];
  }
  return undefined;
}

/** The codes of the first part of a multipart stream that carries a payload (heartbeats are `{}`), once it has arrived. */
function multipartPart(text: string): string[] | undefined {
  // Each part is `--graphql`, its headers, a blank line and a JSON body; a body that does not parse is still coming.
  for (const part of text.split(/\r\n--graphql(?:--)?/).slice(1)) {
    const start = part.indexOf('\r\n\r\n');
    if (start === -1) return undefined;
    let parsed: { payload?: { errors?: Errors } | null; errors?: Errors };
    try {
      parsed = JSON.parse(part.slice(start + 4)) as typeof parsed;
    } catch {
      return undefined;
    }
    if (!('payload' in parsed) && !('errors' in parsed)) continue;
    return [...codesOf(parsed.payload?.errors), ...codesOf(parsed.errors)];
  }
  return undefined;
}

/** Sends an operation over an HTTP transport, with its credential (an `Authorization` value) and any other headers. */
export function overHttp(
  transport: Exclude<Transport, 'graphql-ws'>,
  routerUrl: string,
  operation: Operation | string,
  credential?: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const common = { accept: ACCEPT[transport], ...(credential !== undefined ? { authorization: credential } : {}) };
  if (transport === 'GET') {
    if (typeof operation === 'string') throw new Error('GET carries operations, not bodies');
    // GraphQL over HTTP's CSRF rule for GET: a header a browser cannot send cross-origin without a preflight.
    return httpRequest(getUrl(routerUrl, operation), { method: 'GET', headers: { ...common, 'apollo-require-preflight': 'true', ...headers } });
  }
  return httpRequest(routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...common, ...headers },
    body: typeof operation === 'string' ? operation : operationJson(operation),
  });
}

interface Message {
  type: string;
  id?: string;
  payload?: unknown;
}

/** One graphql-transport-ws socket past `connection_init`: its ack, or how it was closed instead. */
class Connection {
  private readonly waiting = new Map<string, (message: Message) => void>();
  private next = 0;
  closedWith: number | undefined;
  readonly ready: Promise<void>;
  readonly closed: Promise<number>;

  constructor(
    readonly socket: WebSocket,
    credential: string | undefined,
  ) {
    let acked!: () => void;
    this.ready = new Promise((resolve) => (acked = resolve));
    this.closed = new Promise((resolve) =>
      socket.on('close', (code) => {
        this.closedWith = code;
        acked();
        for (const wake of this.waiting.values()) wake({ type: 'closed' });
        resolve(code);
      }),
    );
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as Message;
      if (message.type === 'connection_ack') acked();
      else if (message.type === 'ping') socket.send('{"type":"pong"}');
      else if (message.id !== undefined) this.waiting.get(message.id)?.(message);
    });
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: credential !== undefined ? { authorization: credential } : {} })),
    );
    socket.once('error', () => undefined);
  }

  /** Sends a `subscribe` message of `payload` (JSON text, sent as it is) and reads its first answer. */
  async subscribe(payload: string): Promise<Answer> {
    await this.ready;
    if (this.closedWith !== undefined) return { close: this.closedWith, codes: [] };
    const id = String((this.next += 1));
    const answer = await new Promise<Answer>((resolve) => {
      const timer = setTimeout(() => resolve({ codes: ['TIMEOUT'] }), ANSWER_WITHIN_MS);
      this.waiting.set(id, (message) => {
        clearTimeout(timer);
        if (message.type === 'closed') resolve({ close: this.closedWith!, codes: [] });
        else if (message.type === 'error') resolve({ codes: codesOf(message.payload as Errors) });
        else if (message.type === 'next') {
          const result = message.payload as { data?: unknown; errors?: Errors };
          resolve({ codes: codesOf(result.errors), data: result.data });
        } else resolve({ codes: ['COMPLETED_WITHOUT_PAYLOAD'] });
      });
      this.socket.send(`{"id":"${id}","type":"subscribe","payload":${payload}}`);
    });
    this.waiting.delete(id);
    // A subscription that was admitted goes on: stop it (a query's is complete already, and this is then ignored).
    if (this.closedWith === undefined) this.socket.send(JSON.stringify({ id, type: 'complete' }));
    return answer;
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * graphql-ws sockets for many operations: one per credential (sent in `connection_init` as `authorization`), reused
 * while it stays open, as a client keeps its socket; `own` asks for a socket of its own (for an operation that is to
 * close it). A socket that closes is forgotten; the next operation with its credential opens another.
 */
export class Sockets {
  private readonly shared = new Map<string, Connection>();
  private readonly all = new Set<Connection>();
  private readonly sharedCloses: number[] = [];

  constructor(private readonly routerUrl: string) {}

  private connect(credential: string | undefined): Connection {
    const connection = new Connection(new WebSocket(this.routerUrl.replace(/^http/, 'ws'), 'graphql-transport-ws'), credential);
    this.all.add(connection);
    void connection.closed.then(() => {
      this.all.delete(connection);
      if (this.shared.get(credential ?? '') !== connection) return;
      this.shared.delete(credential ?? '');
      if (!this.closing) this.sharedCloses.push(connection.closedWith!);
    });
    return connection;
  }

  send(operation: Operation | string, credential?: string, own = false): Promise<Answer> {
    const payload = typeof operation === 'string' ? operation : operationJson(operation);
    if (own) {
      const connection = this.connect(credential);
      return connection.subscribe(payload).finally(() => connection.close());
    }
    let connection = this.shared.get(credential ?? '');
    if (!connection) {
      connection = this.connect(credential);
      this.shared.set(credential ?? '', connection);
    }
    return connection.subscribe(payload);
  }

  private closing = false;

  /** The close codes of the shared sockets the server closed (none should: a refusal leaves a socket open). */
  closedShared(): number[] {
    return [...this.sharedCloses];
  }

  /** The shared sockets open now. */
  open(): number {
    return [...this.shared.values()].filter((connection) => connection.closedWith === undefined).length;
  }

  /** What each shared socket answers to `{ __typename }` now (a refusal must not leave a socket unusable). */
  async stillServing(): Promise<unknown[]> {
    return Promise.all(
      [...this.shared.values()].map((connection) => connection.subscribe('{"query":"{ __typename }"}').then((answer) => answer.data)),
    );
  }

  async close(): Promise<void> {
    this.closing = true;
    const closing = [...this.all].map((connection) => connection.closed);
    for (const connection of this.all) connection.close();
    await Promise.all(closing);
  }
}

/** Sends an operation over a transport: HTTP ones with the credential as `Authorization`, graphql-ws in `connection_init`. */
export function send(
  transport: Transport,
  routerUrl: string,
  sockets: Sockets,
  operation: Operation,
  credential?: string,
  own = false,
): Promise<Answer> {
  return transport === 'graphql-ws' ? sockets.send(operation, credential, own) : overHttp(transport, routerUrl, operation, credential);
}
