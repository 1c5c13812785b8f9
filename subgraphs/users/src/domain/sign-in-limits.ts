import { type Coordination, ErrorCode, type RateLimiter, userError } from '@trading/platform';

/** Brute-force protection for sign-in and registration. */
export interface SignInLimits {
  /**
   * Attempts per account per 15 minutes, by username and email together; a successful sign-in resets it. A login
   * that names no account is counted by that name instead. Default 10. (The name is kept for the setting,
   * LOGIN_ATTEMPTS_PER_USERNAME.)
   */
  attemptsPerUsername: number;
  /** Attempts per client address per 15 minutes, successful or not. Default 50. */
  attemptsPerAddress: number;
  /** Registrations per client address per hour. Default 20. */
  registrationsPerAddress: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { attemptsPerUsername: 10, attemptsPerAddress: 50, registrationsPerAddress: 20 };

const refuse = (what: string, retryAfterSeconds: number) =>
  userError(ErrorCode.RATE_LIMITED, `Too many ${what}: retry in ${retryAfterSeconds} s`, { retryAfterSeconds });

/**
 * Sign-in attempts are counted per account, so its username and its email share one budget; a login that resolved
 * to no account is counted by the normalized name, so an unknown name is limited exactly like a known one and the
 * answers do not tell them apart.
 */
const accountKey = (userId: string) => `user:${userId}`;
const unknownLoginKey = (login: string) => `name:${login.trim().toLowerCase()}`;

/** The limiters, shared by every users instance through the coordination backend. */
export class SignInGuard {
  private readonly byAccount: RateLimiter;
  private readonly byAddress: RateLimiter;
  private readonly registrations: RateLimiter;

  constructor(coordination: Coordination, limits: SignInLimits) {
    this.byAccount = coordination.rateLimiter('login:account', { points: limits.attemptsPerUsername, durationSeconds: 15 * 60 });
    this.byAddress = coordination.rateLimiter('login:address', { points: limits.attemptsPerAddress, durationSeconds: 15 * 60 });
    this.registrations = coordination.rateLimiter('register:address', { points: limits.registrationsPerAddress, durationSeconds: 3600 });
  }

  /**
   * Spends one sign-in attempt for the account `login` resolved to (`userId`, undefined when it named none) and
   * for the address; RATE_LIMITED before any password is checked.
   */
  async attempt(login: string, userId: string | undefined, address: string): Promise<void> {
    const account = userId === undefined ? unknownLoginKey(login) : accountKey(userId);
    const [byAccount, byAddress] = await Promise.all([this.byAccount.consume(account), this.byAddress.consume(address)]);
    const refused = [byAccount, byAddress].filter((decision) => !decision.allowed);
    if (refused.length) throw refuse('sign-in attempts', Math.max(...refused.map((decision) => decision.retryAfterSeconds)));
  }

  /** A successful sign-in clears the account's failures, whichever of its names they were made with. */
  async succeeded(userId: string): Promise<void> {
    await this.byAccount.reset(accountKey(userId));
  }

  /** Spends one registration for the address. */
  async registration(address: string): Promise<void> {
    const decision = await this.registrations.consume(address);
    if (!decision.allowed) throw refuse('registrations from this address', decision.retryAfterSeconds);
  }
}
