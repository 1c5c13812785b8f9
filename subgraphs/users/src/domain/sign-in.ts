import bcrypt from 'bcrypt';
import { type AuditEventInput, type AuditLog, ErrorCode, type Identity, userError } from '@trading/platform';
import { GraphQLError } from 'graphql';
import type { UserRecord } from '../data/users';
import type { ChangePasswordInput, LoginInput, RegisterInput } from '../generated/resolvers';
import { type AccountDeps, changePassword as replacePassword, createAccount } from './auth';
import { endOtherSessions, endSession, refreshSession, type SessionDeps, type SessionTokens, startSession } from './sessions';
import type { SignInGuard } from './sign-in-limits';

/** Everything signing in, refreshing and signing out need, for one request. */
export interface SignInDeps extends AccountDeps, SessionDeps {
  signIn: SignInGuard;
  audit: AuditLog;
  /** The client's address and the request id, as the router saw them. */
  clientIp?: string;
  requestId?: string;
}

const WRONG_CREDENTIALS = 'Wrong username, email or password';

// Compared against when the login is unknown, so an unknown name takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

const codeOf = (error: unknown) => (error instanceof GraphQLError ? String(error.extensions.code) : 'INTERNAL_SERVER_ERROR');

function audit(deps: SignInDeps, event: AuditEventInput): Promise<void> {
  return deps.audit.record({ ...event, ...(deps.clientIp ? { ip: deps.clientIp } : {}), ...(deps.requestId ? { requestId: deps.requestId } : {}) });
}

/** Registers a CUSTOMER and signs them in. Admins are made by the create-admin command only. */
export async function register(deps: SignInDeps, input: RegisterInput): Promise<SessionTokens & { user: UserRecord }> {
  let user: UserRecord;
  try {
    user = await createAccount(deps, input, 'CUSTOMER', () => deps.signIn.registration(deps.clientIp ?? 'unknown'));
  } catch (error) {
    const code = codeOf(error);
    // Taken names and rate limits are worth a trace; malformed input is not a security event.
    if (code === ErrorCode.CONFLICT || code === ErrorCode.RATE_LIMITED) {
      await audit(deps, {
        action: 'REGISTER',
        outcome: code === ErrorCode.RATE_LIMITED ? 'DENIED' : 'FAILURE',
        reason: code,
        details: { username: input.username },
      });
    }
    throw error;
  }
  const session = await startSession(deps, user);
  await audit(deps, {
    action: 'REGISTER',
    outcome: 'SUCCESS',
    actorId: user.id,
    actorRole: user.role,
    subjectId: user.id,
    details: { sessionId: session.sessionId },
  });
  return { ...session, user };
}

/** Signs in with a username or an email; every mismatch gives the same UNAUTHENTICATED answer. */
export async function login(deps: SignInDeps, input: LoginInput): Promise<SessionTokens & { user: UserRecord }> {
  const login = input.username.trim();
  const user = login.length <= 254 ? await deps.users.findByLogin(login) : null;
  try {
    await deps.signIn.attempt(login, user?.id, deps.clientIp ?? 'unknown');
  } catch (error) {
    await audit(deps, { action: 'LOGIN', outcome: 'DENIED', reason: codeOf(error), subjectId: user?.id ?? null, details: { login } });
    throw error;
  }
  const hash = user?.passwordHash ?? (await (decoyHash ??= bcrypt.hash('decoy password', deps.bcryptCost)));
  const matches = Buffer.byteLength(input.password) <= 72 && (await bcrypt.compare(input.password, hash));
  if (!user || !matches) {
    await audit(deps, {
      action: 'LOGIN',
      outcome: 'FAILURE',
      reason: user ? 'WRONG_PASSWORD' : 'UNKNOWN_LOGIN',
      subjectId: user?.id ?? null,
      details: { login },
    });
    throw userError(ErrorCode.UNAUTHENTICATED, WRONG_CREDENTIALS, { reason: 'WRONG_CREDENTIALS' });
  }
  await deps.signIn.succeeded(user.id);
  const session = await startSession(deps, user);
  await audit(deps, {
    action: 'LOGIN',
    outcome: 'SUCCESS',
    actorId: user.id,
    actorRole: user.role,
    subjectId: user.id,
    details: { sessionId: session.sessionId },
  });
  return { ...session, user };
}

/** Rotates a refresh token; a reused one ends its session. */
export async function refresh(deps: SignInDeps, refreshToken: string): Promise<SessionTokens & { user: UserRecord }> {
  const outcome = await refreshSession(deps, refreshToken);
  if (outcome.ok) {
    await audit(deps, {
      action: 'TOKEN_REFRESH',
      outcome: 'SUCCESS',
      actorId: outcome.user.id,
      actorRole: outcome.user.role,
      subjectId: outcome.user.id,
      details: { sessionId: outcome.sessionId },
    });
    return { ...outcome.tokens, user: outcome.user };
  }
  const reason = String((outcome.error as GraphQLError).extensions?.reason ?? 'REFRESH_INVALID');
  await audit(deps, {
    action: outcome.reuse ? 'REFRESH_REUSE' : 'TOKEN_REFRESH',
    outcome: outcome.reuse ? 'DENIED' : 'FAILURE',
    reason,
    subjectId: outcome.userId ?? null,
    ...(outcome.sessionId ? { details: { sessionId: outcome.sessionId } } : {}),
  });
  throw outcome.error;
}

/** Ends the caller's session. */
export async function logout(deps: SignInDeps, identity: Identity): Promise<void> {
  await endSession(deps, identity.sessionId, 'LOGOUT');
  await audit(deps, {
    action: 'LOGOUT',
    outcome: 'SUCCESS',
    actorId: identity.userId,
    actorRole: identity.role,
    subjectId: identity.userId,
    details: { sessionId: identity.sessionId },
  });
}

/** Ends every session of the caller, this one included. */
export async function logoutEverywhere(deps: SignInDeps, identity: Identity): Promise<number> {
  const ended = await endOtherSessions(deps, identity.userId, 'LOGOUT_EVERYWHERE');
  await deps.revoked.revoke(identity.sessionId);
  await audit(deps, {
    action: 'LOGOUT_EVERYWHERE',
    outcome: 'SUCCESS',
    actorId: identity.userId,
    actorRole: identity.role,
    subjectId: identity.userId,
    details: { sessionsEnded: ended },
  });
  return ended;
}

/** Changes the password and ends every other session of the account (the caller's stays signed in). */
export async function changePassword(deps: SignInDeps, identity: Identity, user: UserRecord, input: ChangePasswordInput): Promise<void> {
  try {
    await replacePassword(deps, user, input);
  } catch (error) {
    const reason = error instanceof GraphQLError ? String(error.extensions.reason ?? error.extensions.code) : 'ERROR';
    if (reason === 'WRONG_PASSWORD')
      await audit(deps, { action: 'PASSWORD_CHANGE', outcome: 'FAILURE', reason, actorId: user.id, actorRole: user.role, subjectId: user.id });
    throw error;
  }
  const ended = await endOtherSessions(deps, user.id, 'PASSWORD_CHANGE', identity.sessionId);
  await audit(deps, {
    action: 'PASSWORD_CHANGE',
    outcome: 'SUCCESS',
    actorId: user.id,
    actorRole: user.role,
    subjectId: user.id,
    details: { otherSessionsEnded: ended },
  });
}
