import type Database from 'better-sqlite3';
import { parse, TriageSummary, type Language, type Role, type ServiceLine } from '../../../protocol/index.js';
import type { LiveStateStore, PersistedCall, PersistedSession, PersistedTicket, PersistedWrapUp } from './liveState.js';

type Db = InstanceType<typeof Database>;

interface TicketRow {
  ticket_id: string;
  site_id: string;
  kiosk_id: string;
  service_line: string;
  language: string;
  triage_json: string | null;
  joined_at: number;
  seq: number;
}

/** Live-state tables (migration 4) in the same SQLite file as the records. */
export function createSqliteLiveState(db: Db): LiveStateStore {
  const statements = {
    saveTicket: db.prepare(
      `INSERT OR REPLACE INTO live_tickets (ticket_id, site_id, kiosk_id, service_line, language, triage_json, joined_at, seq)
       VALUES (@ticketId, @siteId, @kioskId, @serviceLine, @language, @triageJson, @joinedAt, @seq)`,
    ),
    deleteTicket: db.prepare('DELETE FROM live_tickets WHERE ticket_id = ?'),
    saveCall: db.prepare(
      'INSERT OR REPLACE INTO live_calls (call_id, ticket_id, kiosk_id, agent_id) VALUES (@callId, @ticketId, @kioskId, @agentId)',
    ),
    deleteCall: db.prepare('DELETE FROM live_calls WHERE call_id = ?'),
    saveSession: db.prepare(
      'INSERT OR REPLACE INTO live_sessions (role, party_id, resume_token_hash) VALUES (@role, @partyId, @resumeTokenHash)',
    ),
    deleteSession: db.prepare('DELETE FROM live_sessions WHERE role = ? AND party_id = ?'),
    saveWrapUp: db.prepare('INSERT OR REPLACE INTO live_wrap_ups (agent_id, call_id, ticket_id) VALUES (@agentId, @callId, @ticketId)'),
    deleteWrapUp: db.prepare('DELETE FROM live_wrap_ups WHERE agent_id = ?'),
    tickets: db.prepare('SELECT * FROM live_tickets ORDER BY joined_at, seq'),
    calls: db.prepare('SELECT call_id, ticket_id, kiosk_id, agent_id FROM live_calls'),
    sessions: db.prepare('SELECT role, party_id, resume_token_hash FROM live_sessions'),
    wrapUps: db.prepare('SELECT agent_id, call_id, ticket_id FROM live_wrap_ups'),
  };
  return {
    saveTicket: (t) =>
      void statements.saveTicket.run({
        ticketId: t.ticketId,
        siteId: t.siteId,
        kioskId: t.kioskId,
        serviceLine: t.serviceLine,
        language: t.language,
        triageJson: t.triage ? JSON.stringify(t.triage) : null,
        joinedAt: t.joinedAt,
        seq: t.seq,
      }),
    deleteTicket: (id) => void statements.deleteTicket.run(id),
    saveCall: (c) => void statements.saveCall.run(c),
    deleteCall: (id) => void statements.deleteCall.run(id),
    saveSession: (s) => void statements.saveSession.run(s),
    deleteSession: (role, partyId) => void statements.deleteSession.run(role, partyId),
    saveWrapUp: (w) => void statements.saveWrapUp.run(w),
    deleteWrapUp: (agentId) => void statements.deleteWrapUp.run(agentId),
    load: () => ({
      tickets: (statements.tickets.all() as TicketRow[]).map(ticketFromRow),
      calls: (statements.calls.all() as { call_id: string; ticket_id: string; kiosk_id: string; agent_id: string }[]).map(
        (row): PersistedCall => ({ callId: row.call_id, ticketId: row.ticket_id, kioskId: row.kiosk_id, agentId: row.agent_id }),
      ),
      sessions: (statements.sessions.all() as { role: string; party_id: string; resume_token_hash: string }[]).map(
        (row): PersistedSession => ({ role: row.role as Role, partyId: row.party_id, resumeTokenHash: row.resume_token_hash }),
      ),
      wrapUps: (statements.wrapUps.all() as { agent_id: string; call_id: string; ticket_id: string }[]).map(
        (row): PersistedWrapUp => ({ agentId: row.agent_id, callId: row.call_id, ticketId: row.ticket_id }),
      ),
    }),
  };
}

function ticketFromRow(row: TicketRow): PersistedTicket {
  const ticket: PersistedTicket = {
    ticketId: row.ticket_id,
    siteId: row.site_id,
    kioskId: row.kiosk_id,
    serviceLine: row.service_line as ServiceLine,
    language: row.language as Language,
    joinedAt: row.joined_at,
    seq: row.seq,
  };
  // The file is ours, but a triage summary that no longer parses (schema changed) is left out, not trusted.
  if (row.triage_json !== null) {
    try {
      const triage = parse(TriageSummary, JSON.parse(row.triage_json) as unknown);
      if (triage.ok) ticket.triage = triage.value;
    } catch {
      // Unreadable JSON: the ticket keeps its place without the summary.
    }
  }
  return ticket;
}
