import { spawn } from 'node:child_process';
import { ApolloClient, gql as apolloGql, HttpLink, InMemoryCache } from '@apollo/client';
import { createClient as createSseClient } from 'graphql-sse';
import { CASES, carries, CORPUS_STACK, expectedOver, setUpWorld, snapshot, type HostileCase, type World } from './hostile-cases';
import { adminToken, gql, registerUser, setAssetPrice, startTestStack } from './support';
import { send, Sockets, summary, TRANSPORTS, type Answer, type Transport } from './transport-clients';
import { wsClient } from './ws-support';

// Subscriptions over every transport the router serves (graphql-ws, GraphQL over SSE, Apollo's multipart HTTP), with
// clients as third parties use them, and the one admission path: every case of the hostile corpus (hostile-cases.ts)
// gets the same answer on every transport of /graphql.

let stack: Awaited<ReturnType<typeof startTestStack>>;
let admin: string;
let trader: Awaited<ReturnType<typeof registerUser>>;

/** The assets whose price the simulated feed moves. */
const FED = ['BTC', 'ETH'];
const SSE = 'text/event-stream';

beforeAll(async () => {
  // A simulated feed moving BTC and ETH (marketTicks are the feed's ticks); admin price changes add priceChanged events.
  stack = await startTestStack({ ...CORPUS_STACK, priceFeed: { tickMs: 200, volatility: 0.001, share: 1, leaders: 2, symbols: FED, seed: 5 } });
  admin = await adminToken(stack, 'transports_admin');
  trader = await registerUser(stack.routerUrl, 'streamer');
  await gql(stack.routerUrl, 'mutation { deposit(amount: "1000") { id } }', {}, trader.token);
});
afterAll(() => stack?.close());

let tick = 0;
/** Moves BTC's price, so that price subscriptions get an event. */
const moveBtc = () => setAssetPrice(stack.routerUrl, admin, 'BTC', `71000.${(tick += 1)}`);

/** Calls `step` every 200 ms until `done` says so, for at most 10 s (an upstream stream starts asynchronously). */
async function driveUntil(done: () => boolean, step: () => Promise<unknown>, seen?: () => unknown): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out; seen: ${JSON.stringify(seen?.() ?? null)}`);
    await step();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const TICKS = 'subscription { priceChanged(symbols: ["BTC"]) { symbol price asset { name } } }';

test('curl -N receives price ticks over SSE, each with its asset from inventory', async () => {
  const curl = spawn('curl', [
    '-sN',
    stack.routerUrl,
    '-H',
    'content-type: application/json',
    '-H',
    'accept: text/event-stream',
    '-d',
    JSON.stringify({ query: TICKS }),
  ]);
  let output = '';
  curl.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const events = () =>
    [...output.matchAll(/^event: next\ndata: (.*)$/gm)].map((match) => JSON.parse(match[1]!) as { data: { priceChanged: unknown } });
  try {
    await driveUntil(() => events().length >= 2, moveBtc);
  } finally {
    curl.kill();
  }
  for (const event of events()) expect(event.data.priceChanged).toMatchObject({ symbol: 'BTC', asset: { name: 'Bitcoin' } });
});

test("graphql-sse's own client subscribes and queries (distinct connections mode)", async () => {
  const client = createSseClient({ url: stack.routerUrl, singleConnection: false, retryAttempts: 0 });
  const received: unknown[] = [];
  let failed: unknown;
  const stop = client.subscribe(
    { query: TICKS },
    { next: (event) => received.push(event), error: (error) => (failed = error), complete: () => undefined },
  );
  try {
    await driveUntil(() => received.length >= 1 || failed !== undefined, moveBtc);
  } finally {
    stop();
  }
  expect(failed).toBeUndefined();
  expect(received[0]).toMatchObject({ data: { priceChanged: { symbol: 'BTC', asset: { name: 'Bitcoin' } } } });
  const answer = await new Promise((resolve, reject) =>
    client.subscribe({ query: '{ asset(symbol: "ETH") { name } }' }, { next: resolve, error: reject, complete: () => undefined }),
  );
  expect(answer).toEqual({ data: { asset: { name: 'Ethereum' } } });
  client.dispose();
});

test("Apollo Client's HTTP link (no WebSocket) receives market ticks and its order fills over multipart", async () => {
  const client = new ApolloClient({
    link: new HttpLink({ uri: stack.routerUrl, headers: { authorization: `Bearer ${trader.token}` } }),
    cache: new InMemoryCache(),
  });
  const ticks: unknown[] = [];
  const fills: { orderUpdated: { status: string; asset: { symbol: string } } }[] = [];
  const errors: unknown[] = [];
  const tickSubscription = client
    .subscribe({ query: apolloGql('subscription { marketTicks(symbols: ["BTC"]) { at ticks { symbol price asset { name } } } }') })
    .subscribe({ next: (result) => ticks.push(result.data), error: (error: unknown) => errors.push(error) });
  const fillSubscription = client
    .subscribe<{ orderUpdated: { status: string; asset: { symbol: string } } }>({
      query: apolloGql('subscription { orderUpdated { id status asset { symbol } } }'),
    })
    .subscribe({ next: (result) => result.data && fills.push(result.data), error: (error: unknown) => errors.push(error) });
  try {
    await driveUntil(
      () => ticks.length >= 1,
      async () => undefined,
      () => ({ ticks, fills, errors: errors.map(String) }),
    );
    await driveUntil(
      () => fills.some((fill) => fill.orderUpdated.status === 'FILLED'),
      () =>
        gql(stack.routerUrl, 'mutation { placeOrder(input: { symbol: "ETH", side: BUY, type: MARKET, quantity: "0.01" }) { id } }', {}, trader.token),
      () => ({ fills, errors: errors.map(String) }),
    );
  } finally {
    tickSubscription.unsubscribe();
    fillSubscription.unsubscribe();
    client.stop();
  }
  expect(errors).toEqual([]);
  expect(ticks[0]).toMatchObject({ marketTicks: { ticks: [{ symbol: 'BTC', asset: { name: 'Bitcoin' } }] } });
  expect(fills.find((fill) => fill.orderUpdated.status === 'FILLED')?.orderUpdated.asset.symbol).toBe('ETH');
});

test.each([
  ['SSE', SSE],
  ['multipart', 'multipart/mixed;subscriptionSpec="1.0", application/json'],
])('a quiet %s stream opens at once, not at its first heartbeat', async (_name, accept) => {
  // No order of this user moves: the stream's first event would be a heartbeat (SSE every 12 s, multipart 5 s).
  const quiet = await registerUser(stack.routerUrl, 'quiet');
  const controller = new AbortController();
  const started = Date.now();
  const response = await fetch(stack.routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${quiet.token}` },
    body: JSON.stringify({ query: 'subscription { orderUpdated { id } }' }),
    signal: controller.signal,
  });
  const opened = Date.now() - started;
  controller.abort();
  expect(response.status).toBe(200);
  expect(opened).toBeLessThan(3000);
});

