import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fakeClock.js';
import { ADDRESS_FAILURE_WINDOW_MS, AddressGuard } from './addressGuard.js';
import { ConnectionRateLimiter, type FrameVerdict } from './connectionRateLimiter.js';
import { RateLimitConfig, resolveSecurityConfig } from './securityConfig.js';
import { TokenBucket } from './tokenBucket.js';

const DEFAULTS = RateLimitConfig.parse({});

describe('token bucket', () => {
  it('allows a burst, then refills at its rate', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(clock, 3, 2);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    expect(bucket.msUntil(1)).toBe(500);
    clock.advance(499);
    expect(bucket.take()).toBe(false);
    clock.advance(1);
    expect(bucket.take()).toBe(true);
    clock.advance(60_000);
    expect(bucket.isFull()).toBe(true);
    expect(bucket.take(4)).toBe(false); // never more than its capacity
  });

  it('drain charges what was already spent, even past zero', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(clock, 10, 10);
    expect(bucket.drain(8)).toBe(true);
    expect(bucket.drain(8)).toBe(false);
    expect(bucket.take()).toBe(false);
    clock.advance(100);
    expect(bucket.take()).toBe(true);
  });
});

describe('per-connection limits', () => {
  it('refuses past the burst, then disconnects a client that keeps going', () => {
    const clock = new FakeClock();
    const limits = RateLimitConfig.parse({ messagesPerSecond: 10, messageBurst: 20, strikesBeforeClose: 5 });
    const limiter = new ConnectionRateLimiter(clock, limits);
    const verdicts: FrameVerdict[] = [];
    for (let i = 0; i < 26; i++) verdicts.push(limiter.admit(100));
    expect(verdicts.slice(0, 20).every((v) => v === 'accept')).toBe(true);
    expect(verdicts.slice(20, 25)).toEqual(['refuse', 'refuse', 'refuse', 'refuse', 'refuse']);
    expect(verdicts[25]).toBe('disconnect');
  });

  it('forgives an honest overshoot: strikes come back with time', () => {
    const clock = new FakeClock();
    const limiter = new ConnectionRateLimiter(clock, RateLimitConfig.parse({ messagesPerSecond: 10, messageBurst: 10, strikesBeforeClose: 3 }));
    for (let i = 0; i < 10; i++) expect(limiter.admit(10)).toBe('accept');
    expect(limiter.admit(10)).toBe('refuse');
    expect(limiter.admit(10)).toBe('refuse');
    clock.advance(5_000);
    for (let i = 0; i < 10; i++) expect(limiter.admit(10)).toBe('accept');
    expect(limiter.admit(10)).toBe('refuse');
    expect(limiter.admit(10)).toBe('refuse');
    expect(limiter.admit(10)).toBe('refuse');
  });

  it('limits bytes too: a stream of maximum-size frames is cut even at a low message rate', () => {
    const clock = new FakeClock();
    const limiter = new ConnectionRateLimiter(clock, DEFAULTS);
    const frame = 64 * 1024;
    let accepted = 0;
    for (let i = 0; i < 200; i++) if (limiter.admit(frame) === 'accept') accepted++;
    expect(accepted).toBeLessThanOrEqual(DEFAULTS.byteBurst / frame + 1);
    expect(accepted).toBeGreaterThan(10);
  });

  it('never limits a real WebRTC call with the default limits', () => {
    // A pessimistic call as a browser sends it: offer SDP, a burst of 80 trickled ICE candidates
    // within 50 ms (several interfaces × STUN and TURN, UDP and TCP), an end-of-candidates,
    // then an ICE restart after a network change with another full burst, and 10 renegotiations
    // (camera switch, screen share) 100 ms apart, each with offer, answer and 10 candidates:
    // 284 frames in about 1.3 s.
    const clock = new FakeClock();
    const limiter = new ConnectionRateLimiter(clock, resolveSecurityConfig(undefined).rateLimits);
    const sdp = 12 * 1024;
    const candidate = 250;
    const verdicts: FrameVerdict[] = [];
    const burst = () => {
      verdicts.push(limiter.admit(sdp));
      for (let i = 0; i < 80; i++) {
        verdicts.push(limiter.admit(candidate));
        if (i % 2 === 0) clock.advance(1);
      }
      verdicts.push(limiter.admit(60));
    };
    burst();
    clock.advance(200);
    burst(); // ICE restart
    for (let i = 0; i < 10; i++) {
      clock.advance(100);
      verdicts.push(limiter.admit(sdp), limiter.admit(sdp));
      for (let c = 0; c < 10; c++) verdicts.push(limiter.admit(candidate));
    }
    expect(verdicts.length).toBe(284);
    expect(verdicts.filter((v) => v !== 'accept')).toEqual([]);
  });

  it('decides exactly as three token buckets would (messages, bytes, strikes), frame after frame', () => {
    // The reference: the limiter as three TokenBucket objects, each refilled when used.
    const limits = RateLimitConfig.parse({ messagesPerSecond: 20, messageBurst: 30, bytesPerSecond: 4_000, byteBurst: 10_000, strikesBeforeClose: 4 });
    const clock = new FakeClock();
    const messages = new TokenBucket(clock, limits.messageBurst, limits.messagesPerSecond);
    const bytes = new TokenBucket(clock, limits.byteBurst, limits.bytesPerSecond);
    const strikes = new TokenBucket(clock, limits.strikesBeforeClose, 1);
    const reference = (frameBytes: number): FrameVerdict => {
      const messageOk = messages.take(1);
      const bytesOk = bytes.drain(frameBytes);
      if (messageOk && bytesOk) return 'accept';
      return strikes.take(1) ? 'refuse' : 'disconnect';
    };
    const limiter = new ConnectionRateLimiter(clock, limits);
    // A fixed pseudo-random mix of bursts, pauses and frame sizes, so a failure can be replayed.
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const verdicts = new Set<FrameVerdict>();
    for (let i = 0; i < 5_000; i++) {
      const pause = next() < 0.7 ? 0 : Math.floor(next() * 400);
      clock.advance(pause);
      const frameBytes = Math.floor(next() * 900);
      const expected = reference(frameBytes);
      expect(limiter.admit(frameBytes), `frame ${i}`).toBe(expected);
      verdicts.add(expected);
    }
    // The sequence went through every verdict, so every branch was compared.
    expect([...verdicts].sort()).toEqual(['accept', 'disconnect', 'refuse']);
  });
});

