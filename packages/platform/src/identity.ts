import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { ErrorCode, userError } from './errors';

export const ROLES = ['CUSTOMER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a verified token. */
export interface Identity {
  userId: string;
  role: Role;
  /** The session the token belongs to (`sid`): signing out revokes it, and every token of it. */
  sessionId: string;
  /** The `jti` of the user's access token, when known. */
  tokenId?: string;
  /** When the credential expires (epoch seconds: the token's `exp`, the API key's expiry), when it does: a socket lives no longer. */
  expiresAt?: number;
  /**
   * Set when the caller holds an API key rather than a signed-in session: the key's id and the grant scopes it was
   * created with (`read`, `trade`, `transfer`, see api-keys.ts). Its `sessionId` is `apikey:<id>`, so revoking the
   * key ends it everywhere as signing out ends a session.
   */
  apiKey?: { id: string; scopes: readonly GrantScope[] };
}

/**
 * What a credential may be granted beyond its role, as `@requiresScopes` names it: `read` (the owner's account),
 * `trade` (orders), `transfer` (deposits and withdrawals), `session` (what only a signed-in person may do: sign out,
 * change the password or profile, manage API keys). A session holds every one of them; an API key only the ones it
 * was created with, and never `session`.
 */
export const GRANT_SCOPES = ['read', 'trade', 'transfer', 'session'] as const;
export type GrantScope = (typeof GRANT_SCOPES)[number];

/**
 * The authorization scopes of a caller, as the schema's `@requiresScopes` names them: its role's (CUSTOMER ->
 * `customer`, ADMIN -> `admin`: admins operate the platform, they do not trade, so they do not hold `customer`) and
 * its credential's grants (every grant for a session, the key's for an API key). Anonymous: none.
 */
export function scopesOf(identity: Pick<Identity, 'role' | 'apiKey'> | null | undefined): ReadonlySet<string> {
  if (!identity) return NO_SCOPES;
  if (!identity.apiKey) return identity.role === 'ADMIN' ? ADMIN_SESSION_SCOPES : CUSTOMER_SESSION_SCOPES;
  const key = `${identity.role}|${identity.apiKey.scopes.join(',')}`;
  let scopes = keyScopes.get(key);
  if (!scopes) {
    scopes = new Set([identity.role === 'ADMIN' ? 'admin' : 'customer', ...identity.apiKey.scopes.filter((scope) => scope !== 'session')]);
    keyScopes.set(key, scopes);
  }
  return scopes;
}
const ADMIN_SESSION_SCOPES: ReadonlySet<string> = new Set(['admin', ...GRANT_SCOPES]);
const CUSTOMER_SESSION_SCOPES: ReadonlySet<string> = new Set(['customer', ...GRANT_SCOPES]);
const NO_SCOPES: ReadonlySet<string> = new Set();
/** Every combination of role and key scopes there is (two roles, eight sets of grants): a handful of sets. */
const keyScopes = new Map<string, ReadonlySet<string>>();

export interface JwtSettings {
  secret: string;
  issuer: string;
  audience: string;
  /** Access token lifetime in seconds. */
  ttlSeconds: number;
}

// Pinning the algorithm refuses `alg: none` and key-confusion tokens.
const ALGORITHM = 'HS256';

const keys = new Map<string, crypto.KeyObject>();

/**
 * The HMAC key of a secret, made once. Given the secret as a string, jsonwebtoken first tries to read it as a public
 * key on every sign and verify, which throws (a stack trace each time) before it falls back to a secret key: that
 * was the largest single cost of checking a token on every request, in the router and in every subgraph.
 */
export function hmacKey(secret: string): crypto.KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.createSecretKey(Buffer.from(secret));
    keys.set(secret, key);
  }
  return key;
}

/** Signs an access token for a user's session: `sub`, `role`, `sid`, `jti`, `iat`, `exp`, `iss`, `aud`. */
export function issueToken(settings: JwtSettings, subject: { userId: string; role: Role; sessionId: string }): string {
  return jwt.sign({ role: subject.role, sid: subject.sessionId }, hmacKey(settings.secret), {
    algorithm: ALGORITHM,
    subject: subject.userId,
    issuer: settings.issuer,
    audience: settings.audience,
    expiresIn: settings.ttlSeconds,
    jwtid: crypto.randomUUID(),
  });
}

