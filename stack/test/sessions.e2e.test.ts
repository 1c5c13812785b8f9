import { signInternalToken } from '@trading/platform';
import { codes, gql, registerUser, startTestStack } from './support';

// Sessions that can end: short access tokens, one-use refresh tokens with reuse detection, logout everywhere.

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

interface Tokens {
  token: string;
  refreshToken: string;
  expiresAt: string;
}
const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token refreshToken expiresAt } }';
const REFRESH = 'mutation($r: String!) { refreshToken(refreshToken: $r) { token refreshToken expiresAt user { username } } }';
const ME = '{ me { username } }';

async function signIn(user: { username: string; password: string }): Promise<Tokens> {
  const response = await gql<{ login: Tokens }>(stack.routerUrl, LOGIN, { i: { username: user.username, password: user.password } });
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.login;
}

const works = async (token: string) => (await gql(stack.routerUrl, ME, {}, token)).status === 200;
const endedReason = async (token: string) => {
  const response = await gql(stack.routerUrl, ME, {}, token);
  return [response.status, codes(response)[0], response.errors?.[0]?.extensions?.reason];
};

test('a sign-in gives a 15-minute access token and a refresh token', async () => {
  const user = await registerUser(stack.routerUrl, 'session');
  const before = Date.now();
  const tokens = await signIn(user);
  expect(tokens.refreshToken).toMatch(/^[0-9A-Z]{26}\.[A-Za-z0-9_-]{43}$/);
  const lifetime = Date.parse(tokens.expiresAt) - before;
  expect(lifetime).toBeGreaterThan(14 * 60_000);
  expect(lifetime).toBeLessThanOrEqual(15 * 60_000 + 2000);
  expect(await works(tokens.token)).toBe(true);
});

test('refreshing rotates: the new tokens work, the old refresh token does not, and reusing it ends the session', async () => {
  const user = await registerUser(stack.routerUrl, 'rotate');
  const first = await signIn(user);
  const second = (await gql<{ refreshToken: Tokens & { user: { username: string } } }>(stack.routerUrl, REFRESH, { r: first.refreshToken })).data!
    .refreshToken;
  expect(second.user.username).toBe(user.username);
  expect(second.refreshToken).not.toBe(first.refreshToken);
  expect(await works(second.token)).toBe(true);

  // The first refresh token again: someone copied it. The whole session ends, the new tokens included.
  const reuse = await gql(stack.routerUrl, REFRESH, { r: first.refreshToken });
  expect(reuse.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REFRESH_REUSED' });
  expect(await endedReason(second.token)).toEqual([401, 'UNAUTHENTICATED', 'SESSION_ENDED']);
  expect(codes(await gql(stack.routerUrl, REFRESH, { r: second.refreshToken }))).toEqual(['UNAUTHENTICATED']);
  // Another session of the same user is untouched.
  expect(await works((await signIn(user)).token)).toBe(true);
});

test.each([
  ['garbage', 'not-a-refresh-token'],
  ['an unknown session', `01M00000000000000000000000.${'a'.repeat(43)}`],
])('a refresh token that is %s is refused', async (_label, refreshToken) => {
  expect((await gql(stack.routerUrl, REFRESH, { r: refreshToken })).errors?.[0]?.extensions).toMatchObject({
    code: 'UNAUTHENTICATED',
    reason: 'REFRESH_INVALID',
  });
});

test('logout ends the session it is called with, at the router and in the subgraphs, and its refresh token', async () => {
  const user = await registerUser(stack.routerUrl, 'leaver');
  const session = await signIn(user);
  const other = await signIn(user);
  const logout = await gql<{ logout: boolean }>(stack.routerUrl, 'mutation { logout }', {}, session.token);
  expect(logout.data).toEqual({ logout: true });
  expect(await endedReason(session.token)).toEqual([401, 'UNAUTHENTICATED', 'SESSION_ENDED']);
  expect(codes(await gql(stack.routerUrl, REFRESH, { r: session.refreshToken }))).toEqual(['UNAUTHENTICATED']);
  expect(await works(other.token)).toBe(true);

  // A subgraph refuses the ended session too, even with a valid router identity for it.
  const claims = JSON.parse(Buffer.from(session.token.split('.')[1]!, 'base64url').toString()) as { sub: string; sid: string };
  const internal = signInternalToken(stack.internalSecret, { identity: { userId: claims.sub, role: 'CUSTOMER', sessionId: claims.sid } });
  const direct = await gql(stack.subgraphUrls.users, '{ me { id } }', {}, internal);
  expect([direct.status, direct.errors?.[0]?.extensions?.reason]).toEqual([401, 'SESSION_ENDED']);
});

test('logoutEverywhere ends every session of the account', async () => {
  const user = await registerUser(stack.routerUrl, 'everywhere');
  const sessions = [await signIn(user), await signIn(user), await signIn(user)];
  const response = await gql<{ logoutEverywhere: number }>(stack.routerUrl, 'mutation { logoutEverywhere }', {}, sessions[0]!.token);
  // Three sign-ins plus the registration's own session.
  expect(response.data).toEqual({ logoutEverywhere: 4 });
  for (const session of sessions) expect(await endedReason(session.token)).toEqual([401, 'UNAUTHENTICATED', 'SESSION_ENDED']);
  expect(await endedReason(user.token)).toEqual([401, 'UNAUTHENTICATED', 'SESSION_ENDED']);
  expect(await works((await signIn(user)).token)).toBe(true);
});

test('a password change signs out every other session and keeps this one', async () => {
  const user = await registerUser(stack.routerUrl, 'changer');
  const here = await signIn(user);
  const elsewhere = await signIn(user);
  const changed = await gql(
    stack.routerUrl,
    'mutation($i: ChangePasswordInput!) { changePassword(input: $i) }',
    { i: { currentPassword: user.password, newPassword: 'a new long passphrase' } },
    here.token,
  );
  expect(changed.data).toEqual({ changePassword: true });
  expect(await works(here.token)).toBe(true);
  expect(await endedReason(elsewhere.token)).toEqual([401, 'UNAUTHENTICATED', 'SESSION_ENDED']);
  expect(codes(await gql(stack.routerUrl, REFRESH, { r: elsewhere.refreshToken }))).toEqual(['UNAUTHENTICATED']);
});
