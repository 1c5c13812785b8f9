import {
  type ApiKeyVerifier,
  CoordinationUnavailableError,
  ErrorCode,
  identityFromAuthorization,
  type Identity,
  type JwtSettings,
  type RevokedSessions,
  userError,
} from '@trading/platform';
import { GraphQLError } from 'graphql';
import type { RouterContext } from '../context';
import type { RequestRateLimiter } from './rate-limit';

/** Redis unreachable: 503 with Retry-After over HTTP (the code is the same on every transport). */
function unavailable(error: CoordinationUnavailableError): GraphQLError {
  return userError(ErrorCode.SERVICE_UNAVAILABLE, error.message, { http: { status: 503, headers: new Map([['retry-after', '1']]) } }, error);
}

/** `ApiKey <secret>` (the scheme's name in any case, as HTTP has it). */
const API_KEY = /^apikey +(\S+)$/i;

/**
 * The first admission steps, before any operation is read: who is calling (credentials: an access token, `Bearer
 * <jwt>`, or an API key, `ApiKey <secret>`), whether their session or key has ended (revocation), and whether they
 * have requests left (rate limit). Every transport calls these; a socket identifies its caller once, at
 * `connection_init`, and spends the rate limit per operation.
 */
export class CallerAdmission {
  constructor(
    private readonly deps: {
      jwt: JwtSettings;
      revoked: RevokedSessions;
      rateLimiter: RequestRateLimiter;
      /** Resolves API keys; without it (a router with no database) an API key is refused. */
      apiKeys?: ApiKeyVerifier;
    },
  ) {}

  /**
   * Credentials and revocation: the verified identity (with its expiry), or null when none was given. A credential
   * that is present but invalid, expired, revoked or of an ended session is UNAUTHENTICATED (HTTP 401), never
   * anonymous; an API key used from outside its allowlist (`clientIp`, as TRUST_PROXY has it) is FORBIDDEN (403).
   */
  async identify(authorization: string | undefined, clientIp: string | undefined): Promise<Identity | null> {
    let identity: Identity | null;
    try {
      const key = API_KEY.exec(authorization?.trim() ?? '')?.[1];
      if (key !== undefined) {
        if (!this.deps.apiKeys) throw userError(ErrorCode.UNAUTHENTICATED, 'This router accepts no API keys', { reason: 'API_KEY_INVALID' });
        identity = await this.deps.apiKeys.verify(key, clientIp);
      } else identity = identityFromAuthorization(this.deps.jwt, authorization);
    } catch (error) {
      if (error instanceof CoordinationUnavailableError) throw unavailable(error);
      if (!(error instanceof GraphQLError)) throw error;
      // A key outside its allowlist (FORBIDDEN, 403) or a database that cannot be read (SERVICE_UNAVAILABLE, 503).
      if (error.extensions.code !== ErrorCode.UNAUTHENTICATED) throw error;
      throw userError(ErrorCode.UNAUTHENTICATED, error.message, { ...error.extensions, http: { status: 401 } });
    }
    try {
      await this.deps.revoked.check(identity);
    } catch (error) {
      if (error instanceof CoordinationUnavailableError) throw unavailable(error);
      throw error;
    }
    return identity;
  }

  /**
   * Rate limit: one request of the caller's budget (the key's, the user's, or the address's when anonymous), kept in
   * `context.quota` for the quota headers; RATE_LIMITED (429).
   */
  async spend(context: RouterContext): Promise<void> {
    try {
      context.quota = await this.deps.rateLimiter.check(context.identity, context.clientIp ?? 'unknown', context.requestId);
    } catch (error) {
      if (error instanceof CoordinationUnavailableError) throw unavailable(error);
      throw error;
    }
  }

  /** Every caller step of one request: identify, then spend. */
  async admit(authorization: string | undefined, clientIp: string | undefined, requestId: string): Promise<RouterContext> {
    const identity = await this.identify(authorization, clientIp);
    const context: RouterContext = { identity, ...(clientIp ? { clientIp } : {}), requestId };
    await this.spend(context);
    return context;
  }
}