/** Verifies signature, expiry, issuer and audience; any failure is UNAUTHENTICATED with a reason a person can act on. */
export function verifyToken(settings: JwtSettings, token: string): Identity {
  let claims: jwt.JwtPayload | string;
  try {
    claims = jwt.verify(token, hmacKey(settings.secret), { algorithms: [ALGORITHM], issuer: settings.issuer, audience: settings.audience });
  } catch (error) {
    const expired = error instanceof jwt.TokenExpiredError;
    throw userError(ErrorCode.UNAUTHENTICATED, expired ? 'Your session has expired: sign in again' : 'Invalid token: sign in again', {
      reason: expired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID',
    });
  }
  // A token without a session could never be revoked: it is not one of ours.
  if (typeof claims === 'string' || typeof claims.sub !== 'string' || !ROLES.includes(claims.role) || typeof claims.sid !== 'string') {
    throw userError(ErrorCode.UNAUTHENTICATED, 'Invalid token: sign in again', { reason: 'TOKEN_INVALID' });
  }
  return {
    userId: claims.sub,
    role: claims.role as Role,
    sessionId: claims.sid,
    ...(typeof claims.jti === 'string' ? { tokenId: claims.jti } : {}),
    ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp } : {}),
  };
}

/**
 * Reads an `Authorization` header: absent means anonymous (null); anything present must be a valid
 * `Bearer <jwt>`, never silently treated as anonymous.
 */
export function identityFromAuthorization(settings: JwtSettings, header: string | undefined | null): Identity | null {
  if (header === undefined || header === null || header === '') return null;
  const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header.trim());
  if (!match?.[1]) throw userError(ErrorCode.UNAUTHENTICATED, 'The Authorization header must be "Bearer <token>"', { reason: 'TOKEN_INVALID' });
  return verifyToken(settings, match[1]);
}

/** The identity of a signed-in caller, or UNAUTHENTICATED naming what needed it. */
export function requireIdentity(identity: Identity | null, what = 'this'): Identity {
  if (!identity) throw userError(ErrorCode.UNAUTHENTICATED, `Sign in to use ${what}`);
  return identity;
}

/** Allows the user themselves or an admin; anyone else gets FORBIDDEN. */
export function requireSelfOrAdmin(identity: Identity | null, userId: string, what = 'this'): Identity {
  const caller = requireIdentity(identity, what);
  if (caller.userId !== userId && caller.role !== 'ADMIN') throw userError(ErrorCode.FORBIDDEN, `You may not read ${what} of another user`);
  return caller;
}

/**
 * The HS256 secret: JWT_SECRET when set; otherwise one generated once and kept in the data folder, so every
 * process on this machine (and restarts) agree without any setup. Production requires JWT_SECRET (see config).
 */
export function resolveJwtSecret(config: { JWT_SECRET?: string | undefined; DATA_DIR: string }): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  return readOrCreateSecret(path.join(config.DATA_DIR, 'jwt-secret'));
}

/**
 * Reads a secret file, creating it with 48 random bytes first if missing. The file is written under a temporary
 * name and linked into place, so a process racing this one reads the whole secret or creates its own link attempt,
 * never a half-written file.
 */
export function readOrCreateSecret(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) {
    const temporary = `${file}.${process.pid}.${crypto.randomUUID()}.tmp`;
    fs.writeFileSync(temporary, crypto.randomBytes(48).toString('base64url'), { mode: 0o600 });
    try {
      fs.linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.unlinkSync(temporary);
    }
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`The secret in ${file} is shorter than 32 characters: delete the file to generate a new one`);
  return secret;
}

/** The key of the router's internal identities: INTERNAL_SECRET, or one generated once into the data folder. */
export function resolveInternalSecret(config: { INTERNAL_SECRET?: string | undefined; DATA_DIR: string }): string {
  return config.INTERNAL_SECRET ?? readOrCreateSecret(path.join(config.DATA_DIR, 'internal-secret'));
}

/** JWT settings from the common configuration. */
export function jwtSettings(config: {
  JWT_SECRET?: string | undefined;
  DATA_DIR: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  JWT_TTL_SECONDS: number;
}): JwtSettings {
  return { secret: resolveJwtSecret(config), issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, ttlSeconds: config.JWT_TTL_SECONDS };
}
