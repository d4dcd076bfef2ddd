import { z } from 'zod';

/**
 * The kiosk's own check of its camera, microphone and speaker (issue 5), so staff can see
 * "camera missing" before a visitor finds out. Only presence and permission state: the check
 * never opens a device, so the camera light never comes on at idle.
 *
 * - `ok`: at least one device of the kind is present and nothing says it is refused;
 * - `missing`: the browser lists none of that kind;
 * - `blocked`: present, but the permission is denied (policy or user);
 * - `unknown`: the browser could not tell (no enumerateDevices, or it failed).
 */
export const DEVICE_STATES = ['ok', 'missing', 'blocked', 'unknown'] as const;
export const DeviceState = z.enum(DEVICE_STATES);
export type DeviceState = z.infer<typeof DeviceState>;

/** One check of the three kinds; the server stamps the time it received it. */
export const DeviceReport = z.object({
  camera: DeviceState,
  microphone: DeviceState,
  speaker: DeviceState,
});
export type DeviceReport = z.infer<typeof DeviceReport>;

// ── client → server ─────────────────────────────────────────────────────────
/** Kiosks only (CLIENT_MESSAGE_ROLES); sent on a short connection at start-up, every 10 minutes and on device changes. */
export const DeviceStatus = z.object({ type: z.literal('device.status'), ...DeviceReport.shape });

// ── server → client ─────────────────────────────────────────────────────────
/** The report was kept: the kiosk closes its short connection on this. */
export const DeviceStatusRecorded = z.object({ type: z.literal('device.status.recorded') });
