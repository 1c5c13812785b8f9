import { readTokenClaims, type Role } from './token';

/** A signed-in session as kept in localStorage. */
export interface Session {
  /** The access token (JWT) sent as `Authorization: Bearer` and in the graphql-ws `connection_init` payload. */
  token: string;
  /** When `token` expires (ISO 8601). */
  expiresAt: string;
  /** The one-use refresh token. */
  refreshToken: string;
  user: { id: string; username: string; role: Role };
}

/** The answer of `register`, `login` and `refreshToken`, as much of it as a session needs. */
export interface AuthPayload {
  token: string;
  expiresAt: string;
  refreshToken: string;
  user: { id: string; username: string; role: Role };
}

/** A refresh that worked, one the server refused (the session is over), or one that could not be made (network). */
export type RefreshOutcome = { ok: true; payload: AuthPayload } | { ok: false; rejected: boolean };

/** Why the last session ended: the trader signed out, or it could not be kept alive. */
export type SessionEnd = 'signed-out' | 'expired';

export interface SessionStoreOptions {
  /** Where the session is kept; default `window.localStorage`. */
  storage?: Storage;
  /** Exchanges a refresh token for a new session. */
  refresh: (refreshToken: string) => Promise<RefreshOutcome>;
  /** Refresh this long before the access token expires; default 60 000 ms. */
  refreshMarginMs?: number;
  /** The clock; default `Date.now`. */
  now?: () => number;
  /** Serialises refreshes across tabs (the Web Locks API); default `navigator.locks` where there is one. */
  locks?: Pick<LockManager, 'request'> | null;
}

/** The localStorage key of the session. */
export const SESSION_KEY = 'trading.session';
const LOCK_NAME = 'trading.session.refresh';
const RETRY_AFTER_NETWORK_FAILURE_MS = 15_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Session>;
  return (
    typeof candidate.token === 'string' &&
    typeof candidate.expiresAt === 'string' &&
    typeof candidate.refreshToken === 'string' &&
    typeof candidate.user === 'object' &&
    candidate.user !== null &&
    typeof candidate.user.id === 'string'
  );
}

/**
 * The trader's session: keeps it in localStorage, refreshes the access token before it expires (once at a time, and
 * once across tabs, since a refresh token used twice ends the session), and tells listeners when it changes or ends.
 */
export class SessionStore {
  private session: Session | null;
  private readonly storage: Storage;
  private readonly refreshMarginMs: number;
  private readonly now: () => number;
  private readonly locks: Pick<LockManager, 'request'> | null;
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ended: SessionEnd | null = null;
  private endNotice: string | null = null;
  private endingSession = false;

  constructor(private readonly options: SessionStoreOptions) {
    this.storage = options.storage ?? window.localStorage;
    this.refreshMarginMs = options.refreshMarginMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.locks = options.locks !== undefined ? options.locks : typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
    this.session = this.read();
    this.schedule();
  }

  /** The current session, or null when signed out. Stable between changes (for `useSyncExternalStore`). */
  get current(): Session | null {
    return this.session;
  }

  /** Why the previous session ended, until the next sign-in. */
  get lastEnd(): SessionEnd | null {
    return this.ended;
  }

  /**
   * What the sign-in page should say about the last sign-out when "You signed out." is not all of it (how many
   * sessions a sign-out everywhere ended); null otherwise, and from the next sign-in.
   */
  get lastEndNotice(): string | null {
    return this.endNotice;
  }

  /**
   * True while `signOut` waits for the server to end the session. The server closes the session's sockets (4401) and
   * refuses its tokens as soon as it has ended it, possibly before its answer arrives: none of that calls for a refresh.
   */
  get ending(): boolean {
    return this.endingSession;
  }

