import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDatabase, signInternalToken } from '@trading/platform';
import { gql, registerUser, startTestStack } from './support';
import { subscribe, wsClient } from './ws-support';

// API keys through the router as a bot uses them: created with a signed-in session, sent as `Authorization: ApiKey
// <secret>` over HTTP, graphql-ws and SSE, each refusal with its stable code and reason, and nothing changed by one.

let stack: Awaited<ReturnType<typeof startTestStack>>;
let owner: Awaited<ReturnType<typeof registerUser>>;
let other: Awaited<ReturnType<typeof registerUser>>;

/** Requests per minute each key may make in this stack (the per-key budget has a test of its own). */
const PER_KEY = 40;

beforeAll(async () => {
  stack = await startTestStack({ router: { trustProxy: 1, rateLimits: { perKeyPerMinute: PER_KEY }, apiKeyUseFlushMs: 200 } });
  [owner, other] = await Promise.all([registerUser(stack.routerUrl, 'bot_owner'), registerUser(stack.routerUrl, 'bot_other')]);
  await gql(stack.routerUrl, 'mutation { deposit(amount: "5000") { id } }', {}, owner.token);
  await gql(stack.routerUrl, 'mutation { deposit(amount: "100") { id } }', {}, other.token);
});
afterAll(() => stack?.close());

interface Answer<T> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string; field?: string } }[];
}

