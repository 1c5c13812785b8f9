import { type EventBus, type Identity, SESSION_ENDED } from '@trading/platform';

/** Why a connection held by a session must close. */
export type SessionEnd = 'ended' | 'expired';

/** What a connection opened with `identity` is told when it must close: a message and its stable reason. */
export function sessionEndOf(identity: Identity, why: SessionEnd): { message: string; reason: string } {
  if (identity.apiKey) {
    return why === 'expired'
      ? { message: 'API key expired: create a new one', reason: 'API_KEY_EXPIRED' }
      : { message: 'API key revoked: create a new one', reason: 'API_KEY_REVOKED' };
  }
  return why === 'expired'
    ? { message: 'Token expired: sign in again', reason: 'TOKEN_EXPIRED' }
    : { message: 'Session ended: sign in again', reason: 'SESSION_ENDED' };
}

/**
 * What each session holds open (sockets, HTTP streams), closed as soon as the session ends (on any instance: the
 * event travels through the coordination bus) or its credential expires: a connection lives no longer than the
 * credential that opened it.
 */
export class SessionWatch {
  private readonly bySession = new Map<string, Set<(why: SessionEnd) => void>>();
  private stopListening: (() => Promise<void>) | undefined;

  async start(events: EventBus): Promise<void> {
    this.stopListening = await events.subscribe(SESSION_ENDED, (payload) => {
      const sessionId = (payload as { sessionId?: string }).sessionId;
      for (const close of (sessionId && this.bySession.get(sessionId)) || []) close('ended');
    });
  }

  /** Holds a connection for `identity`'s session: `close` is called once when it ends. Returns the release. */
  hold(identity: Identity, close: (why: SessionEnd) => void): () => void {
    const held = this.bySession.get(identity.sessionId) ?? new Set();
    this.bySession.set(identity.sessionId, held);
    let done = false;
    const once = (why: SessionEnd) => {
      if (done) return;
      release();
      close(why);
    };
    // (A timer cannot wait longer than 2^31 - 1 ms, about 24 days: a credential that lives longer is not timed.)
    const wait = identity.expiresAt === undefined ? Infinity : Math.max(0, identity.expiresAt * 1000 - Date.now());
    const expiry = wait < 2 ** 31 - 1 ? setTimeout(() => once('expired'), wait) : undefined;
    const release = () => {
      done = true;
      clearTimeout(expiry);
      held.delete(once);
      if (held.size === 0 && this.bySession.get(identity.sessionId) === held) this.bySession.delete(identity.sessionId);
    };
    held.add(once);
    return release;
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
  }
}
