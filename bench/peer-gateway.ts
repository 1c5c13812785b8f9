import { hmacKey, ROLES, type Identity } from '@trading/platform';
import jwt from 'jsonwebtoken';

// What the peer gateways of `npm run bench` (stock-gateway.ts, hive-gateway.ts) need beyond their defaults, the same
// for both: their settings, and the caller's identity, from which each signs the internal token the subgraphs require.

/** A required setting of the peer's process. */
export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

/**
 * The identity of a verified access token (the claims issueToken writes: sub, role, sid, jti); null without one.
 * Verified once per request with HS256 and JWT_SECRET, as the router does.
 */
export function identityOf(authorization: string | null | undefined, secret: string): Identity | null {
  if (!authorization?.startsWith('Bearer ')) return null;
  // The same cheap key as the platform's (a string secret makes jsonwebtoken throw and catch on every verify).
  const claims = jwt.verify(authorization.slice('Bearer '.length), hmacKey(secret), { algorithms: ['HS256'] });
  if (typeof claims === 'string' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || !ROLES.includes(claims.role)) {
    throw new Error('not an access token of this platform');
  }
  return {
    userId: claims.sub,
    role: claims.role as Identity['role'],
    sessionId: claims.sid,
    ...(typeof claims.jti === 'string' ? { tokenId: claims.jti } : {}),
  };
}
