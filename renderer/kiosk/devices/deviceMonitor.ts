import type { DeviceReport } from '../../../protocol/index.js';
import type { Logger } from '../../shared/log/logger.js';

/** How often an idle kiosk checks its devices (issue 5: "periodically"). */
export const DEVICE_CHECK_INTERVAL_MS = 10 * 60_000;
/** Plugging a USB camera fires several devicechange events in a row: one check after they settle. */
export const DEVICE_CHANGE_DEBOUNCE_MS = 2_000;

export interface MonitorTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DeviceMonitorOptions {
  check(): Promise<DeviceReport>;
  report(report: DeviceReport): Promise<void>;
  /** Subscribes to `devicechange`; returns the unsubscribe. */
  onDeviceChange(listener: () => void): () => void;
  timers: MonitorTimers;
  logger: Logger;
  intervalMs?: number;
  debounceMs?: number;
}

export interface DeviceMonitor {
  stop(): void;
}

/**
 * Checks at start-up, every interval, and shortly after the devices change; never two checks at
 * once (a change during a check runs one more afterwards). A failed report is logged and left to
 * the next check: the status is a snapshot, not a queue of events.
 */
export function startDeviceMonitor(options: DeviceMonitorOptions): DeviceMonitor {
  const { timers, logger } = options;
  const intervalMs = options.intervalMs ?? DEVICE_CHECK_INTERVAL_MS;
  const debounceMs = options.debounceMs ?? DEVICE_CHANGE_DEBOUNCE_MS;
  let stopped = false;
  let running = false;
  let again = false;
  let periodic: unknown;
  let debounce: unknown;

  async function run(): Promise<void> {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    timers.clearTimeout(periodic);
    try {
      const report = await options.check();
      if (!stopped) await options.report(report);
    } catch (error) {
      logger.warn('device status not reported', { error: String(error) });
    } finally {
      running = false;
      if (!stopped) periodic = timers.setTimeout(() => void run(), intervalMs);
      if (again) {
        again = false;
        void run();
      }
    }
  }

  const unsubscribe = options.onDeviceChange(() => {
    if (stopped) return;
    timers.clearTimeout(debounce);
    debounce = timers.setTimeout(() => void run(), debounceMs);
  });
  void run();

  return {
    stop() {
      stopped = true;
      unsubscribe();
      timers.clearTimeout(periodic);
      timers.clearTimeout(debounce);
    },
  };
}
