import type { Clock } from '../clock.js';

/** Wrong passwords for one username within FAILURE_WINDOW_MS that lock it. */
export const MAX_FAILED_LOGINS = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_MS = 15 * 60 * 1000;
/** Bounds memory when someone sprays made-up usernames (the per-address limit bounds one sprayer). */
export const MAX_TRACKED_USERNAMES = 10_000;

interface Attempts {
  failuresAt: number[];
  lockedUntil: number;
}

/**
 * Locks a username after repeated wrong passwords. Usernames that do not exist are
 * tracked and locked exactly the same way, so a lock says nothing about who exists.
 */
export class LoginLockout {
  private readonly attempts = new Map<string, Attempts>();

  constructor(private readonly clock: Clock) {}

  isLocked(username: string): boolean {
    return (this.attempts.get(username)?.lockedUntil ?? 0) > this.clock.now();
  }

  recordFailure(username: string): void {
    const now = this.clock.now();
    const entry = this.attempts.get(username) ?? { failuresAt: [], lockedUntil: 0 };
    entry.failuresAt = entry.failuresAt.filter((at) => at > now - FAILURE_WINDOW_MS);
    entry.failuresAt.push(now);
    if (entry.failuresAt.length >= MAX_FAILED_LOGINS) {
      entry.lockedUntil = now + LOCKOUT_MS;
      entry.failuresAt = [];
    }
    // Re-inserted so Map order is least-recently-failed first, which is what eviction drops.
    this.attempts.delete(username);
    this.attempts.set(username, entry);
    if (this.attempts.size > MAX_TRACKED_USERNAMES) this.evict(now);
  }

  recordSuccess(username: string): void {
    this.attempts.delete(username);
  }

  private evict(now: number): void {
    for (const [username, entry] of this.attempts) {
      const stale = entry.lockedUntil <= now && entry.failuresAt.every((at) => at <= now - FAILURE_WINDOW_MS);
      if (stale) this.attempts.delete(username);
    }
    // Still full of live entries: drop the oldest unlocked ones, never a lock.
    for (const [username, entry] of this.attempts) {
      if (this.attempts.size <= MAX_TRACKED_USERNAMES) break;
      if (entry.lockedUntil <= now) this.attempts.delete(username);
    }
  }
}