/** An operation sent with a credential (an `Authorization` value) from a client address behind the trusted proxy. */
async function call<T = Record<string, unknown>>(
  authorization: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
  ip = '192.0.2.10',
): Promise<Answer<T>> {
  const response = await fetch(stack.routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return { ...((await response.json()) as Omit<Answer<T>, 'status' | 'headers'>), status: response.status, headers: response.headers };
}
const refusal = (answer: Answer<unknown>) =>
  answer.errors?.map((error) => [error.extensions?.code, error.extensions?.reason ?? error.extensions?.field]);

const CREATE =
  'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id name scopes createdAt lastUsedAt expiresAt allowedIps } } }';
type Created = { createApiKey: { secret: string; apiKey: { id: string; name: string; scopes: string[]; allowedIps: string[] } } };

async function createKey(token: string, input: Record<string, unknown>) {
  const answer = await call<Created>(`Bearer ${token}`, CREATE, { i: input });
  if (!answer.data?.createApiKey) throw new Error(`createApiKey: ${JSON.stringify(answer.errors)}`);
  return { ...answer.data.createApiKey.apiKey, secret: answer.data.createApiKey.secret, auth: `ApiKey ${answer.data.createApiKey.secret}` };
}

const BOOKS = '{ me { balance orders(first: 100) { edges { node { id } } } transactions(first: 100) { edges { node { id } } } } }';
const books = async (user: { token: string }) => (await call(`Bearer ${user.token}`, BOOKS)).data;
const BUY = 'mutation { placeOrder(input: { symbol: "BTC", side: BUY, type: MARKET, quantity: "0.001" }) { id status } }';

describe('keys and their scopes', () => {
  let readTrade: Awaited<ReturnType<typeof createKey>>;
  let readOnly: Awaited<ReturnType<typeof createKey>>;
  let tradeOnly: Awaited<ReturnType<typeof createKey>>;
  let transfer: Awaited<ReturnType<typeof createKey>>;
  beforeAll(async () => {
    [readTrade, readOnly, tradeOnly, transfer] = await Promise.all([
      createKey(owner.token, { name: 'market maker', scopes: ['READ', 'TRADE'] }),
      createKey(owner.token, { name: 'dashboard', scopes: ['READ'] }),
      createKey(owner.token, { name: 'executor', scopes: ['TRADE'] }),
      createKey(owner.token, { name: 'treasury', scopes: ['TRANSFER', 'READ'] }),
    ]);
  });

  test('createApiKey returns the secret once; the platform stores only a hash of it, and lists keys without it', async () => {
    expect(readTrade.secret).toMatch(/^tk_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/);
    expect(readTrade.secret.slice(3, 27)).toBe(readTrade.id);
    expect(transfer.scopes).toEqual(['READ', 'TRANSFER']);
    const listed = await call<{ me: { apiKeys: { id: string; name: string }[] } }>(
      `Bearer ${owner.token}`,
      '{ me { apiKeys { id name scopes createdAt lastUsedAt expiresAt allowedIps } } }',
    );
    expect(listed.data?.me.apiKeys.map((key) => key.name).sort()).toEqual(['dashboard', 'executor', 'market maker', 'treasury']);
    expect(JSON.stringify(listed)).not.toContain(readTrade.secret.slice(28));
    const db = createDatabase({ endpoint: stack.dynamoEndpoint, region: 'us-east-1', tablePrefix: 'trading-' });
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tables.apiKeys, Key: { id: readTrade.id } }));
    db.close();
    expect(Item).toMatchObject({ userId: owner.id, name: 'market maker', scopes: ['READ', 'TRADE'] });
    expect(Item!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(Item)).not.toContain(readTrade.secret.slice(28));
  });

  test('a READ and TRADE key reads its owner account and trades, but cannot withdraw, manage keys, sign out or change the password', async () => {
    const me = await call<{ me: { id: string; balance: string } }>(readTrade.auth, '{ me { id balance } }');
    expect(me.data?.me.id).toBe(owner.id);
    const buy = await call<{ placeOrder: { status: string } }>(readTrade.auth, BUY);
    expect(buy.data?.placeOrder.status).toBe('FILLED');
    const before = await books(owner);
    for (const [query, field] of [
      ['mutation { withdraw(amount: "10") { id } }', 'withdraw'],
      ['mutation { deposit(amount: "10") { id } }', 'deposit'],
      ['mutation { createApiKey(input: { name: "escalate", scopes: [TRANSFER] }) { secret } }', 'createApiKey'],
      [`mutation { revokeApiKey(id: "${readOnly.id}") }`, 'revokeApiKey'],
      ['mutation { changePassword(input: { currentPassword: "correct horse battery", newPassword: "another horse battery" }) }', 'changePassword'],
      ['mutation { updateProfile(input: { firstName: "Mallory" }) { id } }', 'updateProfile'],
      ['mutation { logoutEverywhere }', 'logoutEverywhere'],
      ['{ me { apiKeys { id } } }', 'me'],
    ] as const) {
      const answer = await call<Record<string, unknown>>(readTrade.auth, query);
      expect({ field, codes: answer.errors?.map((error) => error.extensions?.code) }).toEqual({ field, codes: ['FORBIDDEN'] });
    }
    expect(await books(owner)).toEqual(before);
    // The session the keys were made with is still signed in, its keys still work.
    expect((await call(`Bearer ${owner.token}`, '{ me { id } }')).data).toEqual({ me: { id: owner.id } });
    expect((await call(readOnly.auth, '{ me { id } }')).data).toEqual({ me: { id: owner.id } });
  });

  test('a READ key reads but cannot trade; a TRADE key trades but reads nothing of the account; a TRANSFER key moves cash', async () => {
    const before = await books(owner);
    expect(refusal(await call(readOnly.auth, BUY))).toEqual([['FORBIDDEN', undefined]]);
    expect(refusal(await call(readOnly.auth, 'mutation { cancelOrder(id: "01ARZ3NDEKTSV4RRFFQ69G5FAV") { id } }'))).toEqual([
      ['FORBIDDEN', undefined],
    ]);
    expect(await books(owner)).toEqual(before);

    const traded = await call<{ placeOrder: { status: string } }>(tradeOnly.auth, BUY);
    expect(traded.data?.placeOrder.status).toBe('FILLED');
    const peek = await call<{ me: { id: string; balance: string | null } | null }>(tradeOnly.auth, '{ me { id balance } }');
    expect(peek.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(peek.data?.me?.balance ?? null).toBeNull();

    const deposited = await call<{ deposit: { amount: string } }>(transfer.auth, 'mutation { deposit(amount: "25") { amount } }');
    expect(deposited.data?.deposit.amount).toBe('25');
    const withdrawn = await call<{ withdraw: { amount: string } }>(transfer.auth, 'mutation { withdraw(amount: "25") { amount } }');
    expect(withdrawn.data?.withdraw.amount).toBe('-25');
  });

  test("a key of one user reads nothing of another's: their orders, their order stream", async () => {
    const theirs = await call<{ placeOrder: { id: string } }>(`Bearer ${other.token}`, BUY);
    const order = await call<{ order: unknown }>(readTrade.auth, 'query($id: ID!) { order(id: $id) { id } }', { id: theirs.data!.placeOrder.id });
    expect(order.data).toEqual({ order: null });
    const client = wsClient(stack.routerUrl, { authorization: readTrade.auth });
    const stream = subscribe(client, 'subscription($u: ID) { orderUpdated(userId: $u) { id } }', { u: other.id });
    const refused = await stream.next();
    expect([refused.data, refused.errors?.map((error) => error.extensions?.code)]).toEqual([null, ['FORBIDDEN']]);
    await client.dispose();
  });

  test('every answer carries the quota of the budget it was counted against, the key its own', async () => {
    const first = await call(readOnly.auth, '{ __typename }');
    const second = await call(readOnly.auth, '{ __typename }');
    expect(first.headers.get('ratelimit-policy')).toBe(`"key";q=${PER_KEY};w=60`);
    const remaining = (answer: Answer<unknown>) => Number(/r=(\d+)/.exec(answer.headers.get('ratelimit') ?? '')?.[1]);
    expect(remaining(second)).toBe(remaining(first) - 1);
    expect(first.headers.get('ratelimit')).toMatch(/^"key";r=\d+;t=\d+$/);
    const session = await call(`Bearer ${owner.token}`, '{ __typename }');
    expect(session.headers.get('ratelimit-policy')).toBe('"user";q=600;w=60');
    const anonymous = await call(undefined, '{ __typename }', {}, '192.0.2.77');
    expect(anonymous.headers.get('ratelimit-policy')).toBe('"address";q=300;w=60');
  });
});

