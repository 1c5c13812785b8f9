import { signInternalToken } from '@trading/platform';
import WebSocket from 'ws';
import { CASES, CORPUS_STACK, ENVELOPE_CASES, expectedOver, PLAIN_HTTP_SUBSCRIPTIONS, setUpWorld, snapshot, type World } from './hostile-cases';
import { gql, startTestStack } from './support';
import { httpRequest, overHttp, POST_TRANSPORTS, summary } from './transport-clients';

// The hostile corpus (hostile-cases.ts) over HTTP POST, and the hostile requests that are about one transport's
// framing only: each gets a clear error with its documented code and status, nothing crashes, and nothing changes
// (checked once at the end against a snapshot of the books and the catalog). transports.e2e.test.ts sends the corpus
// over every other transport too.

let stack: Awaited<ReturnType<typeof startTestStack>>;
let world: World;
let before: unknown;

beforeAll(async () => {
  stack = await startTestStack(CORPUS_STACK);
  world = await setUpWorld(stack);
  before = await snapshot(stack.routerUrl, world);
});
afterAll(() => stack?.close());

test('the corpus has at least 60 cases', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(60);
});

test.each(CASES.map((hostile) => [hostile.name, hostile] as const))('refuses %s', async (_name, hostile) => {
  const answer = await overHttp('POST', stack.routerUrl, hostile.operation, hostile.credential?.(world));
  expect(summary(answer)).toBe(expectedOver('POST', hostile));
});

// Not GraphQL requests at all: the envelope of a POST body, the same for every transport that is a POST.
describe.each(POST_TRANSPORTS)('a body that is not a GraphQL request, over %s', (transport) => {
  test.each(ENVELOPE_CASES.map((hostile) => [hostile.name, hostile] as const))('refuses %s', async (_name, hostile) => {
    const answer = await overHttp(transport, stack.routerUrl, hostile.body, hostile.credential?.(world), hostile.headers);
    expect(summary(answer)).toBe(`${hostile.status} ${hostile.code}`);
  });
});

// Subscriptions where they cannot be streamed: plain HTTP only (graphql-ws, SSE and multipart serve them).
describe.each(['POST', 'POST graphql-response+json', 'GET'] as const)('a subscription over plain HTTP (%s)', (transport) => {
  test.each(PLAIN_HTTP_SUBSCRIPTIONS.map((hostile) => [hostile.name, hostile] as const))('refuses %s', async (_name, hostile) => {
    const answer = await overHttp(transport, stack.routerUrl, hostile.operation, hostile.credential?.(world));
    expect(summary(answer)).toBe(expectedOver(transport, hostile));
  });
});

// GET only: its own CSRF rule, and the operations it carries.
test('refuses a GET without apollo-require-preflight (CSRF: a browser sends GETs cross-origin)', async () => {
  const answer = await httpRequest(`${stack.routerUrl}?query=${encodeURIComponent('{ me { id } }')}`, {
    method: 'GET',
    headers: { authorization: `Bearer ${world.alice.token}` },
  });
  expect(summary(answer)).toBe('400 BAD_REQUEST');
});

test('refuses a mutation over GET with 405, naming POST', async () => {
  const answer = await overHttp('GET', stack.routerUrl, { query: 'mutation { deposit(amount: "1000000") { id } }' }, `Bearer ${world.alice.token}`);
  expect(summary(answer)).toBe('405 BAD_REQUEST');
});

// The subgraphs' own endpoints, reached directly without the router's credential: not a transport of the router.
describe('a subgraph reached directly', () => {
  const deposit = 'mutation { deposit(amount: "1000000") { id } }';
  const cases: [name: string, subgraph: 'users' | 'orders' | 'inventory', query: string, credential: () => string | undefined][] = [
    ['users subgraph with a client token', 'users', deposit, () => `Bearer ${world.alice.token}`],
    ['orders subgraph without any credential', 'orders', '{ order(id: "x") { id } }', () => undefined],
    [
      'inventory subgraph with a forged internal token',
      'inventory',
      'mutation { updateAsset(symbol: "BTC", input: { price: "1" }) { price } }',
      () => `Bearer ${signInternalToken('forged-key-that-is-long-enough-123456', { identity: { userId: 'x', role: 'ADMIN', sessionId: 's' } })}`,
    ],
  ];
  test.each(cases)('refuses %s', async (_name, subgraph, query, credential) => {
    const answer = await overHttp('POST', stack.subgraphUrls[subgraph], { query }, credential());
    expect(summary(answer)).toBe('401 UNAUTHENTICATED');
  });
});

