import type { Clock } from '../clock.js';
import type { RateLimitConfig } from './securityConfig.js';
import { TokenBucket } from './tokenBucket.js';

/** Failed hellos from one address are forgiven over this window (the bucket refills in it). */
export const ADDRESS_FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Idle entries are swept once this many admissions have happened since the last sweep. */
const SWEEP_EVERY_ADMISSIONS = 1_000;
/** What Retry-After says when an address has too many connections open (one closing frees a slot). */
const CONCURRENT_RETRY_AFTER_MS = 1_000;

export type Admission = { ok: true } | { ok: false; reason: 'rate' | 'concurrent'; retryAfterMs: number };

interface AddressEntry {
  connections: TokenBucket;
  failedLogins: TokenBucket;
  open: number;
}

/**
 * Limits per remote address: new connections per second (with a burst), connections
 * open at once, and failed hellos. Knows nothing of sockets; the clock is injected.
 */
export class AddressGuard {
  private readonly entries = new Map<string, AddressEntry>();
  private admissionsSinceSweep = 0;

  constructor(
    private readonly clock: Clock,
    private readonly limits: RateLimitConfig,
  ) {}

  /**
   * Call on every upgrade request: takes a token from the address's connection bucket.
   * Open connections are counted by connectionOpened/connectionClosed, so a handshake
   * that never completes cannot leave a count behind.
   */
  admitConnection(address: string): Admission {
    if (++this.admissionsSinceSweep >= SWEEP_EVERY_ADMISSIONS) this.sweep();
    const entry = this.entry(address);
    if (entry.open >= this.limits.maxConnectionsPerAddress) {
      return { ok: false, reason: 'concurrent', retryAfterMs: CONCURRENT_RETRY_AFTER_MS };
    }
    if (!entry.connections.take(1)) return { ok: false, reason: 'rate', retryAfterMs: entry.connections.msUntil(1) };
    return { ok: true };
  }

  connectionOpened(address: string): void {
    this.entry(address).open += 1;
  }

  connectionClosed(address: string): void {
    const entry = this.entries.get(address);
    if (entry) entry.open = Math.max(0, entry.open - 1);
  }

  /** False while this address has used up its failed hellos. */
  loginAllowed(address: string): boolean {
    const entry = this.entries.get(address);
    return !entry || entry.failedLogins.msUntil(1) === 0;
  }

  recordFailedLogin(address: string): void {
    this.entry(address).failedLogins.drain(1);
  }

  /** Addresses currently tracked (for tests and the memory bound). */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets addresses with nothing open and nothing owed. */
  sweep(): void {
    this.admissionsSinceSweep = 0;
    for (const [address, entry] of this.entries) {
      if (entry.open === 0 && entry.connections.isFull() && entry.failedLogins.isFull()) this.entries.delete(address);
    }
  }

  private entry(address: string): AddressEntry {
    let entry = this.entries.get(address);
    if (!entry) {
      const failures = this.limits.failedLoginsPerAddress;
      entry = {
        connections: new TokenBucket(this.clock, this.limits.connectionBurst, this.limits.connectionsPerSecond),
        failedLogins: new TokenBucket(this.clock, failures, (failures * 1000) / ADDRESS_FAILURE_WINDOW_MS),
        open: 0,
      };
      this.entries.set(address, entry);
    }
    return entry;
  }
}