test('an SSE stream ends with UNAUTHENTICATED when its session ends (sign-out), as a socket closes', async () => {
  const leaving = await registerUser(stack.routerUrl, 'leaver');
  const controller = new AbortController();
  const response = await fetch(stack.routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: SSE, authorization: `Bearer ${leaving.token}` },
    body: JSON.stringify({ query: 'subscription { orderUpdated { id } }' }),
    signal: controller.signal,
  });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  let text = '';
  const read = (async () => {
    for await (const chunk of response.body!) text += Buffer.from(chunk).toString();
  })();
  await gql(stack.routerUrl, 'mutation { logout }', {}, leaving.token);
  const ended = await Promise.race([read.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 5000).unref())]);
  controller.abort();
  expect(ended).toBe(true);
  expect(text).toMatch(/"code":"UNAUTHENTICATED"/);
  expect(text).toMatch(/event: complete/);
});

// The hostile corpus through every transport: each case gets the same answer on each (but for the differences
// docs/API.md documents, see expectedOver), and nothing changes.

describe('the hostile corpus on every transport', () => {
  let world: World;
  let sockets: Sockets;
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    world = await setUpWorld(stack);
    sockets = new Sockets(stack.routerUrl);
    before = await snapshot(stack.routerUrl, world);
  });
  afterAll(() => sockets?.close());

  /** The media type each plain HTTP transport must answer in, whatever the answer (docs/API.md). */
  const MEDIA_TYPES: Partial<Record<Transport, string>> = {
    POST: 'application/json',
    'POST graphql-response+json': 'application/graphql-response+json',
    GET: 'application/json',
  };

  /** Sends one operation over every transport that carries it, at once; the answers, and what they must be. */
  async function overEvery(operation: HostileCase['operation'], expected: Pick<HostileCase, 'code' | 'status'>, credential?: string) {
    const over = TRANSPORTS.filter((transport) => carries(transport, operation));
    const wanted = over.map((transport) => expectedOver(transport, { operation, ...expected }));
    // An operation that is to close its socket gets one of its own: the shared ones must stay open.
    const answers: Answer[] = await Promise.all(
      over.map((transport, i) => send(transport, stack.routerUrl, sockets, operation, credential, wanted[i]!.startsWith('close'))),
    );
    return {
      got: Object.fromEntries(over.map((transport, i) => [transport, summary(answers[i]!)])),
      want: Object.fromEntries(over.map((transport, i) => [transport, wanted[i]])),
      types: Object.fromEntries(
        over.filter((transport) => MEDIA_TYPES[transport]).map((transport) => [transport, answers[over.indexOf(transport)]!.type]),
      ),
      wantTypes: Object.fromEntries(over.filter((transport) => MEDIA_TYPES[transport]).map((transport) => [transport, MEDIA_TYPES[transport]])),
    };
  }

  test.each(CASES.map((hostile) => [hostile.name, hostile] as const))('%s', async (_name, hostile) => {
    const { got, want, types, wantTypes } = await overEvery(hostile.operation, hostile, hostile.credential?.(world));
    expect(got).toEqual(want);
    expect(types).toEqual(wantTypes);
  });

  test('sign-in brute force is stopped on every transport', async () => {
    // Sign-in attempts count per username: one user per transport, so that each transport meets the limit itself.
    const users = await Promise.all(TRANSPORTS.map(() => registerUser(stack.routerUrl, 'guessed')));
    const login = 'mutation($i: LoginInput!) { login(input: $i) { token } }';
    const rounds: Record<string, string>[] = [];
    const wanted: Record<string, string>[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      const answers = await Promise.all(
        TRANSPORTS.map((transport, i) =>
          send(transport, stack.routerUrl, sockets, {
            query: login,
            variables: { i: { username: users[i]!.username, password: `guess ${attempt}` } },
          }),
        ),
      );
      rounds.push(Object.fromEntries(TRANSPORTS.map((transport, i) => [transport, summary(answers[i]!)])));
      // CORPUS_STACK allows 5 attempts per username: the 6th and 7th are refused before the password is checked.
      const expected = attempt < 5 ? { code: 'UNAUTHENTICATED', status: 200 } : { code: 'RATE_LIMITED', status: 429 };
      wanted.push(
        Object.fromEntries(TRANSPORTS.map((transport) => [transport, expectedOver(transport, { operation: { query: login }, ...expected })])),
      );
    }
    expect(rounds).toEqual(wanted);
  });

  test('after the corpus on every transport nothing changed, and every shared socket still serves', async () => {
    expect(sockets.closedShared()).toEqual([]);
    expect(await sockets.stillServing()).toEqual(Array(sockets.open()).fill({ __typename: 'Query' }));
    const health = await fetch(stack.routerUrl.replace(/\/graphql$/, '/health'));
    expect(health.status).toBe(200);
    const after = await snapshot(stack.routerUrl, world);
    // The simulated feed keeps moving its assets' prices (at most 0.1 % a tick): those are compared to within 5 %,
    // which a price set by a hostile request (0.01) is far from; everything else must be exactly as it was.
    const price = (state: typeof before, symbol: string) =>
      Number(state.catalog!.assets.edges.find(({ node }) => node.symbol === symbol)!.node.price);
    const settled = (state: typeof before) => ({
      ...state,
      catalog: state.catalog!.assets.edges.map(({ node }) => (FED.includes(node.symbol) ? { ...node, price: 'moved by the feed' } : node)),
    });
    expect(settled(after)).toEqual(settled(before));
    for (const symbol of FED) expect(price(after, symbol) / price(before, symbol)).toBeCloseTo(1, 1);
  });
});

