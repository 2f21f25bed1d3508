import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** One logged-in person. */
export interface Session {
  readonly id: string;
  readonly user: string;
  /** Sent back in every form; an action without it is refused (CSRF). */
  readonly csrf: string;
  readonly expiresAt: number;
}

const WINDOW_MS = 15 * 60_000;

/**
 * Sessions in memory (a restart logs everyone out, which is fine for one seller), the password
 * check in constant time, and a failed-login counter per client address.
 */
export class ConsoleAuth {
  readonly #sessions = new Map<string, Session>();
  readonly #failures = new Map<string, { count: number; since: number }>();
  readonly #username: string;
  readonly #passwordHash: Buffer;
  readonly #ttlMs: number;
  readonly #maxAttempts: number;
  readonly #now: () => number;

  constructor(options: {
    username: string;
    password: string;
    sessionHours: number;
    maxLoginAttempts: number;
    now?: (() => number) | undefined;
  }) {
    this.#username = options.username;
    this.#passwordHash = digest(options.password);
    this.#ttlMs = options.sessionHours * 3_600_000;
    this.#maxAttempts = options.maxLoginAttempts;
    this.#now = options.now ?? Date.now;
  }

  /** Minutes the address must wait, or 0 when it may try. */
  throttledFor(address: string): number {
    const entry = this.#failures.get(address);
    if (entry === undefined) return 0;
    const left = entry.since + WINDOW_MS - this.#now();
    if (left <= 0) {
      this.#failures.delete(address);
      return 0;
    }
    return entry.count >= this.#maxAttempts ? Math.ceil(left / 60_000) : 0;
  }

  /** A new session for the right user name and password; `undefined` (and one failure) else. */
  login(address: string, username: string, password: string): Session | undefined {
    // Both compared, always, so the answer time does not tell which one was wrong.
    const userOk = timingSafeEqual(digest(username), digest(this.#username));
    const passwordOk = timingSafeEqual(digest(password), this.#passwordHash);
    if (!userOk || !passwordOk) {
      const entry = this.#failures.get(address);
      if (entry === undefined || entry.since + WINDOW_MS <= this.#now()) {
        this.#failures.set(address, { count: 1, since: this.#now() });
      } else entry.count++;
      return undefined;
    }
    this.#failures.delete(address);
    const session: Session = {
      id: randomBytes(32).toString('base64url'),
      user: this.#username,
      csrf: randomBytes(24).toString('base64url'),
      expiresAt: this.#now() + this.#ttlMs,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  session(id: string | undefined): Session | undefined {
    if (id === undefined) return undefined;
    const session = this.#sessions.get(id);
    if (session === undefined) return undefined;
    if (session.expiresAt <= this.#now()) {
      this.#sessions.delete(id);
      return undefined;
    }
    return session;
  }

  logout(id: string | undefined): void {
    if (id !== undefined) this.#sessions.delete(id);
  }

  /** Whether a form's token is this session's, in constant time. */
  static csrfMatches(session: Session, token: unknown): boolean {
    return typeof token === 'string' && timingSafeEqual(digest(token), digest(session.csrf));
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
