import { createMemoryCallbackStore } from '../callbacks/callbackStore.js';
import { createMemoryLiveState } from './liveState.js';
import { createMemoryEnrolmentStore } from '../enrolment/enrolmentStore.js';
import { createMemoryDeviceStatusStore } from '../devices/deviceStatusStore.js';
import { createMemorySessionTokenStore } from '../auth/sessionTokenStore.js';
import { createMemoryKioskReportStore } from '../kioskReports/kioskReportStore.js';
import type { HelpRequestRecord, Store, VisitNotesRecord, VisitRecord, VisitTransferRecord } from './store.js';

/** Records in a Map: for tests and throwaway demos. Same first-write-wins rules as SQLite. */
export function createMemoryStore(): Store {
  const visits = new Map<string, VisitRecord>();
  const helpRequests: HelpRequestRecord[] = [];
  const notes = new Map<string, VisitNotesRecord>();
  const transfers: VisitTransferRecord[] = [];
  const update = (ticketId: string, change: (visit: VisitRecord) => void) => {
    const visit = visits.get(ticketId);
    if (visit) change(visit);
  };
  return {
    visitJoined: (v) => {
      if (visits.has(v.ticketId)) return;
      visits.set(v.ticketId, {
        ticketId: v.ticketId,
        siteId: v.siteId,
        kioskId: v.kioskId,
        serviceLine: v.serviceLine,
        language: v.language,
        joinedAt: v.at,
      });
    },
    visitOffered: (ticketId, at) => update(ticketId, (v) => void (v.offeredAt ??= at)),
    visitAccepted: (ticketId, { callId, agentId, at }) =>
      update(ticketId, (v) => {
        if (v.acceptedAt !== undefined) return;
        Object.assign(v, { callId, agentId, acceptedAt: at });
      }),
    visitEnded: (ticketId, { reason, at }) =>
      update(ticketId, (v) => {
        if (v.endedAt !== undefined) return;
        Object.assign(v, { endReason: reason, endedAt: at });
      }),
    visitWaitPredicted: (ticketId, predictedWaitMs) =>
      update(ticketId, (v) => {
        if (v.predictedWaitMs === undefined) v.predictedWaitMs = predictedWaitMs;
      }),
    visitWaitActual: (ticketId, actualWaitMs) =>
      update(ticketId, (v) => {
        if (v.actualWaitMs === undefined) v.actualWaitMs = actualWaitMs;
      }),
    visitOutcome: (ticketId, outcome, at) => update(ticketId, (v) => Object.assign(v, { outcome, outcomeAt: at })),
    visitFeedback: (ticketId, rating) => update(ticketId, (v) => void (v.feedback ??= rating)),
    helpRequested: (request) => void helpRequests.push({ ...request }),
    listHelpRequests: () => helpRequests.map((r) => ({ ...r })),
    visitNotes: (ticketId, text, at) => void notes.set(ticketId, { ticketId, notes: text, at }),
    visitTransferred: (ticketId, transfer) => void transfers.push({ ticketId, ...transfer }),
    listVisitTransfers: (ticketId) => transfers.filter((t) => t.ticketId === ticketId).map((t) => ({ ...t })),
    getVisitNotes: (ticketId) => {
      const record = notes.get(ticketId);
      return record ? { ...record } : undefined;
    },
    getVisit: (ticketId) => {
      const visit = visits.get(ticketId);
      return visit ? { ...visit } : undefined;
    },
    listVisits: () => [...visits.values()].map((v) => ({ ...v })),
    live: createMemoryLiveState(),
    enrolment: createMemoryEnrolmentStore(),
    callbacks: createMemoryCallbackStore(),
    devices: createMemoryDeviceStatusStore(),
    kioskReports: createMemoryKioskReportStore(),
    sessionTokens: createMemorySessionTokenStore(),
    close: () => {},
    deleteVisitsJoinedBefore: (cutoff) => {
      let deleted = 0;
      for (const [ticketId, visit] of visits) {
        if (visit.joinedAt >= cutoff) continue;
        visits.delete(ticketId);
        notes.delete(ticketId); // notes never outlive the visit they describe
        for (let i = transfers.length - 1; i >= 0; i--) if (transfers[i]!.ticketId === ticketId) transfers.splice(i, 1);
        deleted += 1;
      }
      return deleted;
    },
    deleteHelpRequestsBefore: (cutoff) => {
      const kept = helpRequests.filter((r) => r.at >= cutoff);
      const deleted = helpRequests.length - kept.length;
      helpRequests.splice(0, helpRequests.length, ...kept);
      return deleted;
    },
  };
}
