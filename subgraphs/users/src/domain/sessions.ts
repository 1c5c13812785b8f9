import { createHash, randomBytes } from 'node:crypto';
import { ErrorCode, issueToken, type JwtSettings, newId, type RevokedSessions, userError } from '@trading/platform';
import type { SessionStore } from '../data/sessions';
import type { UserRecord, UserStore } from '../data/users';

/**
 * Sessions: a sign-in creates one, with a short-lived access token (JWT, `sid` = the session) and a long-lived,
 * one-use refresh token (`<session id>.<secret>`, stored only as a hash). Refreshing rotates the refresh token; a
 * refresh token used twice means it was copied, so the whole session is revoked. Signing out revokes the session,
 * and the access tokens it issued stop working at once (RevokedSessions).
 */

export interface SessionDeps {
  sessions: SessionStore;
  users: UserStore;
  revoked: RevokedSessions;
  jwt: JwtSettings;
  /** Refresh token lifetime in seconds. */
  refreshTtlSeconds: number;
}

/** What a client gets when signing in or refreshing. */
export interface SessionTokens {
  token: string;
  refreshToken: string;
  /** When the access token expires. */
  expiresAt: Date;
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
const nowSeconds = () => Math.floor(Date.now() / 1000);
const REFRESH_TOKEN = /^([0-9A-Z]{26})\.([A-Za-z0-9_-]{43})$/;

function tokensFor(deps: SessionDeps, user: UserRecord, sessionId: string, secret: string): SessionTokens {
  return {
    token: issueToken(deps.jwt, { userId: user.id, role: user.role, sessionId }),
    refreshToken: `${sessionId}.${secret}`,
    expiresAt: new Date((nowSeconds() + deps.jwt.ttlSeconds) * 1000),
  };
}

function refreshWindow(deps: SessionDeps) {
  const refreshExpiresAt = nowSeconds() + deps.refreshTtlSeconds;
  // Kept a day past its last use for the audit of reuse, then DynamoDB's TTL deletes it.
  return { refreshExpiresAt, expiresAt: refreshExpiresAt + 86_400 };
}

/** Opens a session for a user who just proved who they are. */
export async function startSession(deps: SessionDeps, user: UserRecord): Promise<SessionTokens & { sessionId: string }> {
  const sessionId = newId();
  const secret = randomBytes(32).toString('base64url');
  await deps.sessions.create({
    id: sessionId,
    userId: user.id,
    refreshHash: hash(secret),
    createdAt: new Date().toISOString(),
    ...refreshWindow(deps),
  });
  return { ...tokensFor(deps, user, sessionId, secret), sessionId };
}

const ended = (message: string, reason: string) => userError(ErrorCode.UNAUTHENTICATED, message, { reason });

/** What a refresh attempt did, for the audit trail. */
export type RefreshOutcome =
  | { ok: true; tokens: SessionTokens; user: UserRecord; sessionId: string }
  | { ok: false; reuse: boolean; userId?: string; sessionId?: string; error: Error };

/**
 * Exchanges a refresh token for new tokens (rotation). A token that is well-formed for a live session but is not
 * its current one was used before: the session is revoked, whoever holds it.
 */
export async function refreshSession(deps: SessionDeps, refreshToken: string): Promise<RefreshOutcome> {
  const match = REFRESH_TOKEN.exec(refreshToken);
  const invalid = ended('This refresh token is not valid: sign in again', 'REFRESH_INVALID');
  if (!match) return { ok: false, reuse: false, error: invalid };
  const [, sessionId, secret] = match as unknown as [string, string, string];
  const session = await deps.sessions.get(sessionId);
  if (!session) return { ok: false, reuse: false, error: invalid };
  const base = { userId: session.userId, sessionId };
  if (session.revokedAt) return { ok: false, reuse: false, ...base, error: ended('This session has ended: sign in again', 'SESSION_ENDED') };
  if (session.refreshHash !== hash(secret)) {
    await endSession(deps, sessionId, 'REFRESH_REUSE');
    return {
      ok: false,
      reuse: true,
      ...base,
      error: ended('This refresh token was already used, so the session was ended to protect the account: sign in again', 'REFRESH_REUSED'),
    };
  }
  if (session.refreshExpiresAt <= nowSeconds())
    return { ok: false, reuse: false, ...base, error: ended('This refresh token has expired: sign in again', 'REFRESH_EXPIRED') };
  const user = await deps.users.get(session.userId);
  if (!user) return { ok: false, reuse: false, ...base, error: ended('This account no longer exists', 'ACCOUNT_GONE') };
  const nextSecret = randomBytes(32).toString('base64url');
  // Two refreshes racing with one token: the first rotates, the second finds the hash changed and is treated as reuse.
  if (!(await deps.sessions.rotate(sessionId, session.refreshHash, { refreshHash: hash(nextSecret), ...refreshWindow(deps) }))) {
    await endSession(deps, sessionId, 'REFRESH_REUSE');
    return {
      ok: false,
      reuse: true,
      ...base,
      error: ended('This refresh token was already used, so the session was ended to protect the account: sign in again', 'REFRESH_REUSED'),
    };
  }
  return { ok: true, tokens: tokensFor(deps, user, sessionId, nextSecret), user, sessionId };
}

/** Ends one session: its refresh token and every access token it issued stop working. */
export async function endSession(deps: Pick<SessionDeps, 'sessions' | 'revoked'>, sessionId: string, reason: string): Promise<void> {
  await Promise.all([deps.sessions.revoke(sessionId, reason), deps.revoked.revoke(sessionId)]);
}

/** Ends every session of a user but `keep` (e.g. the one that changed the password); returns how many ended. */
export async function endOtherSessions(
  deps: Pick<SessionDeps, 'sessions' | 'revoked'>,
  userId: string,
  reason: string,
  keep?: string,
): Promise<number> {
  const ids = (await deps.sessions.activeIds(userId)).filter((id) => id !== keep);
  await Promise.all(ids.map((id) => endSession(deps, id, reason)));
  return ids.length;
}
