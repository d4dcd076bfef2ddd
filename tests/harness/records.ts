import Database from 'better-sqlite3';
import { join } from 'node:path';

export interface VisitRow {
  ticket_id: string;
  service_line: string;
  language: string;
  end_reason: string | null;
  outcome: string | null;
  joined_at: number;
  offered_at: number;
  accepted_at: number;
  ended_at: number;
  outcome_at: number;
}

/** Runs one read-only query on the real SQLite file the server writes, as an auditor would. */
export function queryRecords<T>(dataDir: string, sql: string): T[] {
  const db = new Database(join(dataDir, 'kiosk.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

export function readVisits(dataDir: string): VisitRow[] {
  return queryRecords<VisitRow>(dataDir, 'SELECT * FROM visits ORDER BY joined_at');
}
