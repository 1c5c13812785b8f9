import { codes, gql, registerUser, startTestStack } from './support';

// Profile and password changes through the router.

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token } }';
const UPDATE = 'mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { firstName lastName email phone } }';
const REGISTER = 'mutation($i: RegisterInput!) { register(input: $i) { token } }';

test('updateProfile changes only the fields given, and an email change frees the old address', async () => {
  const user = await registerUser(stack.routerUrl, 'grace');
  const oldEmail = `${user.username}@example.com`;
  const newEmail = `${user.username}.new@example.com`;
  const updated = await gql<{ updateProfile: Record<string, string | null> }>(
    stack.routerUrl,
    UPDATE,
    { i: { lastName: 'Hopper', phone: '+1 555 0100', email: newEmail } },
    user.token,
  );
  expect(updated.data?.updateProfile).toEqual({ firstName: 'Ada', lastName: 'Hopper', email: newEmail, phone: '+1 555 0100' });

  const cleared = await gql<{ updateProfile: Record<string, string | null> }>(stack.routerUrl, UPDATE, { i: { phone: '' } }, user.token);
  expect(cleared.data?.updateProfile.phone).toBeNull();

  // Sign-in follows the email; the old address is free for someone else.
  expect((await gql(stack.routerUrl, LOGIN, { i: { username: newEmail, password: user.password } })).errors).toBeUndefined();
  expect(codes(await gql(stack.routerUrl, LOGIN, { i: { username: oldEmail, password: user.password } }))).toEqual(['UNAUTHENTICATED']);
  const other = await gql(stack.routerUrl, REGISTER, {
    i: { username: `${user.username}_2`, email: oldEmail, password: 'long enough pw', firstName: 'Ann', lastName: 'Other' },
  });
  expect(other.errors).toBeUndefined();
  // ...and the new one is taken.
  const taken = await gql(stack.routerUrl, UPDATE, { i: { email: oldEmail.toUpperCase() } }, user.token);
  expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
});

test('changePassword checks the current password and the new one signs in, the old one no more', async () => {
  const user = await registerUser(stack.routerUrl, 'pw');
  const CHANGE = 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) }';
  const short = await gql(stack.routerUrl, CHANGE, { i: { currentPassword: user.password, newPassword: 'short' } }, user.token);
  expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
  const same = await gql(stack.routerUrl, CHANGE, { i: { currentPassword: user.password, newPassword: user.password } }, user.token);
  expect(same.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });

  const changed = await gql<{ changePassword: boolean }>(
    stack.routerUrl,
    CHANGE,
    { i: { currentPassword: user.password, newPassword: 'a brand new secret' } },
    user.token,
  );
  expect(changed.data).toEqual({ changePassword: true });
  expect(codes(await gql(stack.routerUrl, LOGIN, { i: { username: user.username, password: user.password } }))).toEqual(['UNAUTHENTICATED']);
  expect((await gql(stack.routerUrl, LOGIN, { i: { username: user.username, password: 'a brand new secret' } })).errors).toBeUndefined();
});
