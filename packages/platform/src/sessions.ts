import { apiKeyRevoked } from './api-keys';
import { ErrorCode, userError } from './errors';
import type { Identity } from './identity';
import type { EventBus, KeyValueStore } from './coordination/types';

/** The topic on which ended sessions are announced. */
export const SESSION_ENDED = 'session.ended';

/**
 * The fast check every request makes: has the caller's session ended? A session is revoked by signing out (or by a
 * password change, or by refresh-token reuse); its access tokens then stop working at once, on the router and in
 * every subgraph. The entries live in the shared store (Redis when configured) for as long as an access token can,
 * after which an expired token is refused anyway.
 */
export class RevokedSessions {
  constructor(
    private readonly store: KeyValueStore,
    /** The longest an access token lives, in seconds. */
    private readonly accessTokenTtlSeconds: number,
    /** Where ends are announced (`session.ended`), so routers close the session's open sockets at once. */
    private readonly events?: EventBus,
  ) {}

  /** Ends a session for every access token issued for it. */
  async revoke(sessionId: string): Promise<void> {
    await this.store.set(`session-ended:${sessionId}`, '1', this.accessTokenTtlSeconds + 60);
    await this.events?.publish(SESSION_ENDED, { sessionId });
  }

  /** True when the session was revoked. */
  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.store.get(`session-ended:${sessionId}`)) !== undefined;
  }

  /**
   * Throws UNAUTHENTICATED when the identity's session was revoked: SESSION_ENDED, or API_KEY_REVOKED for an API key
   * (its session is `apikey:<id>`, revoked when the key is: the marker outlives the router's cache of key records).
   */
  async check(identity: Identity | null): Promise<void> {
    if (identity && (await this.isRevoked(identity.sessionId))) throw identity.apiKey ? apiKeyRevoked() : sessionEnded();
  }
}

/** The refusal for a token whose session has ended. */
export function sessionEnded() {
  return userError(ErrorCode.UNAUTHENTICATED, 'Your session has ended (signed out): sign in again', {
    reason: 'SESSION_ENDED',
    http: { status: 401 },
  });
}
