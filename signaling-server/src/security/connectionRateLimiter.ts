import type { Clock } from '../clock.js';
import type { RateLimitConfig } from './securityConfig.js';
import { TokenBucket } from './tokenBucket.js';

/** What to do with one incoming frame. */
export type FrameVerdict = 'accept' | 'refuse' | 'disconnect';

/** Refused frames are forgiven at this pace: an honest client that overshot once is not cut off. */
const STRIKES_FORGIVEN_PER_SECOND = 1;

/**
 * Per-connection limits: frames per second and bytes per second, each with a burst.
 * A refused frame is a strike; a connection that keeps sending past the limit runs
 * out of strikes and is disconnected.
 */
export class ConnectionRateLimiter {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly strikes: TokenBucket;

  constructor(clock: Clock, limits: RateLimitConfig) {
    this.messages = new TokenBucket(clock, limits.messageBurst, limits.messagesPerSecond);
    this.bytes = new TokenBucket(clock, limits.byteBurst, limits.bytesPerSecond);
    this.strikes = new TokenBucket(clock, limits.strikesBeforeClose, STRIKES_FORGIVEN_PER_SECOND);
  }

  admit(frameBytes: number): FrameVerdict {
    // Both buckets are charged: the bytes were already read, whatever is decided.
    const messageOk = this.messages.take(1);
    const bytesOk = this.bytes.drain(frameBytes);
    if (messageOk && bytesOk) return 'accept';
    return this.strikes.take(1) ? 'refuse' : 'disconnect';
  }
}
