import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { type AuditLog, type Coordination, ErrorCode, type Identity, type RateLimiter, userError } from '@trading/platform';

/** Requests per minute: per signed-in user, per API key, and per client address for anonymous callers. */
export interface RequestRateLimits {
  /** Default 600 (10 per second, sustained over a minute). */
  perUserPerMinute: number;
  /** Default 600: each key of a user has a budget of its own, apart from the user's signed-in sessions. */
  perKeyPerMinute: number;
  /** Default 300. */
  perAddressPerMinute: number;
}

export const DEFAULT_REQUEST_RATE_LIMITS: RequestRateLimits = { perUserPerMinute: 600, perKeyPerMinute: 600, perAddressPerMinute: 300 };

/**
 * The budget a request was counted against, for the quota headers every answer carries (IETF
 * draft-ietf-httpapi-ratelimit-headers: `RateLimit-Policy: "user";q=600;w=60` and `RateLimit: "user";r=599;t=42`):
 * the policy's name (`user`, `key` or `address`), its limit per window, what is left and when the window ends.
 */
export interface Quota {
  policy: 'user' | 'key' | 'address';
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/** The quota headers of an answer, as name-value pairs. */
export function quotaHeaders(quota: Quota): [string, string][] {
  return [
    ['ratelimit-policy', `"${quota.policy}";q=${quota.limit};w=${WINDOW_SECONDS}`],
    ['ratelimit', `"${quota.policy}";r=${quota.remaining};t=${quota.resetSeconds}`],
  ];
}

const WINDOW_SECONDS = 60;

/** The RATE_LIMITED refusal: HTTP 429 with Retry-After (and the quota headers), the wait in `extensions.retryAfterSeconds`. */
export function rateLimited(retryAfterSeconds: number, what = 'requests', quota?: Quota) {
  return userError(ErrorCode.RATE_LIMITED, `Too many ${what}: retry in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
    http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)], ...(quota ? quotaHeaders(quota) : [])]) },
  });
}

/**
 * Counts each request against its caller's budget (the user, or the client address when anonymous), shared by
 * every router instance through the coordination backend. Runs while the request context is built, before parsing.
 */
export class RequestRateLimiter {
  private readonly budgets: Record<Quota['policy'], { limiter: RateLimiter; limit: number }>;

  constructor(
    coordination: Coordination,
    limits: RequestRateLimits,
    private readonly audit?: AuditLog,
  ) {
    const budget = (name: string, limit: number) => ({
      limiter: coordination.rateLimiter(name, { points: limit, durationSeconds: WINDOW_SECONDS }),
      limit,
    });
    this.budgets = {
      user: budget('requests:user', limits.perUserPerMinute),
      key: budget('requests:key', limits.perKeyPerMinute),
      address: budget('requests:address', limits.perAddressPerMinute),
    };
  }

  /**
   * Spends one request of the caller's budget (an API key's own, a signed-in user's, or the address's when
   * anonymous) and answers what is left; RATE_LIMITED when it is spent, the first refusal of a window audited.
   */
  async check(identity: Identity | null, clientIp: string, requestId: string): Promise<Quota> {
    const policy = identity?.apiKey ? 'key' : identity ? 'user' : 'address';
    const { limiter, limit } = this.budgets[policy];
    const decision = await limiter.consume(identity?.apiKey ? identity.apiKey.id : identity ? identity.userId : clientIp);
    const quota: Quota = { policy, limit, remaining: decision.remaining, resetSeconds: decision.resetSeconds };
    if (decision.allowed) return quota;
    if (decision.firstRefusal) {
      this.audit?.recordInBackground({
        action: 'RATE_LIMITED',
        outcome: 'DENIED',
        actorId: identity?.userId ?? null,
        actorRole: identity?.role ?? null,
        subjectId: identity?.userId ?? null,
        reason: identity?.apiKey ? 'REQUESTS_PER_KEY' : identity ? 'REQUESTS_PER_USER' : 'REQUESTS_PER_ADDRESS',
        ip: clientIp,
        requestId,
        ...(identity?.apiKey ? { details: { keyId: identity.apiKey.id } } : {}),
      });
    }
    throw rateLimited(decision.retryAfterSeconds, 'requests', quota);
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
