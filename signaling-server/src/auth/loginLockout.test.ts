import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fakeClock.js';
import { FAILURE_WINDOW_MS, LOCKOUT_MS, LoginLockout, MAX_FAILED_LOGINS, MAX_TRACKED_USERNAMES } from './loginLockout.js';

describe('login lockout', () => {
  it(`locks a username after ${MAX_FAILED_LOGINS} failures and unlocks it after ${LOCKOUT_MS / 60_000} minutes`, () => {
    const clock = new FakeClock();
    const lockout = new LoginLockout(clock);
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) lockout.recordFailure('alice');
    expect(lockout.isLocked('alice')).toBe(false);
    lockout.recordFailure('alice');
    expect(lockout.isLocked('alice')).toBe(true);
    expect(lockout.isLocked('bruno')).toBe(false);
    clock.advance(LOCKOUT_MS - 1);
    expect(lockout.isLocked('alice')).toBe(true);
    clock.advance(1);
    expect(lockout.isLocked('alice')).toBe(false);
  });

  it('counts failures within the window only, and a success clears them', () => {
    const clock = new FakeClock();
    const lockout = new LoginLockout(clock);
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) lockout.recordFailure('alice');
    clock.advance(FAILURE_WINDOW_MS);
    lockout.recordFailure('alice');
    expect(lockout.isLocked('alice')).toBe(false);
    for (let i = 0; i < MAX_FAILED_LOGINS - 2; i++) lockout.recordFailure('alice');
    lockout.recordSuccess('alice');
    lockout.recordFailure('alice');
    expect(lockout.isLocked('alice')).toBe(false);
  });

  it('treats a username that does not exist exactly like one that does', () => {
    const clock = new FakeClock();
    const lockout = new LoginLockout(clock);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) lockout.recordFailure('no-such-user');
    expect(lockout.isLocked('no-such-user')).toBe(true);
  });

  it('keeps locks while a spray of made-up usernames is evicted', () => {
    const clock = new FakeClock();
    const lockout = new LoginLockout(clock);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) lockout.recordFailure('alice');
    for (let i = 0; i < MAX_TRACKED_USERNAMES + 10; i++) lockout.recordFailure(`spray-${i}`);
    expect(lockout.isLocked('alice')).toBe(true);
  });
});
