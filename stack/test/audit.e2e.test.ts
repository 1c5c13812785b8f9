import { adminToken, codes, gql, registerUser, startTestStack } from './support';

// The security audit trail: one entry per audited action with the right fields, readable by admins (and by each
// user for their own account), never holding a password or a token.

interface AuditEvent {
  id: string;
  at: string;
  action: string;
  outcome: string;
  actorId: string | null;
  subjectId: string | null;
  reason: string | null;
  ip: string | null;
  requestId: string | null;
  details: string | null;
}
const FIELDS = 'id at action outcome actorId subjectId reason ip requestId details';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let admin: string;
const secretsSeen: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ router: { rateLimits: { perUserPerMinute: 40 } } });
  admin = await adminToken(stack, 'audit_admin', 'the admin passphrase');
  secretsSeen.push('the admin passphrase', admin);
});
afterAll(() => stack?.close());

async function securityEvents(token: string): Promise<AuditEvent[]> {
  const response = await gql<{ me: { securityEvents: { edges: { node: AuditEvent }[] } } }>(
    stack.routerUrl,
    `{ me { securityEvents(first: 100) { edges { node { ${FIELDS} } } } } }`,
    {},
    token,
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.me.securityEvents.edges.map((e) => e.node);
}

async function search(filter: Record<string, unknown>): Promise<AuditEvent[]> {
  const response = await gql<{ auditEvents: { edges: { node: AuditEvent }[] } }>(
    stack.routerUrl,
    `query($f: AuditEventFilter) { auditEvents(filter: $f, first: 100) { edges { node { ${FIELDS} } } } }`,
    { f: filter },
    admin,
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.auditEvents.edges.map((e) => e.node);
}

/** Entries written in the background (refusals) appear shortly after the response. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("a user's sign-in history: one entry per action, newest first, with outcome, reason, address and request id", async () => {
  const user = await registerUser(stack.routerUrl, 'eve');
  secretsSeen.push(user.password, user.token);
  const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token refreshToken } }';
  const wrong = await gql(stack.routerUrl, LOGIN, { i: { username: user.username, password: 'not her password' } });
  expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
  const signedIn = (
    await gql<{ login: { token: string; refreshToken: string } }>(stack.routerUrl, LOGIN, { i: { username: user.username, password: user.password } })
  ).data!.login;
  const refreshed = (
    await gql<{ refreshToken: { token: string; refreshToken: string } }>(
      stack.routerUrl,
      'mutation($r: String!) { refreshToken(refreshToken: $r) { token refreshToken } }',
      { r: signedIn.refreshToken },
    )
  ).data!.refreshToken;
  const reuse = await gql(stack.routerUrl, 'mutation($r: String!) { refreshToken(refreshToken: $r) { token } }', { r: signedIn.refreshToken });
  expect(codes(reuse)).toEqual(['UNAUTHENTICATED']);
  const badChange = await gql(
    stack.routerUrl,
    'mutation { changePassword(input: { currentPassword: "nope nope", newPassword: "whatever long" }) }',
    {},
    user.token,
  );
  expect(codes(badChange)).toEqual(['BAD_USER_INPUT']);
  // One more session elsewhere, which the password change will end (the refreshed one already ended on reuse).
  const elsewhere = (await gql<{ login: { token: string } }>(stack.routerUrl, LOGIN, { i: { username: user.username, password: user.password } }))
    .data!.login.token;
  secretsSeen.push(elsewhere);
  await gql(
    stack.routerUrl,
    'mutation($i: ChangePasswordInput!) { changePassword(input: $i) }',
    { i: { currentPassword: user.password, newPassword: 'her new passphrase' } },
    user.token,
  );
  await gql(stack.routerUrl, 'mutation { logout }', {}, user.token);
  secretsSeen.push(signedIn.token, signedIn.refreshToken, refreshed.token, refreshed.refreshToken, 'her new passphrase', 'not her password');

  const fresh = (await gql<{ login: { token: string } }>(stack.routerUrl, LOGIN, { i: { username: user.username, password: 'her new passphrase' } }))
    .data!.login.token;
  const events = await securityEvents(fresh);
  expect(events.map((e) => [e.action, e.outcome, e.reason])).toEqual([
    ['LOGIN', 'SUCCESS', null],
    ['LOGOUT', 'SUCCESS', null],
    ['PASSWORD_CHANGE', 'SUCCESS', null],
    ['LOGIN', 'SUCCESS', null],
    ['PASSWORD_CHANGE', 'FAILURE', 'WRONG_PASSWORD'],
    ['REFRESH_REUSE', 'DENIED', 'REFRESH_REUSED'],
    ['TOKEN_REFRESH', 'SUCCESS', null],
    ['LOGIN', 'SUCCESS', null],
    ['LOGIN', 'FAILURE', 'WRONG_PASSWORD'],
    ['REGISTER', 'SUCCESS', null],
  ]);
  for (const event of events) {
    expect(event.subjectId).toBe(user.id);
    expect(event.ip).toMatch(/127\.0\.0\.1|::1/);
    expect(event.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(event.at)).toBeGreaterThan(Date.now() - 60_000);
  }
  expect(events.find((e) => e.action === 'PASSWORD_CHANGE' && e.outcome === 'SUCCESS')?.details).toBe(JSON.stringify({ otherSessionsEnded: 1 }));
  // The failed sign-in names no actor: nobody proved who they were.
  expect(events.at(-2)).toMatchObject({ actorId: null, details: JSON.stringify({ login: user.username }) });
});

test('admin actions are recorded with the state before and after, and admins can filter by actor and action', async () => {
  const response = await gql(stack.routerUrl, 'mutation { updateAsset(symbol: "ADA", input: { price: "0.75" }) { price } }', {}, admin);
  expect(response.errors).toBeUndefined();
  const adminId = (await gql<{ me: { id: string } }>(stack.routerUrl, '{ me { id } }', {}, admin)).data!.me.id;
  const [entry, ...others] = await search({ actor: adminId, action: 'ADMIN_ACTION' });
  expect(others).toEqual([]);
  const details = JSON.parse(entry!.details!) as { operation: string; symbol: string; before: { price: string }; after: { price: string } };
  expect(details).toMatchObject({ operation: 'updateAsset', symbol: 'ADA', after: { price: '0.75' } });
  expect(details.before.price).not.toBe('0.75');
  const created = await search({ action: 'ADMIN_CREATED' });
  expect(created.map((e) => e.subjectId)).toEqual([adminId]);
});

test('forbidden field access and rate-limit refusals are recorded once, by the router', async () => {
  const user = await registerUser(stack.routerUrl, 'probe');
  secretsSeen.push(user.password, user.token);
  expect(codes(await gql(stack.routerUrl, '{ users { edges { cursor } } }', {}, user.token))).toEqual(['FORBIDDEN']);
  const forbidden = await eventually(
    () => search({ actor: user.id, action: 'FORBIDDEN_ACCESS' }),
    (found) => found.length > 0,
  );
  expect(forbidden.map((e) => [e.outcome, e.reason, e.details])).toEqual([['DENIED', 'MISSING_SCOPE', JSON.stringify({ fields: ['users'] })]]);

  for (let i = 0; i < 45; i += 1) await gql(stack.routerUrl, '{ me { id } }', {}, user.token);
  const limited = await eventually(
    () => search({ actor: user.id, action: 'RATE_LIMITED' }),
    (found) => found.length > 0,
  );
  expect(limited.map((e) => [e.outcome, e.reason])).toEqual([['DENIED', 'REQUESTS_PER_USER']]);
});

test("customers cannot read the audit trail or anyone else's history", async () => {
  const user = await registerUser(stack.routerUrl, 'curious');
  expect(codes(await gql(stack.routerUrl, '{ auditEvents { edges { cursor } } }', {}, user.token))).toEqual(['FORBIDDEN']);
  expect(codes(await gql(stack.routerUrl, '{ user(id: "x") { securityEvents { edges { cursor } } } }', {}, user.token))).toEqual(['FORBIDDEN']);
  const own = await securityEvents(user.token);
  expect(own.every((e) => e.subjectId === user.id)).toBe(true);
});

test('a search whose range is the wrong way round, or whose actor cannot be an id, is refused as BAD_USER_INPUT', async () => {
  const query = 'query($f: AuditEventFilter) { auditEvents(filter: $f) { edges { cursor } } }';
  const refused = async (filter: Record<string, unknown>) => (await gql(stack.routerUrl, query, { f: filter }, admin)).errors?.[0]?.extensions;
  const [from, to] = ['2026-12-03T10:00:00.000Z', '2026-12-02T10:00:00.000Z'];
  expect(await refused({ from, to })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.from' });
  expect(await refused({ from, to, actor: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.from' });
  expect(await refused({ actor: '' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.actor' });
  expect(await refused({ from: to, to: from, actor: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })).toBeUndefined();
});

test('no entry holds a password, an access token or a refresh token', async () => {
  const everything: AuditEvent[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { data?: { auditEvents: { edges: { node: AuditEvent }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null } =
      await gql(
        stack.routerUrl,
        `query($a: String) { auditEvents(first: 100, after: $a) { edges { node { ${FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
        { a: after },
        admin,
      );
    everything.push(...page.data!.auditEvents.edges.map((e) => e.node));
    if (!page.data!.auditEvents.pageInfo.hasNextPage) break;
    after = page.data!.auditEvents.pageInfo.endCursor;
  }
  expect(everything.length).toBeGreaterThan(15);
  const text = JSON.stringify(everything);
  for (const secret of secretsSeen) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/passwordHash|\$2[aby]\$/);
});