/** A raw graphql-transport-ws socket, past its ack: sends text as given (a client library would re-serialize it). */
async function rawSocket(token?: string) {
  const socket = new WebSocket(stack.routerUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const messages: { type: string; id?: string; payload?: unknown }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as (typeof messages)[number]));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} }));
  const answer = async (type: string, id?: string) => {
    for (let waited = 0; waited < 5000; waited += 20) {
      const found = messages.find((message) => message.type === type && message.id === id);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no ${type} message for ${id}: got ${JSON.stringify(messages)}`);
  };
  await answer('connection_ack');
  return { socket, closed, answer, send: (text: string) => socket.send(text) };
}

const subscribeText = (id: string, query: string, variables: string) =>
  `{"type":"subscribe","id":"${id}","payload":{"query":${JSON.stringify(query)},"variables":${variables}}}`;

// graphql-ws only: its messages and their protocol (router/README.md, "Close codes"). The corpus runs over graphql-ws
// too, on sockets that stay open after each refusal (transports.e2e.test.ts).
describe('over graphql-ws, its own framing', () => {
  test.each([
    ['a message that is not JSON', '{"type":"subscribe","id":"1","payload":{"query":"{ __typename }"', 4400],
    ['a subscribe message whose query is not a string', '{"type":"subscribe","id":"1","payload":{"query":42}}', 4400],
    // The socket counterpart of a body whose variables are not an object.
    ['a subscribe message whose variables are not an object', subscribeText('1', '{ __typename }', '[1,2]'), 4400],
    [
      'a subscribe message whose operation name is not a string',
      '{"type":"subscribe","id":"1","payload":{"query":"{ __typename }","operationName":42}}',
      4400,
    ],
    ['a message of an unknown type', '{"type":"execute","id":"1","payload":{"query":"{ __typename }"}}', 4400],
  ])('%s closes the socket with %d', async (_name, text, code) => {
    const client = await rawSocket(world.alice.token);
    client.send(text);
    expect((await client.closed).code).toBe(code);
  });

  test('a second subscription under an id in use closes the socket with 4409', async () => {
    const client = await rawSocket(world.alice.token);
    const ticks = 'subscription { priceChanged(symbols: ["BTC"]) { price } }';
    client.send(subscribeText('1', ticks, '{}'));
    client.send(subscribeText('1', ticks, '{}'));
    expect((await client.closed).code).toBe(4409);
  });

  test('a message just under the body limit is served', async () => {
    const client = await rawSocket(world.alice.token);
    client.send(subscribeText('1', '{ __typename }', `{"pad":"${'x'.repeat(1000 * 1024)}"}`));
    expect(await client.answer('next', '1')).toMatchObject({ payload: { data: { __typename: 'Query' } } });
    client.socket.close();
  });
});

test("reading another user's order by id finds nothing", async () => {
  const response = await gql(stack.routerUrl, 'query($id: ID!) { order(id: $id) { id total } }', { id: world.aliceOrder }, world.bob.token);
  expect(response).toMatchObject({ status: 200, data: { order: null } });
});

test('login brute force is stopped', async () => {
  const login = { query: 'mutation($i: LoginInput!) { login(input: $i) { token } }' };
  const attempts: string[] = [];
  for (let i = 0; i < 7; i += 1)
    attempts.push(
      summary(await overHttp('POST', stack.routerUrl, { ...login, variables: { i: { username: world.alice.username, password: `guess ${i}` } } })),
    );
  // CORPUS_STACK allows 5 attempts per username.
  expect(attempts).toEqual([...Array(5).fill('200 UNAUTHENTICATED'), '429 RATE_LIMITED', '429 RATE_LIMITED']);
});

test('after the whole corpus the platform is up and nothing changed', async () => {
  const health = await fetch(stack.routerUrl.replace(/\/graphql$/, '/health'));
  expect(health.status).toBe(200);
  expect(await snapshot(stack.routerUrl, world)).toEqual(before);
});