  /** The role in the access token, which decides what the app offers (the router decides what is allowed). */
  get role(): Role | null {
    return this.session ? (readTokenClaims(this.session.token)?.role ?? this.session.user.role) : null;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts a session from the answer of `register` or `login`. */
  signIn(payload: AuthPayload): void {
    this.ended = null;
    this.endNotice = null;
    this.endingSession = false;
    this.replace(this.fromPayload(payload));
  }

  /** Ends the session locally (the caller has already told the server, or the server ended it). */
  end(reason: SessionEnd, notice: string | null = null): void {
    this.endingSession = false;
    if (!this.session) return;
    this.ended = reason;
    this.endNotice = reason === 'signed-out' ? notice : null;
    this.replace(null);
  }

  /**
   * A deliberate sign-out: marks the session as ending, so nothing refreshes it any more (a refresh would spend the
   * refresh token of a session the server is ending), runs `tellServer` (the `logout` mutation), then ends the session
   * locally, whether or not the server could be told. A refresh already under way is let finish first, so the server
   * is told with the newest token. `notice`, given what the server answered (or that it could not be told), says what
   * the sign-in page shows instead of "You signed out." (`lastEndNotice`).
   */
  async signOut<T>(tellServer: () => Promise<T>, notice?: (told: { ok: true; answer: T } | { ok: false }) => string): Promise<void> {
    if (!this.session) return;
    if (this.refreshing) await this.refreshing.catch(() => false);
    if (!this.session) return;
    this.endingSession = true;
    let said: string | null = null;
    try {
      const answer = await tellServer();
      said = notice?.({ ok: true, answer }) ?? null;
    } catch {
      // Already ended, or the server is unreachable: the session ends here anyway.
      said = notice?.({ ok: false }) ?? null;
    } finally {
      this.end('signed-out', said);
    }
  }

  /** An access token good for at least a few seconds more, refreshing first when needed; null when signed out. */
  async accessToken(): Promise<string | null> {
    if (this.session && !this.endingSession && this.expiresWithin(this.session, 5_000)) await this.refresh();
    return this.session?.token ?? null;
  }

  /**
   * Exchanges the refresh token for a new session, once at a time. True when a fresh session is in place; a refusal
   * by the server ends the session as expired; a network failure keeps it (the next request tries again). False at
   * once, without asking the server, while the session is ending (`signOut`).
   */
  refresh(): Promise<boolean> {
    if (!this.session || this.endingSession) return Promise.resolve(false);
    this.refreshing ??= this.withLock(() => this.refreshNow()).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Picks up a session that another tab signed in, refreshed or ended (the `storage` event). */
  syncFromStorage(): void {
    const stored = this.read();
    if (stored?.token === this.session?.token) return;
    if (!stored) {
      this.ended = 'signed-out';
      this.endNotice = null;
    }
    this.session = stored;
    this.schedule();
    this.notify();
  }

  /** Stops the refresh timer. */
  dispose(): void {
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  private async refreshNow(): Promise<boolean> {
    const held = this.session;
    const stored = this.read();
    // Another tab may have refreshed while this one waited for the lock: its refresh token is the live one now.
    if (stored && held && stored.refreshToken !== held.refreshToken && !this.expiresWithin(stored, this.refreshMarginMs)) {
      this.session = stored;
      this.schedule();
      this.notify();
      return true;
    }
    const current = stored ?? held;
    if (!current) return false;
    const outcome = await this.options.refresh(current.refreshToken);
    if (outcome.ok) {
      this.replace(this.fromPayload(outcome.payload));
      return true;
    }
    if (outcome.rejected) this.end('expired');
    // The network failed, not the session: try again shortly (requests also refresh on their own before sending).
    else this.schedule(RETRY_AFTER_NETWORK_FAILURE_MS);
    return false;
  }

  private withLock<T>(work: () => Promise<T>): Promise<T> {
    return this.locks ? (this.locks.request(LOCK_NAME, work) as Promise<T>) : work();
  }

  private fromPayload(payload: AuthPayload): Session {
    return {
      token: payload.token,
      expiresAt: payload.expiresAt,
      refreshToken: payload.refreshToken,
      user: { id: payload.user.id, username: payload.user.username, role: payload.user.role },
    };
  }

  private expiresWithin(session: Session, ms: number): boolean {
    const expiresAt = Date.parse(session.expiresAt);
    return Number.isNaN(expiresAt) || expiresAt - this.now() <= ms;
  }

  private replace(session: Session | null): void {
    this.session = session;
    if (session) this.storage.setItem(SESSION_KEY, JSON.stringify(session));
    else this.storage.removeItem(SESSION_KEY);
    this.schedule();
    this.notify();
  }

  private schedule(afterMs?: number): void {
    clearTimeout(this.timer);
    if (!this.session) return;
    const untilDue = Date.parse(this.session.expiresAt) - this.now() - this.refreshMarginMs;
    const delay = afterMs ?? (Number.isNaN(untilDue) ? 0 : Math.max(0, untilDue));
    // setTimeout fires at once for delays beyond 2^31 - 1 ms.
    this.timer = setTimeout(() => void this.refresh(), Math.min(delay, MAX_TIMER_MS));
  }

  private read(): Session | null {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(SESSION_KEY) ?? 'null');
      return isSession(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
