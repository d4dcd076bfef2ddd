import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../log/logger.js';
import { BACK_IN_SERVICE_AFTER_MS, CrashPolicy, OUT_OF_SERVICE_RETRY_MS, RELOAD_AFTER_CRASH_MS, UNRESPONSIVE_GRACE_MS } from './crash-policy.js';
import { createRendererWatchdog, UNRESPONSIVE_REASON } from './renderer-watchdog.js';

const lines: string[] = [];
const log = createLogger('test', (line) => lines.push(line));

beforeEach(() => {
  vi.useFakeTimers();
  lines.length = 0;
});
afterEach(() => vi.useRealTimers());

function watched() {
  const actions = { loadApp: vi.fn(), showOutOfService: vi.fn(), killHungRenderer: vi.fn(), onOutOfService: vi.fn(), onBackInService: vi.fn() };
  const timers = { setTimeout: (run: () => void, ms: number) => setTimeout(run, ms), clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout) };
  const watchdog = createRendererWatchdog({ policy: new CrashPolicy(() => Date.now()), timers, actions, log });
  return { watchdog, actions };
}

describe('renderer watchdog', () => {
  it('reloads a crashed page after the short delay, not before', () => {
    const { watchdog, actions } = watched();
    watchdog.crashed('crashed');
    vi.advanceTimersByTime(RELOAD_AFTER_CRASH_MS - 1);
    expect(actions.loadApp).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(actions.loadApp).toHaveBeenCalledTimes(1);
  });

  it('shows the out-of-service page on a second crash within a minute, reports once, and stops reloading', () => {
    const { watchdog, actions } = watched();
    watchdog.crashed('crashed');
    vi.advanceTimersByTime(RELOAD_AFTER_CRASH_MS);
    vi.advanceTimersByTime(10_000);
    watchdog.crashed('oom');
    expect(actions.showOutOfService).toHaveBeenCalledTimes(1);
    expect(actions.onOutOfService).toHaveBeenCalledWith(expect.objectContaining({ crashCount: 2, recentReasons: ['crashed', 'oom'], outOfServiceCount: 1 }));
    vi.advanceTimersByTime(OUT_OF_SERVICE_RETRY_MS - 1);
    expect(actions.loadApp).toHaveBeenCalledTimes(1);
    expect(lines.join('\n')).toContain('out of service');
  });

  it('cancels a pending reload when it goes out of service', () => {
    const { watchdog, actions } = watched();
    watchdog.crashed('crashed');
    watchdog.crashed('crashed');
    vi.advanceTimersByTime(RELOAD_AFTER_CRASH_MS * 2);
    expect(actions.loadApp).not.toHaveBeenCalled();
    expect(actions.showOutOfService).toHaveBeenCalledTimes(1);
  });

  it('tries the app again after the cool-down, so a transient fault recovers without staff', () => {
    const { watchdog, actions } = watched();
    watchdog.crashed('crashed');
    watchdog.crashed('crashed');
    vi.advanceTimersByTime(OUT_OF_SERVICE_RETRY_MS);
    expect(actions.loadApp).toHaveBeenCalledTimes(1);
    // Recovered: a later single crash is an ordinary reload again.
    vi.advanceTimersByTime(5 * 60_000);
    watchdog.crashed('crashed');
    vi.advanceTimersByTime(RELOAD_AFTER_CRASH_MS);
    expect(actions.loadApp).toHaveBeenCalledTimes(2);
    expect(actions.showOutOfService).toHaveBeenCalledTimes(1);
  });

  it('reports back in service once the retried app has run a whole crash window, with the counts so far', () => {
    const { watchdog, actions } = watched();
    watchdog.crashed('crashed');
    watchdog.crashed('oom');
    vi.advanceTimersByTime(OUT_OF_SERVICE_RETRY_MS);
    vi.advanceTimersByTime(BACK_IN_SERVICE_AFTER_MS - 1);
    expect(actions.onBackInService).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(actions.onBackInService).toHaveBeenCalledTimes(1);
    expect(actions.onBackInService).toHaveBeenCalledWith({ crashCount: 2, outOfServiceCount: 1 });
  });

  it('does not report back in service when the retried app goes out of service again', () => {
    const { watchdog, actions } = watched();
    watchdog.crashed('crashed');
    watchdog.crashed('crashed');
    vi.advanceTimersByTime(OUT_OF_SERVICE_RETRY_MS);
    watchdog.crashed('crashed');
    watchdog.crashed('crashed');
    expect(actions.onOutOfService).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(BACK_IN_SERVICE_AFTER_MS * 2);
    expect(actions.onBackInService).not.toHaveBeenCalled();
  });

  it('shows the page again, without a new report, if the out-of-service page itself dies', () => {
    const { watchdog, actions } = watched();
    watchdog.crashed('crashed');
    watchdog.crashed('crashed');
    watchdog.crashed('crashed');
    vi.advanceTimersByTime(RELOAD_AFTER_CRASH_MS);
    expect(actions.showOutOfService).toHaveBeenCalledTimes(2);
    expect(actions.onOutOfService).toHaveBeenCalledTimes(1);
    expect(actions.loadApp).not.toHaveBeenCalled();
  });

  it('ends a renderer that stays unresponsive past the grace period, and counts it as a crash', () => {
    const { watchdog, actions } = watched();
    watchdog.unresponsive();
    watchdog.unresponsive(); // Electron may repeat it; the grace period is not restarted.
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS - 1);
    expect(actions.killHungRenderer).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(actions.killHungRenderer).toHaveBeenCalledTimes(1);
    // Electron reports the kill as render-process-gone; it is recorded as a hang.
    watchdog.crashed('killed');
    watchdog.crashed('crashed');
    expect(actions.onOutOfService).toHaveBeenCalledWith(expect.objectContaining({ recentReasons: [UNRESPONSIVE_REASON, 'crashed'] }));
  });

  it('leaves a renderer alone that answers again within the grace period', () => {
    const { watchdog, actions } = watched();
    watchdog.unresponsive();
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS - 1);
    watchdog.responsive();
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS);
    expect(actions.killHungRenderer).not.toHaveBeenCalled();
  });

  it('does nothing more once disposed', () => {
    const { watchdog, actions } = watched();
    watchdog.crashed('crashed');
    watchdog.unresponsive();
    watchdog.dispose();
    vi.advanceTimersByTime(OUT_OF_SERVICE_RETRY_MS);
    expect(actions.loadApp).not.toHaveBeenCalled();
    expect(actions.killHungRenderer).not.toHaveBeenCalled();
  });
});