describe('keys that must be refused', () => {
  test('wrong, truncated, malformed and unknown keys are UNAUTHENTICATED (401), never anonymous', async () => {
    const key = await createKey(owner.token, { name: 'typo target', scopes: ['READ'] });
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);
    for (const secret of [
      flip(key.secret, key.secret.length - 1),
      flip(key.secret, 30),
      key.secret.slice(0, -1),
      `${key.secret}x`,
      `tk_${'0'.repeat(24)}_${key.secret.slice(28)}`,
      'tk_',
      'not-a-key',
      'a'.repeat(10_000),
    ]) {
      const answer = await call(`ApiKey ${secret}`, '{ me { id } }');
      expect({ secret: secret.slice(0, 40), status: answer.status, refusal: refusal(answer), data: answer.data ?? null }).toEqual({
        secret: secret.slice(0, 40),
        status: 401,
        refusal: [['UNAUTHENTICATED', 'API_KEY_INVALID']],
        data: null,
      });
    }
    expect((await call('ApiKey', '{ me { id } }')).status).toBe(401);
  });

  test('a revoked key is refused at once, over HTTP, and its open socket and SSE stream end', async () => {
    const key = await createKey(owner.token, { name: 'to revoke', scopes: ['READ'] });
    const client = wsClient(stack.routerUrl, { authorization: key.auth });
    const updates = subscribe(client, 'subscription { orderUpdated { id } }');
    const sse = await fetch(stack.routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: key.auth },
      body: JSON.stringify({ query: 'subscription { orderUpdated { id } }' }),
    });
    expect(sse.status).toBe(200);
    let streamed = '';
    const read = (async () => {
      for await (const chunk of sse.body!) streamed += Buffer.from(chunk).toString();
    })();
    expect((await call(key.auth, '{ me { id } }')).data).toEqual({ me: { id: owner.id } });

    const revoked = await call<{ revokeApiKey: boolean }>(`Bearer ${owner.token}`, 'mutation($id: ID!) { revokeApiKey(id: $id) }', { id: key.id });
    expect(revoked.data).toEqual({ revokeApiKey: true });
    const after = await call(key.auth, '{ me { id } }');
    expect([after.status, refusal(after)]).toEqual([401, [['UNAUTHENTICATED', 'API_KEY_REVOKED']]]);
    // 4401: the close code of a socket whose session ended (router/README.md), a key's as a signed-in one's.
    expect((await client.closed).code).toBe(4401);
    await Promise.race([read, new Promise((resolve) => setTimeout(resolve, 5000))]);
    expect(streamed).toMatch(/"reason":"API_KEY_REVOKED"/);
    updates.dispose();
    // Revoked once: a second revocation changes nothing, and the key is no longer listed.
    expect((await call(`Bearer ${owner.token}`, 'mutation($id: ID!) { revokeApiKey(id: $id) }', { id: key.id })).data).toEqual({
      revokeApiKey: false,
    });
    const listed = await call<{ me: { apiKeys: { id: string }[] } }>(`Bearer ${owner.token}`, '{ me { apiKeys { id } } }');
    expect(listed.data?.me.apiKeys.map((listedKey) => listedKey.id)).not.toContain(key.id);
  });

  test("one user cannot revoke another's key, nor a key id that cannot be one", async () => {
    const key = await createKey(owner.token, { name: 'not yours', scopes: ['READ'] });
    expect((await call(`Bearer ${other.token}`, 'mutation($id: ID!) { revokeApiKey(id: $id) }', { id: key.id })).data).toEqual({
      revokeApiKey: false,
    });
    expect((await call(key.auth, '{ me { id } }')).data).toEqual({ me: { id: owner.id } });
    const forged = await call(`Bearer ${owner.token}`, 'mutation { revokeApiKey(id: "../../etc/passwd") }');
    expect(refusal(forged)).toEqual([['BAD_USER_INPUT', 'id']]);
  });

  test('an expired key is refused with API_KEY_EXPIRED; a key cannot be created already expired', async () => {
    const key = await createKey(owner.token, { name: 'short lived', scopes: ['READ'], expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect((await call(key.auth, '{ me { id } }')).data).toEqual({ me: { id: owner.id } });
    await new Promise((resolve) => setTimeout(resolve, 1700));
    const after = await call(key.auth, '{ me { id } }');
    expect([after.status, refusal(after)]).toEqual([401, [['UNAUTHENTICATED', 'API_KEY_EXPIRED']]]);
    const past = await call(`Bearer ${owner.token}`, CREATE, {
      i: { name: 'stale', scopes: ['READ'], expiresAt: new Date(Date.now() - 1000).toISOString() },
    });
    expect(refusal(past)).toEqual([['BAD_USER_INPUT', 'expiresAt']]);
  });

  test('a key with an allowlist works from its addresses only (the client address behind TRUST_PROXY)', async () => {
    const key = await createKey(owner.token, { name: 'fenced', scopes: ['READ'], allowedIps: ['203.0.113.0/24', '2001:db8::1'] });
    expect(key.allowedIps).toEqual(['203.0.113.0/24', '2001:db8::1']);
    expect((await call(key.auth, '{ me { id } }', {}, '203.0.113.7')).data).toEqual({ me: { id: owner.id } });
    expect((await call(key.auth, '{ me { id } }', {}, '2001:db8::1')).data).toEqual({ me: { id: owner.id } });
    const outside = await call(key.auth, '{ me { id } }', {}, '198.51.100.1');
    expect([outside.status, refusal(outside)]).toEqual([403, [['FORBIDDEN', 'IP_NOT_ALLOWED']]]);
    for (const allowedIps of [['not an address'], ['10.0.0.0/33'], Array.from({ length: 21 }, (_, i) => `10.0.0.${i}`)]) {
      expect(refusal(await call(`Bearer ${owner.token}`, CREATE, { i: { name: 'bad fence', scopes: ['READ'], allowedIps } }))).toEqual([
        ['BAD_USER_INPUT', 'allowedIps'],
      ]);
    }
  });

  test('a key beyond its budget is RATE_LIMITED (429 with Retry-After and its quota), its owner signed in is not', async () => {
    const key = await createKey(owner.token, { name: 'greedy', scopes: ['READ'] });
    const answers = await Promise.all(Array.from({ length: PER_KEY + 1 }, () => call(key.auth, '{ __typename }')));
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused.map(refusal)).toEqual([[['RATE_LIMITED', undefined]]]);
    expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused[0]!.headers.get('ratelimit')).toMatch(/^"key";r=0;t=\d+$/);
    expect((await call(`Bearer ${owner.token}`, '{ __typename }')).status).toBe(200);
  });

  test('a user holds at most 20 keys, however many creations race; bad names and empty scopes are refused', async () => {
    const user = await registerUser(stack.routerUrl, 'hoarder');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => call(`Bearer ${user.token}`, CREATE, { i: { name: `key ${i}`, scopes: ['READ'] } })),
    );
    expect(answers.filter((answer) => answer.data?.createApiKey)).toHaveLength(20);
    expect(new Set(answers.filter((answer) => !answer.data).map((answer) => JSON.stringify(refusal(answer))))).toEqual(
      new Set([JSON.stringify([['BAD_USER_INPUT', 'TOO_MANY_API_KEYS']])]),
    );
    const listed = await call<{ me: { apiKeys: unknown[] } }>(`Bearer ${user.token}`, '{ me { apiKeys { id } } }');
    expect(listed.data?.me.apiKeys).toHaveLength(20);
    for (const [input, field] of [
      [{ name: '', scopes: ['READ'] }, 'name'],
      [{ name: 'x'.repeat(65), scopes: ['READ'] }, 'name'],
      [{ name: 'bell\u0007', scopes: ['READ'] }, 'name'],
      [{ name: 'nothing', scopes: [] }, 'scopes'],
    ] as const) {
      expect(refusal(await call(`Bearer ${other.token}`, CREATE, { i: input }))).toEqual([['BAD_USER_INPUT', field]]);
    }
    const unknownScope = await call(`Bearer ${other.token}`, CREATE, { i: { name: 'admin', scopes: ['ADMIN'] } });
    expect(unknownScope.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('the subgraphs refuse a key too, should its identity reach them', () => {
  /** An operation sent straight to the users subgraph with the internal identity the router signs for a key. */
  const asRouterWould = async (identity: Parameters<typeof signInternalToken>[1]['identity']) => {
    const response = await fetch(stack.subgraphUrls.users, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${signInternalToken(stack.internalSecret, { identity })}` },
      body: JSON.stringify({ query: '{ me { id balance } }' }),
    });
    return (await response.json()) as Answer<{ me: { id: string } | null }>;
  };
  const keyIdentity = (id: string, scopes: ('read' | 'trade')[], expiresAt?: number) => ({
    userId: owner.id,
    role: 'CUSTOMER' as const,
    sessionId: `apikey:${id}`,
    apiKey: { id, scopes },
    ...(expiresAt ? { expiresAt } : {}),
  });

  test('a revoked key (API_KEY_REVOKED), an expired one (API_KEY_EXPIRED), and a key without READ (FORBIDDEN)', async () => {
    const key = await createKey(owner.token, { name: 'behind the router', scopes: ['READ'] });
    expect((await asRouterWould(keyIdentity(key.id, ['read']))).data?.me?.id).toBe(owner.id);
    await call(`Bearer ${owner.token}`, 'mutation($id: ID!) { revokeApiKey(id: $id) }', { id: key.id });
    expect(refusal(await asRouterWould(keyIdentity(key.id, ['read'])))).toEqual([['UNAUTHENTICATED', 'API_KEY_REVOKED']]);

    const other = await createKey(owner.token, { name: 'expiring behind the router', scopes: ['READ'] });
    expect(refusal(await asRouterWould(keyIdentity(other.id, ['read'], Math.floor(Date.now() / 1000) - 1)))).toEqual([
      ['UNAUTHENTICATED', 'API_KEY_EXPIRED'],
    ]);
    const noRead = await asRouterWould(keyIdentity(other.id, ['trade']));
    expect(noRead.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

describe('keys in the account', () => {
  test('their use shows as lastUsedAt, written once per flush; creation, revocation and refusals are security events', async () => {
    const key = await createKey(owner.token, { name: 'audited', scopes: ['READ'], allowedIps: ['203.0.113.9'] });
    expect((await call(key.auth, '{ me { id } }', {}, '203.0.113.9')).status).toBe(200);
    await call(key.auth, '{ me { id } }', {}, '198.51.100.9');
    await new Promise((resolve) => setTimeout(resolve, 600));
    const listed = await call<{ me: { apiKeys: { id: string; lastUsedAt: string | null }[] } }>(
      `Bearer ${owner.token}`,
      '{ me { apiKeys { id lastUsedAt } } }',
    );
    const lastUsedAt = listed.data?.me.apiKeys.find((listedKey) => listedKey.id === key.id)?.lastUsedAt;
    expect(Date.now() - Date.parse(lastUsedAt ?? '')).toBeLessThan(10_000);
    await call(`Bearer ${owner.token}`, 'mutation($id: ID!) { revokeApiKey(id: $id) }', { id: key.id });
    const events = await call<{
      me: { securityEvents: { edges: { node: { action: string; outcome: string; reason: string | null; details: string | null } }[] } };
    }>(`Bearer ${owner.token}`, '{ me { securityEvents(first: 100) { edges { node { action outcome reason details } } } } }');
    expect(events.errors).toBeUndefined();
    const ofKey = events.data!.me.securityEvents.edges.map(({ node }) => node).filter((node) => node.details?.includes(key.id));
    expect(ofKey.map((node) => [node.action, node.outcome, node.reason])).toEqual([
      ['API_KEY_REVOKED', 'SUCCESS', null],
      ['API_KEY_REFUSED', 'DENIED', 'IP_NOT_ALLOWED'],
      ['API_KEY_CREATED', 'SUCCESS', null],
    ]);
  });

  test('a key places an order over HTTP and follows its fill over graphql-ws and over SSE', async () => {
    const key = await createKey(owner.token, { name: 'follower', scopes: ['READ', 'TRADE'] });
    const client = wsClient(stack.routerUrl, { authorization: key.auth });
    const updates = subscribe<{ orderUpdated: { id: string; status: string } }>(client, 'subscription { orderUpdated { id status } }');
    const controller = new AbortController();
    const sse = await fetch(stack.routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: key.auth },
      body: JSON.stringify({ query: 'subscription { orderUpdated { id status asset { symbol } } }' }),
      signal: controller.signal,
    });
    // A stream's answer carries the quota too.
    expect(sse.headers.get('ratelimit-policy')).toBe(`"key";q=${PER_KEY};w=60`);
    let streamed = '';
    void (async () => {
      for await (const chunk of sse.body!) streamed += Buffer.from(chunk).toString();
    })().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const placed = await call<{ placeOrder: { id: string } }>(key.auth, BUY);
    const id = placed.data!.placeOrder.id;
    expect((await updates.next()).data?.orderUpdated).toEqual({ id, status: 'FILLED' });
    for (let waited = 0; waited < 5000 && !streamed.includes(id); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    expect(streamed).toContain(`"id":"${id}","status":"FILLED","asset":{"symbol":"BTC"}`);
    updates.dispose();
    await client.dispose();
  });
});
