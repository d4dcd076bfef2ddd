import Database from 'better-sqlite3';
import { createSqliteDeviceStatusStore } from '../devices/deviceStatusStore.js';
import { createSqliteSessionTokenStore } from '../auth/sessionTokenStore.js';
import { createSqliteKioskReportStore } from '../kioskReports/kioskReportStore.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EndReason, HelpStep, Language, Outcome, Rating, ServiceLine } from '../../../protocol/index.js';
import { MIGRATIONS } from './migrations.js';
import { createSqliteCallbackStore } from '../callbacks/sqliteCallbackStore.js';
import { createSqliteLiveState } from './sqliteLiveState.js';
import { createSqliteEnrolmentStore } from '../enrolment/sqliteEnrolmentStore.js';
import type { HelpRequestRecord, Store, VisitNotesRecord, VisitRecord, VisitTransferRecord } from './store.js';

export const SQLITE_FILE_NAME = 'kiosk.sqlite';
/** SQLite's page cache, in KiB (negative `cache_size` means KiB). */
export const SQLITE_CACHE_KIB = 2048;

type Db = InstanceType<typeof Database>;

interface VisitRow {
  ticket_id: string;
  call_id: string | null;
  site_id: string;
  kiosk_id: string;
  agent_id: string | null;
  service_line: string;
  language: string;
  joined_at: number;
  offered_at: number | null;
  accepted_at: number | null;
  ended_at: number | null;
  end_reason: string | null;
  outcome: string | null;
  outcome_at: number | null;
  feedback: number | null;
  predicted_wait_ms: number | null;
  actual_wait_ms: number | null;
}

interface HelpRequestRow {
  kiosk_id: string;
  site_id: string;
  step: string;
  at: number;
}

