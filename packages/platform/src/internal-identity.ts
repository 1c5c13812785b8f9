import jwt from 'jsonwebtoken';
import { ErrorCode, userError } from './errors';
import { GRANT_SCOPES, hmacKey, ROLES, type GrantScope, type Identity, type Role } from './identity';

const isKeyGrant = (scope: string): scope is GrantScope => scope !== 'session' && (GRANT_SCOPES as readonly string[]).includes(scope);

/**
 * Subgraphs accept requests from the router (and from each other) only. The router verifies the caller's access
 * token, then signs the identity it proved into a short-lived internal token with a key only the backend holds
 * (`INTERNAL_SECRET`); subgraphs verify that token instead of trusting any header. A client's own access token
 * sent straight to a subgraph is refused, and so is an internal token older than a minute.
 */

/** What a subgraph learns about a request from its internal token. */
export interface InternalCaller {
  /** The signed-in user, or null for an anonymous request. */
  identity: Identity | null;
  /** The client's IP address as the router saw it. */
  clientIp?: string;
  /** The service that made the call when it is not on behalf of a user request (e.g. `orders`). */
  service?: string;
}

const ALGORITHM = 'HS256';
const ISSUER = 'trading-router';
const AUDIENCE = 'trading-subgraphs';
/** Internal tokens live one minute: long enough for a request, useless if leaked from a log. */
export const INTERNAL_TOKEN_TTL_SECONDS = 60;

interface Claims {
  sub?: string;
  role?: Role;
  sid?: string;
  jti?: string;
  ip?: string;
  svc?: string;
  /** An API key's id and grants (absent for a session). */
  kid?: string;
  kscp?: string[];
  /** When the caller's credential expires (epoch seconds): a subgraph refuses the identity past it. */
  cexp?: number;
}

/** Signs an internal token for a caller (a user request seen by the router, or a service). */
export function signInternalToken(secret: string, caller: InternalCaller): string {
  const claims: Claims = {
    ...(caller.identity ? { sub: caller.identity.userId, role: caller.identity.role, sid: caller.identity.sessionId } : {}),
    ...(caller.identity?.tokenId ? { jti: caller.identity.tokenId } : {}),
    ...(caller.identity?.apiKey ? { kid: caller.identity.apiKey.id, kscp: [...caller.identity.apiKey.scopes] } : {}),
    ...(caller.identity?.expiresAt ? { cexp: caller.identity.expiresAt } : {}),
    ...(caller.clientIp ? { ip: caller.clientIp } : {}),
    ...(caller.service ? { svc: caller.service } : {}),
  };
  return jwt.sign(claims, hmacKey(secret), { algorithm: ALGORITHM, issuer: ISSUER, audience: AUDIENCE, expiresIn: INTERNAL_TOKEN_TTL_SECONDS });
}

/** Verifies a subgraph request's `Authorization` header; anything but a valid internal token is UNAUTHENTICATED. */
export function verifyInternalAuthorization(secret: string, header: string | undefined): InternalCaller {
  const refuse = () =>
    userError(ErrorCode.UNAUTHENTICATED, 'This service only accepts requests from the router: send your request to the router', {
      reason: 'NOT_FROM_ROUTER',
      http: { status: 401 },
    });
  const token = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header ?? '')?.[1];
  if (!token) throw refuse();
  let claims: jwt.JwtPayload & Claims;
  try {
    const verified = jwt.verify(token, hmacKey(secret), { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE });
    if (typeof verified === 'string') throw refuse();
    claims = verified;
  } catch {
    throw refuse();
  }
  const identity: Identity | null =
    claims.sub && claims.role && claims.sid && ROLES.includes(claims.role)
      ? {
          userId: claims.sub,
          role: claims.role,
          sessionId: claims.sid,
          ...(claims.jti ? { tokenId: claims.jti } : {}),
          ...(claims.kid ? { apiKey: { id: claims.kid, scopes: (claims.kscp ?? []).filter(isKeyGrant) } } : {}),
          ...(typeof claims.cexp === 'number' ? { expiresAt: claims.cexp } : {}),
        }
      : null;
  // The router refuses an expired credential; a subgraph does too, should an identity reach it later.
  if (identity?.expiresAt !== undefined && identity.expiresAt * 1000 <= Date.now()) {
    throw userError(
      ErrorCode.UNAUTHENTICATED,
      identity.apiKey ? 'This API key has expired: create a new one' : 'Your session has expired: sign in again',
      {
        reason: identity.apiKey ? 'API_KEY_EXPIRED' : 'TOKEN_EXPIRED',
        http: { status: 401 },
      },
    );
  }
  return { identity, ...(claims.ip ? { clientIp: claims.ip } : {}), ...(claims.svc ? { service: claims.svc } : {}) };
}

/**
 * Signs internal tokens and reuses each for half its life, so a busy router does not sign on every request.
 * Keyed by everything the token carries; bounded in size.
 */
export class InternalTokenSigner {
  private readonly cache = new Map<string, { token: string; renewAt: number }>();

  constructor(
    private readonly secret: string,
    /** Most tokens kept; default 10,000. */
    private readonly maxEntries = 10_000,
  ) {}

  /** A valid internal token for this caller. */
  tokenFor(caller: InternalCaller): string {
    // The session id names the API key, whose grants and expiry are fixed at its creation.
    const key = `${caller.identity?.userId ?? ''}|${caller.identity?.role ?? ''}|${caller.identity?.sessionId ?? ''}|${caller.identity?.tokenId ?? ''}|${caller.identity?.expiresAt ?? ''}|${caller.clientIp ?? ''}|${caller.service ?? ''}`;
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached && cached.renewAt > now) return cached.token;
    const token = signInternalToken(this.secret, caller);
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, { token, renewAt: now + (INTERNAL_TOKEN_TTL_SECONDS * 1000) / 2 });
    return token;
  }
}
