import type { Logger } from '../../shared/log/logger.js';
import type { SignalingEndpoint } from '../../shared/net/signalingActor.js';
import { checkDevices } from './deviceCheck.js';
import { startDeviceMonitor, type DeviceMonitor } from './deviceMonitor.js';
import { sendDeviceStatus } from './sendDeviceStatus.js';

/** The browser wiring of the device monitor: navigator's devices and permissions, window timers. */
export function startDeviceReporting(options: {
  resolveEndpoint(): Promise<SignalingEndpoint>;
  navigator: Navigator;
  logger: Logger;
}): DeviceMonitor {
  const { navigator, logger } = options;
  // Undefined outside a secure context, whatever lib.dom says.
  const mediaDevices = navigator.mediaDevices as MediaDevices | undefined;
  return startDeviceMonitor({
    check: () => checkDevices({ ...(mediaDevices ? { mediaDevices } : {}), permissions: navigator.permissions }),
    report: async (report) => sendDeviceStatus(report, { endpoint: await options.resolveEndpoint(), logger }),
    onDeviceChange: (listener) => {
      mediaDevices?.addEventListener('devicechange', listener);
      return () => mediaDevices?.removeEventListener('devicechange', listener);
    },
    timers: {
      setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    logger,
  });
}
