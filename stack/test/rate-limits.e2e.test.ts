import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { codes, gql, registerUser, startTestStack } from './support';
import { subscribe, wsClient } from './ws-support';

// Rate limits, persisted queries and safelist mode through the router.

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string; retryAfterSeconds?: number } }[] },
  };
}

describe('request rate limits', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  beforeAll(async () => {
    stack = await startTestStack({ router: { rateLimits: { perUserPerMinute: 8, perAddressPerMinute: 5 } } });
  });
  afterAll(() => stack?.close());

  test('an anonymous client over its per-address budget gets 429 RATE_LIMITED with Retry-After, before anything runs', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 6; i += 1) {
      last = await post(stack.routerUrl, { query: '{ asset(symbol: "BTC") { symbol } }' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(last!.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(last!.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(last!.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(Number(last!.retryAfter));
    expect(last!.body.data ?? null).toBeNull();
  });

  test('a signed-in user has a budget of their own', async () => {
    // Registering spent the address's budget above; the user's requests count against the user.
    const otherStack = await startTestStack({ router: { rateLimits: { perUserPerMinute: 3, perAddressPerMinute: 100 } } });
    try {
      const user = await registerUser(otherStack.routerUrl, 'budget');
      const results = [];
      for (let i = 0; i < 4; i += 1) results.push(await gql(otherStack.routerUrl, 'mutation { deposit(amount: "1") { id } }', {}, user.token));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      const balance = await gql<{ me: { balance: string } }>(
        otherStack.routerUrl,
        '{ me { balance } }',
        {},
        (await registerUser(otherStack.routerUrl, 'peer')).token,
      );
      expect(balance.status).toBe(200);
    } finally {
      await otherStack.close();
    }
  });
});

describe('sign-in brute force', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  beforeAll(async () => {
    stack = await startTestStack({ signInLimits: { attemptsPerUsername: 3, attemptsPerAddress: 50, registrationsPerAddress: 3 } });
  });
  afterAll(() => stack?.close());

  const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token } }';

  test("guessing one account's password is stopped after 3 attempts, even with the right password, until the window passes", async () => {
    const victim = await registerUser(stack.routerUrl, 'victim');
    const attempts = [];
    for (const password of ['guess one', 'guess two', 'guess three', victim.password]) {
      attempts.push(await gql(stack.routerUrl, LOGIN, { i: { username: victim.username, password } }));
    }
    expect(attempts.map((a) => codes(a)[0])).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
    expect(attempts[3]!.status).toBe(429);
    // The lock is per account: another user signs in normally.
    const other = await registerUser(stack.routerUrl, 'bystander');
    expect((await gql(stack.routerUrl, LOGIN, { i: { username: other.username, password: other.password } })).errors).toBeUndefined();
  });

  test('a successful sign-in clears the failures', async () => {
    const user = await registerUser(stack.routerUrl, 'forgetful');
    await gql(stack.routerUrl, LOGIN, { i: { username: user.username, password: 'wrong once' } });
    await gql(stack.routerUrl, LOGIN, { i: { username: user.username, password: 'wrong twice' } });
    expect((await gql(stack.routerUrl, LOGIN, { i: { username: user.username, password: user.password } })).errors).toBeUndefined();
    expect(codes(await gql(stack.routerUrl, LOGIN, { i: { username: user.username, password: 'wrong again' } }))).toEqual(['UNAUTHENTICATED']);
  });

  test('registrations per address are limited', async () => {
    // Three registrations were spent above (victim, bystander, forgetful).
    const response = await gql(
      stack.routerUrl,
      'mutation { register(input: { username: "one_more", email: "one_more@example.com", password: "long enough", firstName: "O", lastName: "M" }) { token } }',
    );
    expect(codes(response)).toEqual(['RATE_LIMITED']);
    expect(response.status).toBe(429);
  });
});

