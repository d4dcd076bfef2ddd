import type { HelpRequestRecord, Store, VisitRecord } from './store.js';

/** Records in a Map: for tests and throwaway demos. Same first-write-wins rules as SQLite. */
export function createMemoryStore(): Store {
  const visits = new Map<string, VisitRecord>();
  const helpRequests: HelpRequestRecord[] = [];
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
    visitOutcome: (ticketId, outcome, at) => update(ticketId, (v) => Object.assign(v, { outcome, outcomeAt: at })),
    visitFeedback: (ticketId, rating) => update(ticketId, (v) => void (v.feedback ??= rating)),
    helpRequested: (request) => void helpRequests.push({ ...request }),
    listHelpRequests: () => helpRequests.map((r) => ({ ...r })),
    getVisit: (ticketId) => {
      const visit = visits.get(ticketId);
      return visit ? { ...visit } : undefined;
    },
    listVisits: () => [...visits.values()].map((v) => ({ ...v })),
    close: () => {},
  };
}
