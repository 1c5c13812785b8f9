import { type Coordination, ErrorCode, type RateLimiter, userError } from '@trading/platform';

/** Brute-force protection for sign-in and registration. */
export interface SignInLimits {
  /** Attempts per username per 15 minutes; a successful sign-in resets it. Default 10. */
  attemptsPerUsername: number;
  /** Attempts per client address per 15 minutes, successful or not. Default 50. */
  attemptsPerAddress: number;
  /** Registrations per client address per hour. Default 20. */
  registrationsPerAddress: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { attemptsPerUsername: 10, attemptsPerAddress: 50, registrationsPerAddress: 20 };

const refuse = (what: string, retryAfterSeconds: number) =>
  userError(ErrorCode.RATE_LIMITED, `Too many ${what}: retry in ${retryAfterSeconds} s`, { retryAfterSeconds });

/** The limiters, shared by every users instance through the coordination backend. */
export class SignInGuard {
  private readonly byUsername: RateLimiter;
  private readonly byAddress: RateLimiter;
  private readonly registrations: RateLimiter;

  constructor(coordination: Coordination, limits: SignInLimits) {
    this.byUsername = coordination.rateLimiter('login:username', { points: limits.attemptsPerUsername, durationSeconds: 15 * 60 });
    this.byAddress = coordination.rateLimiter('login:address', { points: limits.attemptsPerAddress, durationSeconds: 15 * 60 });
    this.registrations = coordination.rateLimiter('register:address', { points: limits.registrationsPerAddress, durationSeconds: 3600 });
  }

  /** Spends one sign-in attempt for the login name and the address; RATE_LIMITED before any password is checked. */
  async attempt(login: string, address: string): Promise<void> {
    const [byName, byAddress] = await Promise.all([this.byUsername.consume(login.trim().toLowerCase()), this.byAddress.consume(address)]);
    const refused = [byName, byAddress].filter((decision) => !decision.allowed);
    if (refused.length) throw refuse('sign-in attempts', Math.max(...refused.map((decision) => decision.retryAfterSeconds)));
  }

  /** A successful sign-in clears the login name's failures. */
  async succeeded(login: string): Promise<void> {
    await this.byUsername.reset(login.trim().toLowerCase());
  }

  /** Spends one registration for the address. */
  async registration(address: string): Promise<void> {
    const decision = await this.registrations.consume(address);
    if (!decision.allowed) throw refuse('registrations from this address', decision.retryAfterSeconds);
  }
}
