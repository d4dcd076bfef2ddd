import type { CallbackStore } from '../callbacks/callbackStore.js';
import type { LiveStateStore } from './liveState.js';
import type { EnrolmentStore } from '../enrolment/enrolmentStore.js';
import type { DeviceStatusStore } from '../devices/deviceStatusStore.js';
import type { KioskReportStore } from '../kioskReports/kioskReportStore.js';
import type { SessionTokenStore } from '../auth/sessionTokenStore.js';
import type { EndReason, HelpStep, Language, Outcome, Rating, ServiceLine } from '../../../protocol/index.js';

/**
 * One visit: a ticket from joining the queue to the agent's outcome. Only routing facts
 * and opaque ids, never a name or anything a visitor said. Times are epoch ms.
 */
export interface VisitRecord {
  ticketId: string;
  callId?: string;
  siteId: string;
  kioskId: string;
  /** The agent's opaque config id, never the username. */
  agentId?: string;
  serviceLine: ServiceLine;
  language: Language;
  joinedAt: number;
  /** The first time the ticket was offered to an agent. */
  offeredAt?: number;
  acceptedAt?: number;
  endedAt?: number;
  endReason?: EndReason;
  outcome?: Outcome;
  outcomeAt?: number;
  /** The visitor's survey answer, 1-5. */
  feedback?: Rating;
  /** The wait the kiosk was told when it joined (issue 4); compared with `actualWaitMs`. */
  predictedWaitMs?: number;
  /** Join → accept: how long the visitor really waited for an agent. */
  actualWaitMs?: number;
}

/** Agent-only notes written at wrap-up, kept apart from the visit so reports never carry them by accident. */
export interface VisitNotesRecord {
  ticketId: string;
  notes: string;
  at: number;
}

/** A warm transfer: the visit went from one agent to a colleague (opaque ids). */
export interface VisitTransferRecord {
  ticketId: string;
  fromAgentId: string;
  toAgentId: string;
  at: number;
}

/** A visitor asked for the partner office's staff to come to the kiosk. */
export interface HelpRequestRecord {
  kioskId: string;
  siteId: string;
  step: HelpStep;
  at: number;
}

export interface VisitJoined {
  ticketId: string;
  siteId: string;
  kioskId: string;
  serviceLine: ServiceLine;
  language: Language;
  at: number;
}

/**
 * Where visit records go. Synchronous on purpose: the embedded stores (memory, SQLite)
 * answer in microseconds and the switchboard stays free of awaits between state changes.
 */
export interface Store {
  visitJoined(visit: VisitJoined): void;
  visitOffered(ticketId: string, at: number): void;
  visitAccepted(ticketId: string, accepted: { callId: string; agentId: string; at: number }): void;
  visitEnded(ticketId: string, ended: { reason: EndReason; at: number }): void;
  visitOutcome(ticketId: string, outcome: Outcome, at: number): void;
  /** First answer wins: a second tap on the survey does not overwrite the first. */
  visitFeedback(ticketId: string, rating: Rating): void;
  /** The estimate shown at join; first write wins (a restored ticket keeps its first prediction). */
  visitWaitPredicted(ticketId: string, predictedWaitMs: number): void;
  /** The wait measured at accept; first write wins. */
  visitWaitActual(ticketId: string, actualWaitMs: number): void;
  helpRequested(request: HelpRequestRecord): void;
  /** A colleague joined by warm transfer; a visit may have several, in order. */
  visitTransferred(ticketId: string, transfer: Omit<VisitTransferRecord, 'ticketId'>): void;
  listVisitTransfers(ticketId: string): VisitTransferRecord[];
  /** The agent's wrap-up notes for a visit; a later write replaces them. Never sent to a kiosk. */
  visitNotes(ticketId: string, notes: string, at: number): void;
  getVisitNotes(ticketId: string): VisitNotesRecord | undefined;
  listHelpRequests(): HelpRequestRecord[];
  getVisit(ticketId: string): VisitRecord | undefined;
  listVisits(): VisitRecord[];
  /** Waiting tickets, calls and resume tokens, so a restart keeps every place (docs/recovery.md). */
  live?: LiveStateStore;
  /** Pending callbacks, phone numbers sealed (callbacks/callbackStore.ts). */
  callbacks?: CallbackStore;
  /** Kiosk enrolment codes and device secret hashes (enrolment/); absent = POST /api/enrol answers ENROLMENT_UNAVAILABLE. */
  enrolment?: EnrolmentStore;
  /** Each kiosk's latest device check (devices/deviceStatusStore.ts). */
  devices?: DeviceStatusStore;
  /** Kiosks' out-of-service reports (kioskReports/); absent = POST /api/kiosk-report answers REPORTS_UNAVAILABLE. */
  kioskReports?: KioskReportStore;
  /** People's session tokens, as digests (auth/sessionTokenStore.ts); absent = they last as long as the process. */
  sessionTokens?: SessionTokenStore;
  close(): void;
  // ── retention (retention/retentionRules.ts): each returns how many records it deleted ──
  /** Deletes visits that joined the queue before `cutoff` (epoch ms). */
  deleteVisitsJoinedBefore(cutoff: number): number;
  /** Deletes help requests made before `cutoff` (epoch ms). */
  deleteHelpRequestsBefore(cutoff: number): number;
}
