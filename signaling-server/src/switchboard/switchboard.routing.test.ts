import { beforeEach, describe, expect, it } from 'vitest';
import type { AgentConfig } from '../config.js';
import { QUEUE_STATUS_MIN_INTERVAL_MS, QUEUE_STATUS_REFRESH_MS } from '../estimate/waitEstimate.js';
import { estimateErrorReport } from '../estimate/estimateErrorReport.js';
import { silentLogger } from '../logger.js';
import { resolveRoutingConfig } from '../queue/routingConfig.js';
import { createMemoryStore } from '../store/memoryStore.js';
import type { Store } from '../store/store.js';
import { FakeClock } from '../testing/fakeClock.js';
import { agentConfig as sharedAgentConfig, FakeOutbox, kioskConfig } from '../testing/switchboardFixture.js';
import { Switchboard } from './switchboard.js';

const OFFER_TIMEOUT_MS = 20_000;
const MIN = 60_000;
const DEFAULT_HANDLE_MS = 6 * MIN;


/** This file's agents: pensions only, unless a test says otherwise. */
const agentConfig = (id: string, over: Partial<AgentConfig> = {}): AgentConfig => sharedAgentConfig(id, { ...{ serviceLines: ['pensions'] }, ...over });

describe('Switchboard routing: skills, priority, escalation, offers', () => {
  let clock: FakeClock;
  let store: Store;
  let board: Switchboard;

  beforeEach(() => {
    clock = new FakeClock();
    store = createMemoryStore();
    board = new Switchboard({
      clock,
      store,
      logger: silentLogger,
      offerTimeoutMs: OFFER_TIMEOUT_MS,
      routing: resolveRoutingConfig({
        maxPriorityLeadMs: 5 * MIN,
        defaultHandleTimeMs: DEFAULT_HANDLE_MS,
        escalation: { passport: { afterMs: 2 * MIN, alsoServedBy: ['pensions'] } },
      }),
    });
  });

  const addKiosk = (id: string) => {
    const outbox = new FakeOutbox();
    board.attachKiosk(kioskConfig(id), outbox);
    return outbox;
  };
  const addAgent = (id: string, over: Partial<AgentConfig> = {}, available = true) => {
    const outbox = new FakeOutbox();
    board.attachAgent(agentConfig(id, over), outbox);
    if (available) board.setPresence(id, 'available');
    return outbox;
  };

  it('offers a visitor needing an interpreter only to an agent who serves through that interpreter', () => {
    const k = addKiosk('k1');
    board.joinQueue('k1', 'pensions', 'fr', undefined, { interpreterLanguage: 'lsq' });
    const plain = addAgent('plain');
    const asl = addAgent('asl', { interpreterLanguages: ['asl'] });
    expect(plain.ofType('call.offer')).toHaveLength(0);
    expect(asl.ofType('call.offer')).toHaveLength(0);
    const lsq = addAgent('lsq', { interpreterLanguages: ['lsq'] });
    expect(lsq.last('call.offer')?.ticket.ticketId).toBe(k.last('queue.status')?.ticketId);
  });

  it('offers an urgent visitor before a normal one who arrived less than the lead earlier', () => {
    const normal = addKiosk('normal');
    const urgent = addKiosk('urgent');
    board.joinQueue('normal', 'pensions', 'en');
    clock.advance(MIN);
    board.joinQueue('urgent', 'pensions', 'en', undefined, { priority: 'urgent' });
    const a = addAgent('a');
    expect(a.last('call.offer')?.ticket.ticketId).toBe(urgent.last('queue.status')?.ticketId);
    // The normal visitor keeps their own place: first in the normal line.
    expect(normal.last('queue.status')?.position).toBe(1);
  });

  it('serves a normal visitor who has waited the lead before a newly arrived urgent one', () => {
    const normal = addKiosk('normal');
    addKiosk('urgent');
    board.joinQueue('normal', 'pensions', 'en');
    clock.advance(5 * MIN + 1);
    board.joinQueue('urgent', 'pensions', 'en', undefined, { priority: 'urgent' });
    const a = addAgent('a');
    expect(a.last('call.offer')?.ticket.ticketId).toBe(normal.last('queue.status')?.ticketId);
  });

  it('escalates to the wider line after the configured wait, on its own timer', () => {
    const k = addKiosk('k1');
    const pensionsAgent = addAgent('pensions-agent');
    board.joinQueue('k1', 'passport', 'en');
    expect(pensionsAgent.ofType('call.offer')).toHaveLength(0);
    clock.advance(2 * MIN - 1);
    expect(pensionsAgent.ofType('call.offer')).toHaveLength(0);
    // Nothing else happens: the escalation timer alone makes the offer.
    clock.advance(1);
    expect(pensionsAgent.last('call.offer')?.ticket.ticketId).toBe(k.last('queue.status')?.ticketId);
  });

  it('prefers no one over the escalation before the time, and an exact agent whenever one is free', () => {
    const k = addKiosk('k1');
    board.joinQueue('k1', 'passport', 'en');
    const exact = addAgent('exact', { serviceLines: ['passport'] });
    const wide = addAgent('wide');
    expect(exact.last('call.offer')?.ticket.ticketId).toBe(k.last('queue.status')?.ticketId);
    expect(wide.ofType('call.offer')).toHaveLength(0);
  });

  it('moves an unanswered or declined offer to the next agent, keeping the place, never two offers at once', () => {
    const k1 = addKiosk('k1');
    const k2 = addKiosk('k2');
    board.joinQueue('k1', 'pensions', 'en');
    board.joinQueue('k2', 'pensions', 'en');
    const a1 = addAgent('a1');
    const first = a1.last('call.offer');
    expect(first?.ticket.ticketId).toBe(k1.last('queue.status')?.ticketId);
    const a2 = addAgent('a2');
    expect(a2.last('call.offer')?.ticket.ticketId).toBe(k2.last('queue.status')?.ticketId);
    // a2 declines k2; a1 lets k1 expire: each ticket goes on, in its place, to the other free agent only.
    board.declineOffer('a2', a2.last('call.offer')!.offerId);
    expect(a2.ofType('call.offer')).toHaveLength(1);
    clock.advance(OFFER_TIMEOUT_MS);
    expect(a1.last('presence.status')?.state).toBe('away');
    expect(a2.ofType('call.offer')).toHaveLength(2);
    expect(a2.last('call.offer')?.ticket.ticketId).toBe(k1.last('queue.status')?.ticketId);
    expect(k1.last('queue.status')?.position).toBe(1);
    expect(k2.last('queue.status')?.position).toBe(2);
    // Each agent held at most one offer at a time: offers and their endings alternate.
    for (const agent of [a1, a2]) {
      let open = 0;
      for (const m of agent.sent) {
        if (m.type === 'call.offer') open += 1;
        if (m.type === 'call.offer-withdrawn' || (m.type === 'presence.status' && m.state !== 'offered')) open = 0;
        expect(open).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('Switchboard wait estimates', () => {
  let clock: FakeClock;
  let store: Store;
  let board: Switchboard;

  beforeEach(() => {
    clock = new FakeClock();
    store = createMemoryStore();
    board = new Switchboard({
      clock,
      store,
      logger: silentLogger,
      offerTimeoutMs: OFFER_TIMEOUT_MS,
      routing: resolveRoutingConfig({ defaultHandleTimeMs: DEFAULT_HANDLE_MS, callbackOfferAboveMs: 10 * MIN }),
    });
  });
  const addKiosk = (id: string) => {
    const outbox = new FakeOutbox();
    board.attachKiosk(kioskConfig(id), outbox);
    return outbox;
  };
  const addAgent = (id: string, available = true) => {
    const outbox = new FakeOutbox();
    board.attachAgent(agentConfig(id), outbox);
    if (available) board.setPresence(id, 'available');
    return outbox;
  };

  it('estimates ceil(position / eligible agents) × the default handle time with no history', () => {
    const kiosks = ['k1', 'k2', 'k3'].map(addKiosk);
    ['k1', 'k2', 'k3'].forEach((id) => board.joinQueue(id, 'pensions', 'en'));
    // Nobody logged in: counted as one agent so the estimate stays finite.
    expect(kiosks.map((k) => k.last('queue.status')?.estimatedWaitMs)).toEqual([1, 2, 3].map((p) => p * DEFAULT_HANDLE_MS));
    // An away agent is not counted; the line's estimates do not change, so nothing is sent.
    const before = kiosks[2]!.ofType('queue.status').length;
    addAgent('away', false);
    expect(kiosks[2]!.ofType('queue.status')).toHaveLength(before);
  });

  it('counts an agent for the estimates while signed in and connected: not while dropped, again once back, not after leaving', () => {
    const agents = ['a', 'b', 'c'].map((id) => {
      const outbox = new FakeOutbox();
      const { resumeToken } = board.attachAgent(agentConfig(id), outbox);
      board.setPresence(id, 'available');
      return { id, outbox, resumeToken };
    });
    // Three visitors take the three agents into calls: busy agents still count.
    ['x1', 'x2', 'x3'].forEach((id) => {
      addKiosk(id);
      board.joinQueue(id, 'pensions', 'en');
    });
    for (const a of agents) board.acceptOffer(a.id, a.outbox.last('call.offer')!.offerId);
    const k3 = ['k1', 'k2', 'k3'].map((id) => {
      const outbox = addKiosk(id);
      board.joinQueue(id, 'pensions', 'en');
      return outbox;
    })[2]!;
    const estimateAfterRefresh = () => {
      clock.advance(QUEUE_STATUS_REFRESH_MS);
      return k3.last('queue.status')?.estimatedWaitMs;
    };
    expect(k3.last('queue.status')?.estimatedWaitMs).toBe(1 * DEFAULT_HANDLE_MS);
    // b's connection drops: held for the grace period, but not counted as someone who will answer.
    const b = agents[1]!;
    board.partyLost({ role: 'agent', id: 'b' }, b.outbox);
    expect(estimateAfterRefresh()).toBe(2 * DEFAULT_HANDLE_MS);
    board.attachAgent(agentConfig('b'), new FakeOutbox(), { resumeToken: b.resumeToken });
    expect(estimateAfterRefresh()).toBe(1 * DEFAULT_HANDLE_MS);
    // c leaves on purpose: gone for good.
    board.partyLost({ role: 'agent', id: 'c' }, agents[2]!.outbox, { deliberate: true });
    expect(estimateAfterRefresh()).toBe(2 * DEFAULT_HANDLE_MS);
  });

  it('learns handle times (accept → wrap-up) and re-sends estimates that changed', () => {
    addKiosk('k1');
    board.joinQueue('k1', 'pensions', 'en');
    const a = addAgent('a');
    board.acceptOffer('a', a.last('call.offer')!.offerId);
    const callId = a.last('call.start')!.callId;
    const k2 = addKiosk('k2');
    const k3 = addKiosk('k3');
    board.joinQueue('k2', 'pensions', 'en');
    board.joinQueue('k3', 'pensions', 'en');
    // One agent (in a call counts: they will be free again), no history yet.
    expect(k3.last('queue.status')?.estimatedWaitMs).toBe(2 * DEFAULT_HANDLE_MS);
    clock.advance(2 * MIN);
    board.endCall({ role: 'kiosk', id: 'k1' }, callId);
    clock.advance(MIN);
    board.wrapUp('a', callId, 'resolved');
    // k2 is offered to a; k3 stays second, and its next status uses the 3-minute handle time.
    expect(a.last('call.offer')?.ticket.ticketId).toBe(k2.last('queue.status')?.ticketId);
    clock.advance(QUEUE_STATUS_REFRESH_MS);
    expect(k3.last('queue.status')?.estimatedWaitMs).toBe(2 * 3 * MIN);
    // A second agent halves the rounds: re-sent as soon as the pace allows (the refresh just
    // went out), not at the next tick.
    addAgent('b');
    expect(k3.last('queue.status')?.estimatedWaitMs).toBe(2 * 3 * MIN);
    clock.advance(QUEUE_STATUS_MIN_INTERVAL_MS);
    expect(k3.last('queue.status')?.estimatedWaitMs).toBe(1 * 3 * MIN);
  });

  it('tells a kiosk its new place once per pace interval when several ahead leave at once, the latest place', () => {
    const kiosks = ['k1', 'k2', 'k3', 'k4'].map((id) => {
      const outbox = addKiosk(id);
      board.joinQueue(id, 'pensions', 'en');
      return outbox;
    });
    const last = kiosks[3]!;
    const places = () => last.ofType('queue.status').map((status) => status.position);
    expect(places()).toEqual([4]);
    clock.advance(QUEUE_STATUS_MIN_INTERVAL_MS);
    // The first departure is told at once; the next two, 100 ms apart, are owed as one.
    board.leaveQueue('k1');
    clock.advance(100);
    board.leaveQueue('k2');
    clock.advance(100);
    board.leaveQueue('k3');
    expect(places()).toEqual([4, 3]);
    clock.advance(QUEUE_STATUS_MIN_INTERVAL_MS - 201);
    expect(places()).toEqual([4, 3]);
    clock.advance(1);
    expect(places()).toEqual([4, 3, 1]);
    // Nothing more is owed.
    clock.advance(QUEUE_STATUS_MIN_INTERVAL_MS * 3);
    expect(places()).toEqual([4, 3, 1]);
  });

  it('owes nothing to a visitor who left before the paced status was due', () => {
    const [, second] = ['k1', 'k2'].map((id) => {
      const outbox = addKiosk(id);
      board.joinQueue(id, 'pensions', 'en');
      return outbox;
    });
    board.leaveQueue('k1');
    board.leaveQueue('k2');
    clock.advance(QUEUE_STATUS_MIN_INTERVAL_MS);
    expect(second!.ofType('queue.status').map((status) => status.position)).toEqual([2]);
  });

  it('refreshes every waiting kiosk every 15 s with the time waited, and stops when nobody waits', () => {
    const k = addKiosk('k1');
    board.joinQueue('k1', 'pensions', 'en');
    expect(k.ofType('queue.status')).toHaveLength(1);
    clock.advance(QUEUE_STATUS_REFRESH_MS - 1);
    expect(k.ofType('queue.status')).toHaveLength(1);
    clock.advance(1);
    expect(k.ofType('queue.status')).toHaveLength(2);
    expect(k.last('queue.status')?.waitedMs).toBe(QUEUE_STATUS_REFRESH_MS);
    clock.advance(QUEUE_STATUS_REFRESH_MS * 2);
    expect(k.ofType('queue.status')).toHaveLength(4);
    expect(k.last('queue.status')?.waitedMs).toBe(3 * QUEUE_STATUS_REFRESH_MS);
    board.leaveQueue('k1');
    expect(clock.pendingTimers).toBe(0);
  });

  it('says callbackOffered only when callbacks are on and the estimate is above the threshold', () => {
    const kiosks = Array.from({ length: 2 }, (_, i) => addKiosk(`k${i}`));
    kiosks.forEach((_, i) => board.joinQueue(`k${i}`, 'pensions', 'en'));
    // 6 and 12 minutes, but no callback desk: never offered.
    expect(kiosks.map((k) => k.last('queue.status')?.callbackOffered)).toEqual([false, false]);
  });

  it('records the predicted wait at join and the actual wait at accept, and reports the error', () => {
    addKiosk('k1');
    addKiosk('k2');
    board.joinQueue('k1', 'pensions', 'en');
    board.joinQueue('k2', 'pensions', 'en');
    const tickets = store.listVisits().map((v) => v.ticketId);
    expect(store.listVisits().map((v) => v.predictedWaitMs)).toEqual([DEFAULT_HANDLE_MS, 2 * DEFAULT_HANDLE_MS]);
    clock.advance(4 * MIN);
    const a = addAgent('a');
    board.acceptOffer('a', a.last('call.offer')!.offerId);
    expect(store.getVisit(tickets[0]!)?.actualWaitMs).toBe(4 * MIN);
    expect(store.getVisit(tickets[1]!)?.actualWaitMs).toBeUndefined();
    // Predicted 6, waited 4: over by 2 minutes.
    expect(estimateErrorReport(store)).toEqual({ visits: 1, meanAbsoluteErrorMs: 2 * MIN, biasMs: 2 * MIN });
  });
});
