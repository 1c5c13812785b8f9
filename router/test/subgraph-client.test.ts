import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SubgraphClient } from '../src/subgraph-client';

// The router's subgraph HTTP client against a real HTTP server that stands in for a subgraph: it records what it
// receives and answers when the test lets it, so the test controls which requests are in flight together.

interface Received {
  body: { query: string; variables?: Record<string, unknown> };
  headers: http.IncomingHttpHeaders;
}

let server: http.Server;
let url: string;
let received: Received[];
/** Answers held back until released; each echoes the request's variables and its number in order of arrival. */
let held: (() => void)[];
let holdAnswers: boolean;
let answerWith: { status: number; contentType: string; body: string } | null;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(text) as Received['body'];
      const n = received.push({ body, headers: req.headers });
      const answer = () => {
        if (answerWith) {
          res.writeHead(answerWith.status, { 'content-type': answerWith.contentType }).end(answerWith.body);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { echo: { variables: body.variables ?? null, n } } }));
      };
      if (holdAnswers) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let client: SubgraphClient;
beforeEach(() => {
  received = [];
  held = [];
  holdAnswers = false;
  answerWith = null;
  client = new SubgraphClient();
});
afterEach(() => client.close());

const query = (variables: Record<string, unknown> = { id: 'a' }) => JSON.stringify({ query: 'query($id: ID!) { user(id: $id) { id } }', variables });
const token = (who: string) => ({ authorization: `Bearer ${who}` });

/** Waits until the server has received `count` requests. */
async function receivedCount(count: number): Promise<void> {
  for (let i = 0; i < 200 && received.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(received).toHaveLength(count);
}

function releaseAll(): void {
  for (const answer of held.splice(0)) answer();
}

test('identical queries in flight together go out once; each caller gets an answer of its own to change', async () => {
  holdAnswers = true;
  const first = client.fetch('users', url, query(), token('alice'), 'request-1', false);
  const second = client.fetch('users', url, query(), token('alice'), 'request-2', false);
  await receivedCount(1);
  releaseAll();
  const [a, b] = await Promise.all([first, second]);
  expect(received).toHaveLength(1);
  expect(a).toEqual({ data: { echo: { variables: { id: 'a' }, n: 1 } } });
  expect(b).toEqual(a);
  // The gateway writes into what it gets: one caller's changes must not show in the other's answer.
  (a.data!.echo as { n: number }).n = 99;
  expect((b.data!.echo as { n: number }).n).toBe(1);
  expect(client.shared).toBe(1);
  // The request id went out (the first caller's), and is not what decides sharing.
  expect(received[0]!.headers['x-request-id']).toBe('request-1');
  // Once answered, the same query goes out again.
  holdAnswers = false;
  await client.fetch('users', url, query(), token('alice'), 'request-3', false);
  expect(received).toHaveLength(2);
});

test('queries that differ in identity or body are never shared', async () => {
  holdAnswers = true;
  const answers = Promise.all([
    client.fetch('users', url, query(), token('alice'), undefined, false),
    client.fetch('users', url, query(), token('bob'), undefined, false),
    client.fetch('users', url, query({ id: 'b' }), token('alice'), undefined, false),
  ]);
  await receivedCount(3);
  releaseAll();
  const [alice, bob, other] = await answers;
  expect(received.map((request) => request.headers.authorization)).toEqual(['Bearer alice', 'Bearer bob', 'Bearer alice']);
  expect(alice.data).toEqual({ echo: { variables: { id: 'a' }, n: 1 } });
  expect(bob.data).toEqual({ echo: { variables: { id: 'a' }, n: 2 } });
  expect(other.data).toEqual({ echo: { variables: { id: 'b' }, n: 3 } });
  expect(client.shared).toBe(0);
});

test('mutations always go out, and a query after a mutation never joins a fetch that started before it', async () => {
  holdAnswers = true;
  const before = client.fetch('users', url, query(), token('alice'), undefined, false);
  await receivedCount(1);
  // Two identical mutations: both reach the subgraph.
  const mutations = Promise.all([
    client.fetch('users', url, query({ id: 'm' }), token('alice'), undefined, true),
    client.fetch('users', url, query({ id: 'm' }), token('alice'), undefined, true),
  ]);
  await receivedCount(3);
  held.splice(1).forEach((answer) => answer());
  await mutations;
  // The read after the writes is its own fetch, although an identical one (sent before the writes) is still out.
  const after = client.fetch('users', url, query(), token('alice'), undefined, false);
  await receivedCount(4);
  releaseAll();
  await Promise.all([before, after]);
  expect(client.shared).toBe(0);
});

test('with sharing off, identical queries each go out', async () => {
  await client.close();
  client = new SubgraphClient({ shareInFlight: false });
  holdAnswers = true;
  const answers = Promise.all([1, 2, 3].map(() => client.fetch('users', url, query(), token('alice'), undefined, false)));
  await receivedCount(3);
  releaseAll();
  await answers;
});

test('a subgraph that cannot be reached is SERVICE_UNAVAILABLE, naming it', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await expect(client.fetch('orders', `http://127.0.0.1:${port}/graphql`, query(), token('alice'), undefined, false)).rejects.toMatchObject({
    message: 'The orders service is unavailable: try again shortly',
    extensions: { code: 'SERVICE_UNAVAILABLE' },
  });
});

test('a refusal over HTTP becomes the error the stock data source makes of it', async () => {
  answerWith = { status: 401, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'no token' }] }) };
  await expect(client.fetch('users', url, query(), token('alice'), undefined, false)).rejects.toMatchObject({
    message: '401: Unauthorized',
    extensions: { code: 'UNAUTHENTICATED', response: { status: 401, statusText: 'Unauthorized', body: { errors: [{ message: 'no token' }] } } },
  });
  answerWith = { status: 200, contentType: 'text/plain', body: 'hello' };
  await expect(client.fetch('users', url, query(), token('alice'), undefined, false)).rejects.toThrow(
    'Expected JSON response body, but received: hello',
  );
});
