import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ICE_DISCONNECTED_GRACE_MS, MAX_RECOVERY_ATTEMPTS, RECOVERY_ATTEMPT_TIMEOUT_MS, RecoveryLadder } from './recoveryLadder.js';

function newLadder() {
  const calls: string[] = [];
  const hooks = {
    restart: () => calls.push('restart'),
    rejoin: () => calls.push('rejoin'),
    recovering: (attempt: number) => calls.push(`recovering:${attempt}`),
    recovered: () => calls.push('recovered'),
    giveUp: () => calls.push('give-up'),
  };
  return { calls, ladder: new RecoveryLadder(hooks) };
}

describe('the media recovery ladder', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lets a short disconnection heal alone, within the grace', () => {
    const { calls, ladder } = newLadder();
    ladder.iceState('connected');
    ladder.iceState('disconnected');
    vi.advanceTimersByTime(ICE_DISCONNECTED_GRACE_MS - 1);
    ladder.iceState('connected');
    vi.advanceTimersByTime(RECOVERY_ATTEMPT_TIMEOUT_MS * 5);
    expect(calls).toEqual(['recovering:0', 'recovered']);
  });

  it('restarts ICE once disconnected for longer than the grace, and is back when connected', () => {
    const { calls, ladder } = newLadder();
    ladder.iceState('connected');
    ladder.iceState('disconnected');
    vi.advanceTimersByTime(ICE_DISCONNECTED_GRACE_MS);
    expect(calls).toEqual(['recovering:0', 'recovering:1', 'restart']);
    ladder.iceState('checking');
    ladder.iceState('connected');
    vi.advanceTimersByTime(RECOVERY_ATTEMPT_TIMEOUT_MS * 5);
    expect(calls.slice(3)).toEqual(['recovered']);
    expect(ladder.attemptsMade).toBe(0);
  });

  it('rejoins when a restart has not brought the connection back in time', () => {
    const { calls, ladder } = newLadder();
    ladder.iceState('connected');
    ladder.iceState('disconnected');
    vi.advanceTimersByTime(ICE_DISCONNECTED_GRACE_MS + RECOVERY_ATTEMPT_TIMEOUT_MS - 1);
    expect(calls).not.toContain('rejoin');
    vi.advanceTimersByTime(1);
    expect(calls.at(-1)).toBe('rejoin');
    expect(ladder.attemptsMade).toBe(2);
  });

  it('rejoins at once when ICE failed: a failed connection is closed, there is nothing to restart', () => {
    const { calls, ladder } = newLadder();
    ladder.iceState('connected');
    ladder.iceState('failed');
    expect(calls).toEqual(['recovering:1', 'rejoin']);
  });

  it(`gives up after ${MAX_RECOVERY_ATTEMPTS} attempts without media, and only once`, () => {
    const { calls, ladder } = newLadder();
    ladder.iceState('connected');
    ladder.iceState('disconnected');
    vi.advanceTimersByTime(ICE_DISCONNECTED_GRACE_MS + MAX_RECOVERY_ATTEMPTS * RECOVERY_ATTEMPT_TIMEOUT_MS);
    expect(calls).toEqual(['recovering:0', 'recovering:1', 'restart', 'recovering:2', 'rejoin', 'recovering:3', 'rejoin', 'give-up']);
    ladder.iceState('connected');
    ladder.connectionLost();
    vi.advanceTimersByTime(RECOVERY_ATTEMPT_TIMEOUT_MS * 5);
    expect(calls.at(-1)).toBe('give-up');
    expect(calls.filter((call) => call === 'give-up')).toHaveLength(1);
  });

  it('a connection that fails during an attempt waits for the attempt timer, not a rung per event', () => {
    const { calls, ladder } = newLadder();
    ladder.iceState('connected');
    ladder.iceState('disconnected');
    vi.advanceTimersByTime(ICE_DISCONNECTED_GRACE_MS);
    ladder.connectionLost();
    ladder.iceState('failed');
    expect(calls.filter((call) => call === 'rejoin')).toHaveLength(0);
    vi.advanceTimersByTime(RECOVERY_ATTEMPT_TIMEOUT_MS);
    expect(calls.filter((call) => call === 'rejoin')).toHaveLength(1);
  });

  it('counts each outage afresh once media is back', () => {
    const { calls, ladder } = newLadder();
    ladder.iceState('connected');
    for (let outage = 0; outage < MAX_RECOVERY_ATTEMPTS + 1; outage += 1) {
      ladder.iceState('failed');
      vi.advanceTimersByTime(RECOVERY_ATTEMPT_TIMEOUT_MS - 1);
      ladder.iceState('connected');
    }
    expect(calls).not.toContain('give-up');
  });

  it('counts an attempt as a success when the connection is up when its timer ends (a restart on a working path)', () => {
    const calls: string[] = [];
    let up = false;
    const ladder = new RecoveryLadder({
      restart: () => calls.push('restart'),
      rejoin: () => calls.push('rejoin'),
      recovering: () => {},
      recovered: () => calls.push('recovered'),
      giveUp: () => calls.push('give-up'),
      isUp: () => up,
    });
    ladder.iceState('connected');
    ladder.iceState('disconnected');
    vi.advanceTimersByTime(ICE_DISCONNECTED_GRACE_MS);
    up = true;
    vi.advanceTimersByTime(RECOVERY_ATTEMPT_TIMEOUT_MS);
    expect(calls).toEqual(['restart', 'recovered']);
  });

  it('does nothing after stop()', () => {
    const { calls, ladder } = newLadder();
    ladder.iceState('connected');
    ladder.iceState('disconnected');
    ladder.stop();
    vi.advanceTimersByTime(RECOVERY_ATTEMPT_TIMEOUT_MS * 5);
    expect(calls).toEqual(['recovering:0']);
  });
});
