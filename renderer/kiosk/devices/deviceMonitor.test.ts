import { describe, expect, it } from 'vitest';
import type { DeviceReport } from '../../../protocol/index.js';
import { silentLogger } from '../../shared/log/logger.js';
import { DEVICE_CHANGE_DEBOUNCE_MS, DEVICE_CHECK_INTERVAL_MS, startDeviceMonitor, type MonitorTimers } from './deviceMonitor.js';

/** Timers that only fire when the test advances them. */
class ManualTimers implements MonitorTimers {
  now = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; run: () => void }>();
  setTimeout(run: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, run });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.now = due[1].at;
      due[1].run();
      await settle();
    }
    this.now = until;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const OK: DeviceReport = { camera: 'ok', microphone: 'ok', speaker: 'ok' };

function monitor(check: () => Promise<DeviceReport> = async () => OK, report: (r: DeviceReport) => Promise<void> = async () => {}) {
  const timers = new ManualTimers();
  const reports: DeviceReport[] = [];
  let changed: (() => void) | undefined;
  let unsubscribed = false;
  const handle = startDeviceMonitor({
    check,
    report: async (r) => {
      reports.push(r);
      await report(r);
    },
    onDeviceChange: (listener) => {
      changed = listener;
      return () => (unsubscribed = true);
    },
    timers,
    logger: silentLogger,
  });
  return { timers, reports, handle, change: () => changed?.(), unsubscribed: () => unsubscribed };
}

describe('startDeviceMonitor', () => {
  it('reports at start-up, then every interval', async () => {
    const m = monitor();
    await settle();
    expect(m.reports).toHaveLength(1);
    await m.timers.advance(DEVICE_CHECK_INTERVAL_MS - 1);
    expect(m.reports).toHaveLength(1);
    await m.timers.advance(1);
    expect(m.reports).toHaveLength(2);
    await m.timers.advance(DEVICE_CHECK_INTERVAL_MS * 2);
    expect(m.reports).toHaveLength(4);
  });

  it('checks once, shortly after a burst of device changes', async () => {
    let camera: DeviceReport['camera'] = 'missing';
    const m = monitor(async () => ({ ...OK, camera }));
    await settle();
    camera = 'ok';
    m.change();
    await m.timers.advance(DEVICE_CHANGE_DEBOUNCE_MS / 2);
    m.change();
    m.change();
    await m.timers.advance(DEVICE_CHANGE_DEBOUNCE_MS - 1);
    expect(m.reports).toHaveLength(1);
    await m.timers.advance(1);
    expect(m.reports.map((r) => r.camera)).toEqual(['missing', 'ok']);
  });

  it('keeps going after a failed report', async () => {
    let fail = true;
    const m = monitor(undefined, async () => {
      if (fail) throw new Error('connection refused');
    });
    await settle();
    fail = false;
    await m.timers.advance(DEVICE_CHECK_INTERVAL_MS);
    expect(m.reports).toHaveLength(2);
  });

  it('never runs two checks at once: a change during a check runs one more after it', async () => {
    let release: (() => void) | undefined;
    let running = 0;
    let most = 0;
    const m = monitor(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => (release = resolve));
      running--;
      return OK;
    });
    m.change();
    await m.timers.advance(DEVICE_CHANGE_DEBOUNCE_MS);
    release?.();
    await settle();
    await settle();
    release?.();
    await settle();
    expect(most).toBe(1);
    expect(m.reports).toHaveLength(2);
  });

  it('stops: no more checks, listener removed', async () => {
    const m = monitor();
    await settle();
    m.handle.stop();
    m.change();
    await m.timers.advance(DEVICE_CHECK_INTERVAL_MS * 3);
    expect(m.reports).toHaveLength(1);
    expect(m.unsubscribed()).toBe(true);
  });
});