describe('per-address limits', () => {
  it('limits new connections per second with a burst, and open connections at once', () => {
    const clock = new FakeClock();
    const guard = new AddressGuard(clock, RateLimitConfig.parse({ connectionBurst: 3, connectionsPerSecond: 1, maxConnectionsPerAddress: 2 }));
    expect(guard.admitConnection('10.0.0.1')).toEqual({ ok: true });
    guard.connectionOpened('10.0.0.1');
    expect(guard.admitConnection('10.0.0.1')).toEqual({ ok: true });
    guard.connectionOpened('10.0.0.1');
    expect(guard.admitConnection('10.0.0.1')).toMatchObject({ ok: false, reason: 'concurrent' });
    // Another address is not affected.
    expect(guard.admitConnection('10.0.0.2')).toEqual({ ok: true });
    guard.connectionClosed('10.0.0.1');
    expect(guard.admitConnection('10.0.0.1')).toEqual({ ok: true }); // third token of the burst
    expect(guard.admitConnection('10.0.0.1')).toEqual({ ok: false, reason: 'rate', retryAfterMs: 1000 });
    clock.advance(1000);
    expect(guard.admitConnection('10.0.0.1')).toEqual({ ok: true });
  });

  it('refuses hellos from an address after too many failures, and forgives over the window', () => {
    const clock = new FakeClock();
    const guard = new AddressGuard(clock, RateLimitConfig.parse({ failedLoginsPerAddress: 3 }));
    for (let i = 0; i < 3; i++) {
      expect(guard.loginAllowed('10.0.0.9')).toBe(true);
      guard.recordFailedLogin('10.0.0.9');
    }
    expect(guard.loginAllowed('10.0.0.9')).toBe(false);
    expect(guard.loginAllowed('10.0.0.8')).toBe(true);
    clock.advance(ADDRESS_FAILURE_WINDOW_MS / 3);
    expect(guard.loginAllowed('10.0.0.9')).toBe(true);
  });

  it('forgets idle addresses so memory stays bounded', () => {
    const clock = new FakeClock();
    const guard = new AddressGuard(clock, DEFAULTS);
    for (let i = 0; i < 500; i++) guard.admitConnection(`10.1.${Math.floor(i / 250)}.${i % 250}`);
    guard.connectionOpened('10.9.9.9');
    expect(guard.size).toBe(501);
    clock.advance(ADDRESS_FAILURE_WINDOW_MS);
    guard.sweep();
    expect(guard.size).toBe(1); // the one with a connection still open
  });
});
