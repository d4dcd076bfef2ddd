import type Database from 'better-sqlite3';
import { DeviceState, type DeviceReport } from '../../../protocol/index.js';

type Db = InstanceType<typeof Database>;

/** A kiosk's latest device check, stamped by the server when it arrived. No personal data. */
export interface KioskDeviceStatus extends DeviceReport {
  checkedAt: number;
}

/** Latest status per kiosk (table kiosk_device_status, store/migrations.ts): one row per kiosk, overwritten. */
export interface DeviceStatusStore {
  save(kioskId: string, status: KioskDeviceStatus): void;
  get(kioskId: string): KioskDeviceStatus | undefined;
}

/** For the memory store: same rules, nothing on disk. */
export function createMemoryDeviceStatusStore(): DeviceStatusStore {
  const rows = new Map<string, KioskDeviceStatus>();
  return {
    save: (kioskId, status) => void rows.set(kioskId, { ...status }),
    get: (kioskId) => {
      const row = rows.get(kioskId);
      return row ? { ...row } : undefined;
    },
  };
}

interface DeviceStatusRow {
  camera: string;
  microphone: string;
  speaker: string;
  checked_at: number;
}

/** Rows are re-read through the protocol's enum: a value the code no longer knows reads as `unknown`. */
function stateOf(value: string): DeviceState {
  const parsed = DeviceState.safeParse(value);
  return parsed.success ? parsed.data : 'unknown';
}

export function createSqliteDeviceStatusStore(db: Db): DeviceStatusStore {
  const statements = {
    save: db.prepare(
      `INSERT INTO kiosk_device_status (kiosk_id, camera, microphone, speaker, checked_at)
       VALUES (@kioskId, @camera, @microphone, @speaker, @checkedAt)
       ON CONFLICT (kiosk_id) DO UPDATE SET camera = excluded.camera, microphone = excluded.microphone,
         speaker = excluded.speaker, checked_at = excluded.checked_at`,
    ),
    get: db.prepare('SELECT camera, microphone, speaker, checked_at FROM kiosk_device_status WHERE kiosk_id = ?'),
  };
  return {
    save: (kioskId, status) => void statements.save.run({ kioskId, ...status }),
    get: (kioskId) => {
      const row = statements.get.get(kioskId) as DeviceStatusRow | undefined;
      if (!row) return undefined;
      return {
        camera: stateOf(row.camera),
        microphone: stateOf(row.microphone),
        speaker: stateOf(row.speaker),
        checkedAt: row.checked_at,
      };
    },
  };
}

/** True when any of the three states differs: only changes are logged. */
export function devicesChanged(before: DeviceReport | undefined, after: DeviceReport): boolean {
  return !before || before.camera !== after.camera || before.microphone !== after.microphone || before.speaker !== after.speaker;
}
