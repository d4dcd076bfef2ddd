import type { Clock } from '../clock.js';
import type { RateLimitConfig } from './securityConfig.js';

/** What to do with one incoming frame. */
export type FrameVerdict = 'accept' | 'refuse' | 'disconnect';

/** Refused frames are forgiven at this pace: an honest client that overshot once is not cut off. */
const STRIKES_FORGIVEN_PER_SECOND = 1;
const MS_PER_SECOND = 1000;

/**
 * Per-connection limits: frames per second and bytes per second, each with a burst.
 * A refused frame is a strike; a connection that keeps sending past the limit runs
 * out of strikes and is disconnected.
 *
 * The three token buckets (messages, bytes, strikes) are plain numbers in this one object rather
 * than three TokenBucket objects: every connection has a limiter, so this is per-connection
 * memory (one object instead of four). The arithmetic is TokenBucket's, step for step: messages
 * and bytes are refilled together on every frame, strikes only when a frame is refused, so the
 * verdicts are the same to the last rounding (rateLimits.test.ts compares them).
 */
export class ConnectionRateLimiter {
  private messageTokens: number;
  private byteTokens: number;
  private strikeTokens: number;
  private updatedAt: number;
  private strikesUpdatedAt: number;

  constructor(
    private readonly clock: Clock,
    private readonly limits: RateLimitConfig,
  ) {
    this.messageTokens = limits.messageBurst;
    this.byteTokens = limits.byteBurst;
    this.strikeTokens = limits.strikesBeforeClose;
    this.updatedAt = clock.now();
    this.strikesUpdatedAt = this.updatedAt;
  }

  admit(frameBytes: number): FrameVerdict {
    const now = this.clock.now();
    const limits = this.limits;
    const seconds = Math.max(0, now - this.updatedAt) / MS_PER_SECOND;
    this.updatedAt = now;
    this.messageTokens = Math.min(limits.messageBurst, this.messageTokens + seconds * limits.messagesPerSecond);
    this.byteTokens = Math.min(limits.byteBurst, this.byteTokens + seconds * limits.bytesPerSecond);
    // Both buckets are charged: the bytes were already read, whatever is decided.
    const messageOk = this.messageTokens >= 1;
    if (messageOk) this.messageTokens -= 1;
    const bytesOk = this.byteTokens >= frameBytes;
    this.byteTokens = Math.max(0, this.byteTokens - frameBytes);
    if (messageOk && bytesOk) return 'accept';
    const strikeSeconds = Math.max(0, now - this.strikesUpdatedAt) / MS_PER_SECOND;
    this.strikesUpdatedAt = now;
    this.strikeTokens = Math.min(limits.strikesBeforeClose, this.strikeTokens + strikeSeconds * STRIKES_FORGIVEN_PER_SECOND);
    if (this.strikeTokens < 1) return 'disconnect';
    this.strikeTokens -= 1;
    return 'refuse';
  }
}
