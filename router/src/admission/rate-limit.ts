import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { type AuditLog, type Coordination, ErrorCode, type Identity, type RateLimiter, userError } from '@trading/platform';

/** Requests per minute: per signed-in user, and per client address for anonymous callers. */
export interface RequestRateLimits {
  /** Default 600 (10 per second, sustained over a minute). */
  perUserPerMinute: number;
  /** Default 300. */
  perAddressPerMinute: number;
}

export const DEFAULT_REQUEST_RATE_LIMITS: RequestRateLimits = { perUserPerMinute: 600, perAddressPerMinute: 300 };

/** The RATE_LIMITED refusal: HTTP 429 with Retry-After, and the wait in `extensions.retryAfterSeconds`. */
export function rateLimited(retryAfterSeconds: number, what = 'requests') {
  return userError(ErrorCode.RATE_LIMITED, `Too many ${what}: retry in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
    http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
  });
}

/**
 * Counts each request against its caller's budget (the user, or the client address when anonymous), shared by
 * every router instance through the coordination backend. Runs while the request context is built, before parsing.
 */
export class RequestRateLimiter {
  private readonly users: RateLimiter;
  private readonly addresses: RateLimiter;

  constructor(
    coordination: Coordination,
    limits: RequestRateLimits,
    private readonly audit?: AuditLog,
  ) {
    this.users = coordination.rateLimiter('requests:user', { points: limits.perUserPerMinute, durationSeconds: 60 });
    this.addresses = coordination.rateLimiter('requests:address', { points: limits.perAddressPerMinute, durationSeconds: 60 });
  }

  /** Throws RATE_LIMITED when the caller's budget is spent; the first refusal of a window is audited. */
  async check(identity: Identity | null, clientIp: string, requestId: string): Promise<void> {
    const decision = identity ? await this.users.consume(identity.userId) : await this.addresses.consume(clientIp);
    if (decision.allowed) return;
    if (decision.firstRefusal) {
      this.audit?.recordInBackground({
        action: 'RATE_LIMITED',
        outcome: 'DENIED',
        actorId: identity?.userId ?? null,
        actorRole: identity?.role ?? null,
        subjectId: identity?.userId ?? null,
        reason: identity ? 'REQUESTS_PER_USER' : 'REQUESTS_PER_ADDRESS',
        ip: clientIp,
        requestId,
      });
    }
    throw rateLimited(decision.retryAfterSeconds);
  }
}

/**
 * Subgraphs refuse with RATE_LIMITED too (sign-in attempts): the router answers those with HTTP 429 and Retry-After,
 * the longest wait any of them asks for.
 */
export const rateLimitedAs429: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const waits = (response.body.singleResult.errors ?? [])
          .filter((error) => error.extensions?.code === ErrorCode.RATE_LIMITED)
          .map((error) => Number(error.extensions?.retryAfterSeconds ?? 1));
        if (waits.length === 0) return;
        response.http.status = 429;
        response.http.headers.set('retry-after', String(Math.max(...waits)));
      },
    };
  },
};
