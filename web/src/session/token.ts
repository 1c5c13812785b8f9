/** The roles the platform knows; only ADMIN sees the admin pages. */
export type Role = 'CUSTOMER' | 'ADMIN';

/** What the app reads from an access token: who, which role, until when. The router verifies it; the app only reads it. */
export interface TokenClaims {
  userId: string;
  role: Role | null;
  /** Expiry in milliseconds since the epoch, or null when the token has none. */
  expiresAtMs: number | null;
}

function base64UrlDecode(segment: string): string {
  const base64 = segment
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Reads the claims of a JWT without verifying it; null when it is not a JWT. */
export function readTokenClaims(token: string): TokenClaims | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(base64UrlDecode(payload)) as { sub?: unknown; role?: unknown; exp?: unknown };
    if (typeof claims.sub !== 'string') return null;
    return {
      userId: claims.sub,
      role: claims.role === 'ADMIN' || claims.role === 'CUSTOMER' ? claims.role : null,
      expiresAtMs: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
    };
  } catch {
    return null;
  }
}
