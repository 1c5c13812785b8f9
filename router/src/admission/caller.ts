import {
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

/**
 * The first admission steps, before any operation is read: who is calling (credentials: today the access token),
 * whether their session has ended (revocation), and whether they have requests left (rate limit). Every transport
 * calls these; a socket identifies its caller once, at `connection_init`, and spends the rate limit per operation.
 */
export class CallerAdmission {
  constructor(
    private readonly deps: {
      jwt: JwtSettings;
      revoked: RevokedSessions;
      rateLimiter: RequestRateLimiter;
    },
  ) {}

  /**
   * Credentials and revocation: the verified identity (with its expiry), or null when none was given. A credential
   * that is present but invalid, expired or of an ended session is UNAUTHENTICATED (HTTP 401), never anonymous.
   */
  async identify(authorization: string | undefined): Promise<Identity | null> {
    let identity: Identity | null;
    try {
      identity = identityFromAuthorization(this.deps.jwt, authorization);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
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

  /** Rate limit: one request of the caller's budget (the user's, or the address's when anonymous); RATE_LIMITED (429). */
  async spend(context: RouterContext): Promise<void> {
    try {
      await this.deps.rateLimiter.check(context.identity, context.clientIp ?? 'unknown', context.requestId);
    } catch (error) {
      if (error instanceof CoordinationUnavailableError) throw unavailable(error);
      throw error;
    }
  }

  /** Every caller step of one request: identify, then spend. */
  async admit(authorization: string | undefined, clientIp: string | undefined, requestId: string): Promise<RouterContext> {
    const identity = await this.identify(authorization);
    const context: RouterContext = { identity, ...(clientIp ? { clientIp } : {}), requestId };
    await this.spend(context);
    return context;
  }
}
