import type { Language, Role, ServiceLine, TriageSummary } from '../../../protocol/index.js';

/**
 * The live state that must outlive the process (issue 5): who waits in which order, who is
 * in a call with whom, which agent still owes a call's outcome, and the hashed resume token of
 * each party. Rows are written on every
 * change and deleted as soon as they stop being live; after a restart the switchboard reads
 * them back and gives every party the resume grace period.
 */
export interface PersistedTicket {
  ticketId: string;
  siteId: string;
  kioskId: string;
  serviceLine: ServiceLine;
  language: Language;
  /** Passed through to the agent; deleted with the ticket. */
  triage?: TriageSummary;
  joinedAt: number;
  /** Arrival order within the same millisecond. */
  seq: number;
}

export interface PersistedCall {
  callId: string;
  ticketId: string;
  kioskId: string;
  agentId: string;
}

export interface PersistedSession {
  role: Role;
  partyId: string;
  /** sha256 of the resume token; the token itself is never stored. */
  resumeTokenHash: string;
}

/** A call that ended with its agent still to record the outcome (the agent's state `wrap-up`). */
export interface PersistedWrapUp {
  agentId: string;
  callId: string;
  ticketId: string;
}

export interface LiveState {
  tickets: PersistedTicket[];
  calls: PersistedCall[];
  sessions: PersistedSession[];
  wrapUps: PersistedWrapUp[];
}

export interface LiveStateStore {
  saveTicket(ticket: PersistedTicket): void;
  deleteTicket(ticketId: string): void;
  saveCall(call: PersistedCall): void;
  deleteCall(callId: string): void;
  saveSession(session: PersistedSession): void;
  deleteSession(role: Role, partyId: string): void;
  saveWrapUp(wrapUp: PersistedWrapUp): void;
  deleteWrapUp(agentId: string): void;
  /** Tickets oldest first (joinedAt, then seq). */
  load(): LiveState;
}

const sessionKey = (role: Role, partyId: string) => `${role}|${partyId}`;

/** Live state in Maps: survives a server object being recreated in the same process (tests). */
export function createMemoryLiveState(): LiveStateStore {
  const tickets = new Map<string, PersistedTicket>();
  const calls = new Map<string, PersistedCall>();
  const sessions = new Map<string, PersistedSession>();
  const wrapUps = new Map<string, PersistedWrapUp>();
  return {
    saveTicket: (t) => void tickets.set(t.ticketId, { ...t }),
    deleteTicket: (id) => void tickets.delete(id),
    saveCall: (c) => void calls.set(c.callId, { ...c }),
    deleteCall: (id) => void calls.delete(id),
    saveSession: (s) => void sessions.set(sessionKey(s.role, s.partyId), { ...s }),
    deleteSession: (role, partyId) => void sessions.delete(sessionKey(role, partyId)),
    saveWrapUp: (w) => void wrapUps.set(w.agentId, { ...w }),
    deleteWrapUp: (agentId) => void wrapUps.delete(agentId),
    load: () => ({
      tickets: [...tickets.values()].sort((a, b) => a.joinedAt - b.joinedAt || a.seq - b.seq).map((t) => ({ ...t })),
      calls: [...calls.values()].map((c) => ({ ...c })),
      sessions: [...sessions.values()].map((s) => ({ ...s })),
      wrapUps: [...wrapUps.values()].map((w) => ({ ...w })),
    }),
  };
}