describe('sign-in attempts are counted per account, whichever of its names is typed', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  beforeAll(async () => {
    stack = await startTestStack({ signInLimits: { attemptsPerUsername: 3, attemptsPerAddress: 50, registrationsPerAddress: 20 } });
  });
  afterAll(() => stack?.close());

  const signIn = (login: string, password: string) =>
    gql(stack.routerUrl, 'mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { username: login, password } });
  // registerUser signs accounts up as `<username>@example.com`.
  const emailOf = (user: { username: string }) => `${user.username}@example.com`;
  const failThreeTimes = async (login: string) => {
    const answers = [];
    for (const password of ['guess one', 'guess two', 'guess three']) answers.push(codes(await signIn(login, password))[0]);
    expect(answers).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
  };

  test('an account locked through its username is locked through its email too; another account from the same address is not', async () => {
    const victim = await registerUser(stack.routerUrl, 'by_name');
    const bystander = await registerUser(stack.routerUrl, 'bystander');
    await failThreeTimes(victim.username);
    // Even with the right password, and spelt in capitals.
    const byEmail = await signIn(emailOf(victim).toUpperCase(), victim.password);
    expect(codes(byEmail)).toEqual(['RATE_LIMITED']);
    expect(byEmail.status).toBe(429);
    expect((await signIn(bystander.username, bystander.password)).errors).toBeUndefined();
    expect((await signIn(emailOf(bystander), bystander.password)).errors).toBeUndefined();
  });

  test('an account locked through its email is locked through its username too', async () => {
    const victim = await registerUser(stack.routerUrl, 'by_email');
    const bystander = await registerUser(stack.routerUrl, 'bystander');
    await failThreeTimes(emailOf(victim));
    const byName = await signIn(victim.username, victim.password);
    expect(codes(byName)).toEqual(['RATE_LIMITED']);
    expect(byName.status).toBe(429);
    expect((await signIn(bystander.username, bystander.password)).errors).toBeUndefined();
  });

  test('a success through one name clears the failures made through the other', async () => {
    const user = await registerUser(stack.routerUrl, 'forgetful');
    expect(codes(await signIn(emailOf(user), 'wrong once'))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await signIn(emailOf(user), 'wrong twice'))).toEqual(['UNAUTHENTICATED']);
    expect((await signIn(user.username, user.password)).errors).toBeUndefined();
    // Without the reset through the username, these would be the fourth and fifth attempts of three through the email.
    expect(codes(await signIn(emailOf(user), 'wrong again'))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await signIn(emailOf(user), 'and again'))).toEqual(['UNAUTHENTICATED']);
  });

  test('a login naming no account is limited by that name, as a known one is', async () => {
    await failThreeTimes('nobody_by_this_name');
    expect(codes(await signIn('Nobody_By_This_Name', 'guess four'))).toEqual(['RATE_LIMITED']);
    expect(codes(await signIn('nobody_else_either', 'guess one'))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('persisted queries', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  let safelisted: Awaited<ReturnType<typeof startTestStack>>;
  const listed = 'query Price($s: String!) { asset(symbol: $s) { symbol price } }';
  const manifestDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safelist-'));
  beforeAll(async () => {
    const manifest = path.join(manifestDir, 'operations.json');
    fs.writeFileSync(
      manifest,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id: sha256(listed), name: 'Price', type: 'query', body: listed }],
      }),
    );
    [stack, safelisted] = await Promise.all([startTestStack(), startTestStack({ router: { safelistFile: manifest } })]);
  });
  afterAll(async () => {
    await Promise.all([stack?.close(), safelisted?.close()]);
    fs.rmSync(manifestDir, { recursive: true, force: true });
  });

  const byHash = (query: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });

  test('automatic persisted queries: an unknown hash asks for the query, which is then served by hash alone', async () => {
    const query = '{ asset(symbol: "ETH") { name } }';
    const first = await post(stack.routerUrl, byHash(query), { 'apollo-require-preflight': 'true' });
    expect(first.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    await post(stack.routerUrl, { query, ...byHash(query) });
    const second = await post(stack.routerUrl, byHash(query), { 'apollo-require-preflight': 'true' });
    expect(second.body).toEqual({ data: { asset: { name: 'Ethereum' } } });
  });

  test('a hash that does not match its query is refused', async () => {
    const response = await post(stack.routerUrl, {
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ other }') } },
    });
    expect(response.status).toBe(400);
  });

  test('safelist mode runs listed operations, by id or by body, and refuses anything else', async () => {
    const byId = await post(safelisted.routerUrl, { ...byHash(listed), variables: { s: 'BTC' } }, { 'apollo-require-preflight': 'true' });
    expect(byId.body).toMatchObject({ data: { asset: { symbol: 'BTC' } } });
    const byBody = await post(safelisted.routerUrl, { query: listed, variables: { s: 'ETH' } });
    expect(byBody.body).toMatchObject({ data: { asset: { symbol: 'ETH' } } });
    const other = await post(safelisted.routerUrl, { query: '{ asset(symbol: "BTC") { price } }' });
    expect(other.status).toBe(403);
    expect(other.body.errors?.[0]?.extensions?.code).toBe('QUERY_NOT_IN_SAFELIST');
    const registered = await post(safelisted.routerUrl, { query: '{ __typename }', ...byHash('{ __typename }') });
    expect(registered.body.errors?.[0]?.extensions?.code).toBe('QUERY_NOT_IN_SAFELIST');
  });

  test('safelist mode holds on the socket too: listed operations run, any other subscription is refused', async () => {
    const client = wsClient(safelisted.routerUrl);
    try {
      const ticks = subscribe(client, 'subscription { priceChanged(symbols: ["BTC"]) { price } }');
      const refusal = (await ticks.ended) as { extensions?: { code?: string } }[];
      expect(refusal[0]?.extensions?.code).toBe('QUERY_NOT_IN_SAFELIST');
      const answer = await new Promise((resolve, reject) =>
        client.subscribe({ query: listed, variables: { s: 'SOL' } }, { next: resolve, error: reject, complete: () => undefined }),
      );
      expect(answer).toMatchObject({ data: { asset: { symbol: 'SOL' } } });
    } finally {
      await client.dispose();
    }
  });
});
