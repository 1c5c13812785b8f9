import bcrypt from 'bcrypt';
import { ErrorCode, newId, type Role, userError } from '@trading/platform';
import type { UserRecord, UserStore, ProfileChanges } from '../data/users';
import type { ChangePasswordInput, RegisterInput, UpdateProfileInput } from '../generated/resolvers';
import { validEmail, validName, validPassword, validPhone, validUsername } from './validation';

/** What creating accounts and changing passwords need. */
export interface AccountDeps {
  users: UserStore;
  bcryptCost: number;
}

/** Creates an account with a role after validating every field; CONFLICT when the username or email is taken. */
export async function createAccount(
  deps: AccountDeps,
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
    id: newId(),
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

/** Changes the password after checking the current one; BAD_USER_INPUT when it is wrong. */
export async function changePassword(deps: AccountDeps, user: UserRecord, input: ChangePasswordInput): Promise<void> {
  if (!(await bcrypt.compare(input.currentPassword, user.passwordHash))) {
    throw userError(ErrorCode.BAD_USER_INPUT, 'currentPassword is not the password of this account', {
      field: 'currentPassword',
      reason: 'WRONG_PASSWORD',
    });
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
