import type { DeviceReport } from '../../../protocol/index.js';
import type { Logger } from '../../shared/log/logger.js';
import type { SignalingEndpoint } from '../../shared/net/signalingActor.js';
import { connectSignaling, type WebSocketFactory } from '../../shared/net/signalingClient.js';

/** A report that is not confirmed by then is dropped; the next check sends a fresh one. */
export const DEVICE_STATUS_TIMEOUT_MS = 10_000;

export interface SendDeviceStatusOptions {
  endpoint: SignalingEndpoint;
  createSocket?: WebSocketFactory;
  logger?: Logger;
  timeoutMs?: number;
  /** Injected for tests; the browser's by default. */
  setTimeout?: (run: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/**
 * Outside a visit the kiosk holds no connection (see kioskMachine), so like a help request
 * (net/helpRequestActor.ts) a report opens a short one: hello, `device.status`, and close as
 * soon as the server confirms with `device.status.recorded`.
 */
export function sendDeviceStatus(report: DeviceReport, options: SendDeviceStatusOptions): Promise<void> {
  const setTimer = options.setTimeout ?? ((run, ms) => globalThis.setTimeout(run, ms));
  const clearTimer = options.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>));
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const client = connectSignaling({
      ...options.endpoint,
      ...(options.createSocket ? { createSocket: options.createSocket } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      onMessage: (message) => {
        if (message.type === 'welcome') client.send({ type: 'device.status', ...report });
        else if (message.type === 'device.status.recorded') finish();
        else if (message.type === 'error') finish(new Error(`device status refused: ${message.code}`));
      },
      onDisconnect: () => finish(new Error('connection closed before the device status was confirmed')),
    });
    const timer = setTimer(() => finish(new Error('device status timed out')), options.timeoutMs ?? DEVICE_STATUS_TIMEOUT_MS);
    function finish(error?: Error) {
      if (done) return;
      done = true;
      clearTimer(timer);
      client.close();
      if (error) reject(error);
      else resolve();
    }
  });
}
