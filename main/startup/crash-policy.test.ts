import { describe, expect, it } from 'vitest';
import { CRASH_WINDOW_MS, CrashPolicy, OUT_OF_SERVICE_RETRY_MS, RELOAD_AFTER_CRASH_MS } from './crash-policy.js';

function policyAt(start = Date.UTC(2025, 0, 6, 9, 0, 0)) {
  let now = start;
  const policy = new CrashPolicy(() => now);
  return { policy, advance: (ms: number) => void (now += ms) };
}

describe('CrashPolicy', () => {
  it('reloads after a short delay on a first crash', () => {
    const { policy } = policyAt();
    expect(policy.recordCrash('crashed')).toEqual({ action: 'reload', afterMs: RELOAD_AFTER_CRASH_MS });
    expect(policy.isOutOfService).toBe(false);
  });

  it('goes out of service on a second crash within the window, with a report', () => {
    const { policy, advance } = policyAt();
    policy.recordCrash('crashed');
    advance(CRASH_WINDOW_MS - 1);
    expect(policy.recordCrash('oom')).toEqual({
      action: 'go-out-of-service',
      retryAfterMs: OUT_OF_SERVICE_RETRY_MS,
      report: { at: '2025-01-06T09:00:59.999Z', crashCount: 2, recentReasons: ['crashed', 'oom'], outOfServiceCount: 1 },
    });
    expect(policy.isOutOfService).toBe(true);
  });

  it('keeps reloading when crashes are further apart than the window', () => {
    const { policy, advance } = policyAt();
    for (let i = 0; i < 5; i += 1) {
      expect(policy.recordCrash('crashed').action).toBe('reload');
      advance(CRASH_WINDOW_MS);
    }
  });

  it('only shows the page again while out of service, whatever crashes', () => {
    const { policy } = policyAt();
    policy.recordCrash('crashed');
    policy.recordCrash('crashed');
    expect(policy.recordCrash('crashed')).toEqual({ action: 'stay-out-of-service', afterMs: RELOAD_AFTER_CRASH_MS });
    expect(policy.isOutOfService).toBe(true);
  });

  it('after the retry, one crash is a reload again and two go out of service again, counting everything', () => {
    const { policy, advance } = policyAt();
    policy.recordCrash('crashed');
    policy.recordCrash('crashed');
    policy.recordCrash('killed'); // the out-of-service page itself
    advance(OUT_OF_SERVICE_RETRY_MS);
    policy.retry();
    expect(policy.isOutOfService).toBe(false);
    expect(policy.recordCrash('unresponsive').action).toBe('reload');
    const again = policy.recordCrash('crashed');
    expect(again.action).toBe('go-out-of-service');
    expect(again.action === 'go-out-of-service' && again.report).toMatchObject({ crashCount: 5, recentReasons: ['unresponsive', 'crashed'], outOfServiceCount: 2 });
  });

  it('does not count crashes from before going out of service against the next attempt', () => {
    const { policy, advance } = policyAt();
    policy.recordCrash('crashed');
    policy.recordCrash('crashed');
    // A retry well inside the crash window (a shorter cool-down) still starts clean.
    advance(1_000);
    policy.retry();
    expect(policy.recordCrash('crashed').action).toBe('reload');
  });

  it('takes its limits from the caller', () => {
    let now = 0;
    const policy = new CrashPolicy(() => now, { reloadAfterMs: 5, windowMs: 100, crashesBeforeOutOfService: 3, retryAfterMs: 1_000 });
    expect(policy.recordCrash('crashed')).toEqual({ action: 'reload', afterMs: 5 });
    now = 50;
    expect(policy.recordCrash('crashed').action).toBe('reload');
    now = 99;
    expect(policy.recordCrash('crashed')).toMatchObject({ action: 'go-out-of-service', retryAfterMs: 1_000 });
  });
});