describe('the rate limit on every transport', () => {
  let limited: Awaited<ReturnType<typeof startTestStack>>;
  let sockets: Sockets;
  beforeAll(async () => {
    limited = await startTestStack({ router: { rateLimits: { perAddressPerMinute: 2, perUserPerMinute: 1000 } } });
    sockets = new Sockets(limited.routerUrl);
  });
  afterAll(async () => {
    await sockets?.close();
    await limited?.close();
  });

  test('each operation spends one request of the budget, and the refusal is written for its transport', async () => {
    const query = { query: '{ __typename }' };
    // Over SSE, as over HTTP: 429 with Retry-After, the wait in extensions too.
    const sse = () =>
      fetch(limited.routerUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: SSE }, body: JSON.stringify(query) });
    expect((await sse()).status).toBe(200);
    expect((await sse()).status).toBe(200);
    const refused = await sse();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Over the socket: an `error` message with the same code and wait, and nothing of HTTP in it.
    const client = wsClient(limited.routerUrl);
    try {
      const errors = await new Promise<readonly { extensions?: Record<string, unknown> }[]>((resolve, reject) =>
        client.subscribe(query, {
          next: () => reject(new Error('the request was served')),
          error: (error) => resolve(error as never),
          complete: () => undefined,
        }),
      );
      expect(errors[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    } finally {
      await client.dispose();
    }
    // And every other transport is refused alike, with the code and the status of each.
    const answers = await Promise.all(TRANSPORTS.map((transport) => send(transport, limited.routerUrl, sockets, query).then(summary)));
    expect(Object.fromEntries(TRANSPORTS.map((transport, i) => [transport, answers[i]]))).toEqual(
      Object.fromEntries(
        TRANSPORTS.map((transport) => [transport, expectedOver(transport, { operation: query, code: 'RATE_LIMITED', status: 429 })]),
      ),
    );
  });
});
