import type Database from 'better-sqlite3';
import { KioskCrashReason, type KioskCrashReason as CrashReason, type KioskReportKind } from '../../../protocol/index.js';

type Db = InstanceType<typeof Database>;

/** Reports about devices, not people: kept this long for the service desk's trend questions, then deleted. */
export const KIOSK_REPORT_RETENTION_DAYS = 90;

/** One out-of-service or back-in-service report, stamped by the server when it arrived. No personal data. */
export interface KioskReportRecord {
  kioskId: string;
  kind: KioskReportKind;
  crashCount: number;
  reasons: CrashReason[];
  outOfServiceCount: number;
  at: number;
}

/** Table kiosk_reports (store/migrations.ts): one row per report, oldest first. */
export interface KioskReportStore {
  record(report: KioskReportRecord): void;
  list(): KioskReportRecord[];
  /** Retention: deletes reports received before `cutoff` (epoch ms); returns how many went. */
  deleteBefore(cutoff: number): number;
}

export function createMemoryKioskReportStore(): KioskReportStore {
  const rows: KioskReportRecord[] = [];
  return {
    record: (report) => void rows.push({ ...report, reasons: [...report.reasons] }),
    list: () => rows.map((row) => ({ ...row, reasons: [...row.reasons] })),
    deleteBefore: (cutoff) => {
      const kept = rows.filter((row) => row.at >= cutoff);
      const deleted = rows.length - kept.length;
      rows.splice(0, rows.length, ...kept);
      return deleted;
    },
  };
}

interface KioskReportRow {
  kiosk_id: string;
  kind: KioskReportKind;
  crash_count: number;
  reasons: string;
  out_of_service_count: number;
  at: number;
}

/** Reasons are stored comma-joined; a word the code no longer knows reads back as 'other'. */
function reasonsOf(text: string): CrashReason[] {
  if (text === '') return [];
  return text.split(',').map((word) => {
    const parsed = KioskCrashReason.safeParse(word);
    return parsed.success ? parsed.data : 'other';
  });
}

export function createSqliteKioskReportStore(db: Db): KioskReportStore {
  const statements = {
    record: db.prepare(
      `INSERT INTO kiosk_reports (kiosk_id, kind, crash_count, reasons, out_of_service_count, at)
       VALUES (@kioskId, @kind, @crashCount, @reasons, @outOfServiceCount, @at)`,
    ),
    list: db.prepare('SELECT kiosk_id, kind, crash_count, reasons, out_of_service_count, at FROM kiosk_reports ORDER BY at, id'),
    deleteBefore: db.prepare('DELETE FROM kiosk_reports WHERE at < ?'),
  };
  return {
    record: (report) => void statements.record.run({ ...report, reasons: report.reasons.join(',') }),
    list: () =>
      (statements.list.all() as KioskReportRow[]).map((row) => ({
        kioskId: row.kiosk_id,
        kind: row.kind,
        crashCount: row.crash_count,
        reasons: reasonsOf(row.reasons),
        outOfServiceCount: row.out_of_service_count,
        at: row.at,
      })),
    deleteBefore: (cutoff) => statements.deleteBefore.run(cutoff).changes,
  };
}