/** Applies every migration newer than the file, each in its own transaction. Safe to run on every open. */
export function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)`);
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
  const current = row.version ?? 0;
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  migrations.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      record.run(version, Date.now());
    })();
  });
  return migrations.length;
}

/** The embedded default: one SQLite file, WAL so readers (reports, tests) never block the server. */
export function openSqliteStore(dir: string): Store {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, SQLITE_FILE_NAME));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 2000');
  // better-sqlite3 builds with a 16 MB page cache: RSS the server does not need, since the OS caches
  // the file too and the hot path never reads the store (docs/performance.md).
  db.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  migrate(db);

  const statements = {
    joined: db.prepare(
      `INSERT OR IGNORE INTO visits (ticket_id, site_id, kiosk_id, service_line, language, joined_at)
       VALUES (@ticketId, @siteId, @kioskId, @serviceLine, @language, @at)`,
    ),
    offered: db.prepare('UPDATE visits SET offered_at = COALESCE(offered_at, ?) WHERE ticket_id = ?'),
    accepted: db.prepare(
      'UPDATE visits SET call_id = ?, agent_id = ?, accepted_at = ? WHERE ticket_id = ? AND accepted_at IS NULL',
    ),
    ended: db.prepare('UPDATE visits SET end_reason = ?, ended_at = ? WHERE ticket_id = ? AND ended_at IS NULL'),
    outcome: db.prepare('UPDATE visits SET outcome = ?, outcome_at = ? WHERE ticket_id = ?'),
    feedback: db.prepare('UPDATE visits SET feedback = ? WHERE ticket_id = ? AND feedback IS NULL'),
    waitPredicted: db.prepare('UPDATE visits SET predicted_wait_ms = ? WHERE ticket_id = ? AND predicted_wait_ms IS NULL'),
    waitActual: db.prepare('UPDATE visits SET actual_wait_ms = ? WHERE ticket_id = ? AND actual_wait_ms IS NULL'),
    helpRequested: db.prepare('INSERT INTO help_requests (kiosk_id, site_id, step, at) VALUES (@kioskId, @siteId, @step, @at)'),
    listHelpRequests: db.prepare('SELECT kiosk_id, site_id, step, at FROM help_requests ORDER BY at, id'),
    get: db.prepare('SELECT * FROM visits WHERE ticket_id = ?'),
    notes: db.prepare(
      `INSERT INTO visit_notes (ticket_id, notes, at) VALUES (?, ?, ?)
       ON CONFLICT (ticket_id) DO UPDATE SET notes = excluded.notes, at = excluded.at`,
    ),
    getNotes: db.prepare('SELECT ticket_id AS ticketId, notes, at FROM visit_notes WHERE ticket_id = ?'),
    list: db.prepare('SELECT * FROM visits ORDER BY joined_at, ticket_id'),
    // Retention: visits has an index on joined_at; help requests are few (a handful a day per site).
    deleteVisitsBefore: db.prepare('DELETE FROM visits WHERE joined_at < ?'),
    // A visit's wrap-up notes go with it: notes never outlive the visit they describe.
    deleteNotesOfVisitsBefore: db.prepare(
      'DELETE FROM visit_notes WHERE ticket_id IN (SELECT ticket_id FROM visits WHERE joined_at < ?)',
    ),
    deleteHelpRequestsBefore: db.prepare('DELETE FROM help_requests WHERE at < ?'),
    transferred: db.prepare(
      'INSERT INTO visit_transfers (ticket_id, from_agent_id, to_agent_id, at) VALUES (@ticketId, @fromAgentId, @toAgentId, @at)',
    ),
    listTransfers: db.prepare(
      'SELECT ticket_id AS ticketId, from_agent_id AS fromAgentId, to_agent_id AS toAgentId, at FROM visit_transfers WHERE ticket_id = ? ORDER BY id',
    ),
    deleteTransfersOfVisitsBefore: db.prepare(
      'DELETE FROM visit_transfers WHERE ticket_id IN (SELECT ticket_id FROM visits WHERE joined_at < ?)',
    ),
  };

  return {
    visitJoined: (visit) => void statements.joined.run(visit),
    visitOffered: (ticketId, at) => void statements.offered.run(at, ticketId),
    visitAccepted: (ticketId, { callId, agentId, at }) => void statements.accepted.run(callId, agentId, at, ticketId),
    visitEnded: (ticketId, { reason, at }) => void statements.ended.run(reason, at, ticketId),
    visitOutcome: (ticketId, outcome, at) => void statements.outcome.run(outcome, at, ticketId),
    visitFeedback: (ticketId, rating) => void statements.feedback.run(rating, ticketId),
    visitWaitPredicted: (ticketId, ms) => void statements.waitPredicted.run(Math.round(ms), ticketId),
    visitWaitActual: (ticketId, ms) => void statements.waitActual.run(Math.round(ms), ticketId),
    helpRequested: (request) => void statements.helpRequested.run(request),
    listHelpRequests: () =>
      (statements.listHelpRequests.all() as HelpRequestRow[]).map(
        (row): HelpRequestRecord => ({ kioskId: row.kiosk_id, siteId: row.site_id, step: row.step as HelpStep, at: row.at }),
      ),
    visitNotes: (ticketId, notes, at) => void statements.notes.run(ticketId, notes, at),
    visitTransferred: (ticketId, transfer) => void statements.transferred.run({ ticketId, ...transfer }),
    listVisitTransfers: (ticketId) => statements.listTransfers.all(ticketId) as VisitTransferRecord[],
    getVisitNotes: (ticketId) => statements.getNotes.get(ticketId) as VisitNotesRecord | undefined,
    getVisit: (ticketId) => {
      const row = statements.get.get(ticketId) as VisitRow | undefined;
      return row ? fromRow(row) : undefined;
    },
    listVisits: () => (statements.list.all() as VisitRow[]).map(fromRow),
    live: createSqliteLiveState(db),
    callbacks: createSqliteCallbackStore(db),
    enrolment: createSqliteEnrolmentStore(db),
    devices: createSqliteDeviceStatusStore(db),
    kioskReports: createSqliteKioskReportStore(db),
    sessionTokens: createSqliteSessionTokenStore(db),
    close: () => {
      if (db.open) db.close();
    },
    deleteVisitsJoinedBefore: db.transaction((cutoff: number) => {
      statements.deleteNotesOfVisitsBefore.run(cutoff);
      statements.deleteTransfersOfVisitsBefore.run(cutoff);
      return statements.deleteVisitsBefore.run(cutoff).changes;
    }),
    deleteHelpRequestsBefore: (cutoff) => statements.deleteHelpRequestsBefore.run(cutoff).changes,
  };
}

function fromRow(row: VisitRow): VisitRecord {
  const visit: VisitRecord = {
    ticketId: row.ticket_id,
    siteId: row.site_id,
    kioskId: row.kiosk_id,
    serviceLine: row.service_line as ServiceLine,
    language: row.language as Language,
    joinedAt: row.joined_at,
  };
  if (row.call_id !== null) visit.callId = row.call_id;
  if (row.agent_id !== null) visit.agentId = row.agent_id;
  if (row.offered_at !== null) visit.offeredAt = row.offered_at;
  if (row.accepted_at !== null) visit.acceptedAt = row.accepted_at;
  if (row.ended_at !== null) visit.endedAt = row.ended_at;
  if (row.end_reason !== null) visit.endReason = row.end_reason as EndReason;
  if (row.outcome !== null) visit.outcome = row.outcome as Outcome;
  if (row.outcome_at !== null) visit.outcomeAt = row.outcome_at;
  if (row.feedback !== null) visit.feedback = row.feedback as Rating;
  if (row.predicted_wait_ms !== null) visit.predictedWaitMs = row.predicted_wait_ms;
  if (row.actual_wait_ms !== null) visit.actualWaitMs = row.actual_wait_ms;
  return visit;
}
