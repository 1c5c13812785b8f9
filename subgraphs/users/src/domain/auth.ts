import bcrypt from 'bcrypt';
import { ulid } from 'ulid';
import { ErrorCode, issueToken, type JwtSettings, type Role, userError } from '@trading/platform';
import type { UserRecord, UserStore, ProfileChanges } from '../data/users';
import type { SignInGuard } from './sign-in-limits';
import type { ChangePasswordInput, LoginInput, RegisterInput, UpdateProfileInput } from '../generated/resolvers';
import { validEmail, validName, validPassword, validPhone, validUsername } from './validation';

/** Everything the sign-in flows need. */
export interface AuthDeps {
  users: UserStore;
  jwt: JwtSettings;
  bcryptCost: number;
  signIn: SignInGuard;
  /** The client's address, as the router saw it. */
  clientIp?: string;
}

const WRONG_CREDENTIALS = 'Wrong username, email or password';

// Compared against when the login is unknown, so an unknown name takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

/** Creates an account with a role after validating every field; CONFLICT when the username or email is taken. */
export async function createAccount(
  deps: Pick<AuthDeps, 'users' | 'bcryptCost'>,
  input: RegisterInput,
  role: Role,
  /** Runs once the input is valid, before any write (e.g. a rate limit). */
  beforeWrite?: () => Promise<void>,
): Promise<UserRecord> {
  const username = validUsername(input.username);
  const email = validEmail(input.email);
  const password = validPassword(input.password);
  const firstName = validName(input.firstName, 'firstName');
  const lastName = validName(input.lastName, 'lastName');
  const phone = input.phone ? validPhone(input.phone) : undefined;
  await beforeWrite?.();
  return deps.users.create({
    id: ulid(),
    username,
    email,
    firstName,
    lastName,
    ...(phone ? { phone } : {}),
    role,
    createdAt: new Date().toISOString(),
    passwordHash: await bcrypt.hash(password, deps.bcryptCost),
  });
}

/** Registers a CUSTOMER and signs them in. Admins are made by the create-admin command only. */
export async function register(deps: AuthDeps, input: RegisterInput): Promise<{ token: string; user: UserRecord }> {
  const user = await createAccount(deps, input, 'CUSTOMER', () => deps.signIn.registration(deps.clientIp ?? 'unknown'));
  return { token: issueToken(deps.jwt, { userId: user.id, role: user.role }), user };
}

/** Signs in with a username or an email; every mismatch gives the same UNAUTHENTICATED answer. */
export async function login(deps: AuthDeps, input: LoginInput): Promise<{ token: string; user: UserRecord }> {
  await deps.signIn.attempt(input.username, deps.clientIp ?? 'unknown');
  const user = input.username.length <= 254 ? await deps.users.findByLogin(input.username.trim()) : null;
  const hash = user?.passwordHash ?? (await (decoyHash ??= bcrypt.hash('decoy password', deps.bcryptCost)));
  const matches = Buffer.byteLength(input.password) <= 72 && (await bcrypt.compare(input.password, hash));
  if (!user || !matches) throw userError(ErrorCode.UNAUTHENTICATED, WRONG_CREDENTIALS, { reason: 'WRONG_CREDENTIALS' });
  await deps.signIn.succeeded(input.username);
  return { token: issueToken(deps.jwt, { userId: user.id, role: user.role }), user };
}

/** Changes the password after checking the current one. */
export async function changePassword(deps: AuthDeps, user: UserRecord, input: ChangePasswordInput): Promise<void> {
  if (!(await bcrypt.compare(input.currentPassword, user.passwordHash))) {
    throw userError(ErrorCode.BAD_USER_INPUT, 'currentPassword is not the password of this account', { field: 'currentPassword' });
  }
  const newPassword = validPassword(input.newPassword, 'newPassword');
  if (newPassword === input.currentPassword)
    throw userError(ErrorCode.BAD_USER_INPUT, 'newPassword must differ from the current one', { field: 'newPassword' });
  await deps.users.replacePasswordHash(user.id, user.passwordHash, await bcrypt.hash(newPassword, deps.bcryptCost));
}

/** Validates and applies profile changes. */
export async function updateProfile(users: UserStore, user: UserRecord, input: UpdateProfileInput): Promise<UserRecord> {
  const changes: ProfileChanges = {};
  if (input.firstName != null) changes.firstName = validName(input.firstName, 'firstName');
  if (input.lastName != null) changes.lastName = validName(input.lastName, 'lastName');
  if (input.email != null) changes.email = validEmail(input.email);
  if (input.phone != null) changes.phone = input.phone.trim() === '' ? null : validPhone(input.phone);
  return users.updateProfile(user, changes);
}
