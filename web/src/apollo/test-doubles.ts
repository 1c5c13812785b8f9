// Stand-ins for the network in the web app's jest tests (imported by *.test.ts(x) only, never by the app).
import { ApolloClient, ApolloLink } from '@apollo/client';
import { getMainDefinition } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { Observable, of, throwError } from 'rxjs';
import { createCache } from './cache';
import { APP_DEFAULT_OPTIONS } from './client';

/** What the app sent over HTTP: the operation and the token it carried. */
export interface SentRequest {
  authorization: string | undefined;
  operationName: string;
}

export interface FakeAnswer {
  status: number;
  body: unknown;
  /** Answer only once this settles (to hold a response back while the test does something else). */
  after?: Promise<unknown>;
}

/** A stand-in for fetch that answers from a list, in order (500 once it runs out), and records what was sent. */
export function fakeFetch(answers: FakeAnswer[]) {
  const sent: SentRequest[] = [];
  const fetch = jest.fn(async (_url: unknown, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    sent.push({ authorization: headers.authorization, operationName: JSON.parse(String(init?.body)).operationName });
    const answer: FakeAnswer = answers.shift() ?? { status: 500, body: {} };
    await answer.after;
    return {
      status: answer.status,
      ok: answer.status < 300,
      headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? 'application/graphql-response+json' : null) },
      text: async () => JSON.stringify(answer.body),
    } as unknown as Response;
  });
  return { fetch, sent };
}

/**
 * A WebSocket the test plays the router's side of, for graphql-ws (`webSocketImpl`): `open()` and `send` the
 * handshake, `closeFromServer(4401)` as the router does when a session ends. Every socket made is in `sockets`.
 */
export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static readonly sockets: FakeWebSocket[] = [];

  readyState = FakeWebSocket.CONNECTING;
  /** The messages the client sent, parsed. */
  readonly received: Array<{ type: string; id?: string; payload?: unknown }> = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: ((error: unknown) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {
    FakeWebSocket.sockets.push(this);
  }

  /** The most recent socket. */
  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.sockets.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }

  send(data: string): void {
    this.received.push(JSON.parse(data) as { type: string });
    // The router's side of the handshake: acknowledge connection_init.
    if (this.received.at(-1)?.type === 'connection_init')
      queueMicrotask(() => this.onmessage?.({ data: JSON.stringify({ type: 'connection_ack' }) }));
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    queueMicrotask(() => this.onclose?.({ code, reason, wasClean: true }));
  }

  /** The connection is up: graphql-ws sends connection_init (which this socket acknowledges). */
  open(): void {
    this.readyState = FakeWebSocket.OPEN;
    this.onopen?.();
  }

  /** The router closes the socket, e.g. 4401 when the session ended. */
  closeFromServer(code: number, reason = ''): void {
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.({ code, reason, wasClean: true });
  }
}

type GraphqlData = Record<string, unknown>;
type Answer = GraphqlData | ((variables: Record<string, unknown>) => GraphqlData) | { refusal: GraphqlError[] };
type GraphqlError = { message: string; extensions?: Record<string, unknown> };

/**
 * The router's side of Apollo Client for component tests: queries and mutations are answered from `answer(name, data)`
 * (in order, by operation name; an operation with no answer left fails the test), subscriptions stay open and get what
 * the test `push`es. Every operation sent is in `sent`, so a test can say what a page asked for, and how often.
 */
export class FakeGraphqlLink extends ApolloLink {
  readonly sent: Array<{ operationName: string; variables: Record<string, unknown> }> = [];
  private readonly answers = new Map<string, Answer[]>();
  private readonly subscribers = new Map<string, Set<{ next: (result: { data: GraphqlData }) => void }>>();

  constructor() {
    super((operation) => {
      const name = operation.operationName ?? '(anonymous)';
      this.sent.push({ operationName: name, variables: operation.variables });
      const definition = getMainDefinition(operation.query);
      if (definition.kind === 'OperationDefinition' && definition.operation === OperationTypeNode.SUBSCRIPTION) {
        return new Observable((observer) => {
          const subscriber = { next: (result: { data: GraphqlData }) => observer.next(result) };
          const open = this.subscribers.get(name) ?? new Set();
          open.add(subscriber);
          this.subscribers.set(name, open);
          return () => void open.delete(subscriber);
        });
      }
      const answer = this.answers.get(name)?.shift();
      if (!answer) return throwError(() => new Error(`the test has no answer for ${name} ${JSON.stringify(operation.variables)}`));
      if (typeof answer === 'function') return of({ data: answer(operation.variables) });
      return of('refusal' in answer ? { errors: answer.refusal as GraphqlError[] } : { data: answer });
    });
  }

  /** Queues the data of the next answer to the operation `name`. */
  answer(name: string, data: Answer): this {
    this.answers.set(name, [...(this.answers.get(name) ?? []), data]);
    return this;
  }

  /** Queues a refusal (GraphQL errors, no data) as the next answer to the operation `name`. */
  refuse(name: string, errors: GraphqlError[]): this {
    this.answers.set(name, [...(this.answers.get(name) ?? []), { refusal: errors }]);
    return this;
  }

  /** Sends an event to every open subscription of the operation `name`; how many got it. */
  push(name: string, data: GraphqlData): number {
    const open = [...(this.subscribers.get(name) ?? [])];
    for (const subscriber of open) subscriber.next({ data });
    return open.length;
  }

  /** The operations sent with this name. */
  requests(name: string) {
    return this.sent.filter((request) => request.operationName === name);
  }
}

/** An Apollo Client like the app's (its cache and default fetch policies) over a FakeGraphqlLink. */
export function fakeClient(link = new FakeGraphqlLink()) {
  return { link, client: new ApolloClient({ cache: createCache(), link, defaultOptions: APP_DEFAULT_OPTIONS }) };
}
