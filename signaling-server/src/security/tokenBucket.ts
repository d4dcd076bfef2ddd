import type { Clock } from '../clock.js';

/**
 * The classic token bucket: holds up to `capacity` tokens, refills `ratePerSecond`
 * continuously, and an action costs tokens. Time comes from the injected clock.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly clock: Clock,
    readonly capacity: number,
    readonly ratePerSecond: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = clock.now();
  }

  /** Takes `cost` tokens if there are that many; false (and nothing taken) otherwise. */
  take(cost = 1): boolean {
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Takes up to `cost` tokens even if fewer remain: for debts that must be paid (bytes already read). */
  drain(cost: number): boolean {
    this.refill();
    const enough = this.tokens >= cost;
    this.tokens = Math.max(0, this.tokens - cost);
    return enough;
  }

  /** True once the bucket has refilled completely: nothing is owed, the entry can be forgotten. */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.capacity;
  }

  /** Milliseconds until `cost` tokens are available (0 if they are now). */
  msUntil(cost = 1): number {
    this.refill();
    return this.tokens >= cost ? 0 : Math.ceil(((cost - this.tokens) / this.ratePerSecond) * 1000);
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsedMs = Math.max(0, now - this.updatedAt);
    this.updatedAt = now;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsedMs / 1000) * this.ratePerSecond);
  }
}
