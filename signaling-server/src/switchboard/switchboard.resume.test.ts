import { beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { QUEUE_STATUS_MIN_INTERVAL_MS } from '../estimate/waitEstimate.js';
import { createMemoryStore } from '../store/memoryStore.js';
import type { Store } from '../store/store.js';
import { FakeClock } from '../testing/fakeClock.js';
import { agentConfig, FakeOutbox, kioskConfig } from '../testing/switchboardFixture.js';
import { Switchboard, type AttachResult, type Outbox } from './switchboard.js';

const GRACE_MS = 60_000;



describe('Switchboard resume grace', () => {
  let clock: FakeClock;
  let store: Store;
  let board: Switchboard;
  const tokens = new Map<string, string>();

  const makeBoard = (options: { holdLimits?: { maxMessages: number; maxBytes: number } } = {}) =>
    new Switchboard({ clock, store, logger: silentLogger, offerTimeoutMs: 20_000, resumeGraceMs: GRACE_MS, ...options });

  beforeEach(() => {
    clock = new FakeClock();
    store = createMemoryStore();
    board = makeBoard();
    tokens.clear();
  });

  /** Attaches (resuming with the last token when `resume`), recording the greeting as a welcome-like marker. */
  const attachKiosk = (id: string, resume = false, on: Switchboard = board) => {
    const outbox = new FakeOutbox();
    const greeted: AttachResult[] = [];
    const token = resume ? tokens.get(id) : undefined;
    const result = on.attachKiosk(kioskConfig(id), outbox, {
      ...(token ? { resumeToken: token } : {}),
      greet: (r) => {
        greeted.push(r);
        outbox.sent.push({ type: 'help.requested', step: 'waiting' }); // marks where welcome went
      },
    });
    tokens.set(id, result.resumeToken);
    return { outbox, result, greeted };
  };
  const attachAgent = (id: string, resume = false, on: Switchboard = board) => {
    const outbox = new FakeOutbox();
    const token = resume ? tokens.get(id) : undefined;
    const result = on.attachAgent(agentConfig(id), outbox, token ? { resumeToken: token } : {});
    tokens.set(id, result.resumeToken);
    return { outbox, result };
  };
  const lose = (role: 'kiosk' | 'agent', id: string, outbox: Outbox) => board.partyLost({ role, id }, outbox);

  const startCall = () => {
    const kiosk = attachKiosk('k1');
    board.joinQueue('k1', 'pensions', 'en');
    const agent = attachAgent('a1');
    board.setPresence('a1', 'available');
    const offer = agent.outbox.last('call.offer');
    if (!offer) throw new Error('no offer');
    board.acceptOffer('a1', offer.offerId);
    const callId = kiosk.outbox.last('call.start')?.callId;
    if (!callId) throw new Error('no call');
    return { kiosk, agent, callId };
  };

  it('keeps a dropped kiosk\'s place through the grace period and gives it back on resume', () => {
    const k1 = attachKiosk('k1');
    const k2 = attachKiosk('k2');
    board.joinQueue('k1', 'pensions', 'en');
    board.joinQueue('k2', 'pensions', 'en');
    const ticketId = k1.outbox.last('queue.status')?.ticketId;
    lose('kiosk', 'k1', k1.outbox);
    clock.advance(GRACE_MS - 1);
    expect(board.snapshot().waiting).toBe(2);
    expect(k2.outbox.last('queue.status')?.position).toBe(2);

    const back = attachKiosk('k1', true);
    expect(back.result.resumed).toBe(true);
    expect(back.outbox.last('queue.status')).toMatchObject({ ticketId, position: 1 });
    // The grace timer is gone: the place stays long after.
    clock.advance(10 * GRACE_MS);
    expect(board.snapshot().waiting).toBe(2);
    expect(store.getVisit(ticketId ?? '')?.endedAt).toBeUndefined();
  });

  it('gives the place up when the grace period runs out, as before', () => {
    const k1 = attachKiosk('k1');
    const k2 = attachKiosk('k2');
    board.joinQueue('k1', 'pensions', 'en');
    board.joinQueue('k2', 'pensions', 'en');
    const ticketId = k1.outbox.last('queue.status')?.ticketId ?? '';
    lose('kiosk', 'k1', k1.outbox);
    clock.advance(GRACE_MS);
    expect(board.snapshot()).toMatchObject({ kiosks: 1, waiting: 1 });
    // The periodic refresh went out at the same moment, so the new place follows at the pace.
    clock.advance(QUEUE_STATUS_MIN_INTERVAL_MS);
    expect(k2.outbox.last('queue.status')?.position).toBe(1);
    expect(store.getVisit(ticketId)?.endReason).toBe('visitor-connection-lost');
    // Too late: the token no longer resumes anything, a fresh session starts.
    const late = attachKiosk('k1', true);
    expect(late.result.resumed).toBe(false);
    expect(late.outbox.ofType('queue.status')).toEqual([]);
  });

  it('does not offer a reconnecting kiosk\'s ticket, and withdraws an offer made before the drop', () => {
    const k1 = attachKiosk('k1');
    const k2 = attachKiosk('k2');
    board.joinQueue('k1', 'pensions', 'en');
    board.joinQueue('k2', 'pensions', 'en');
    const a1 = attachAgent('a1');
    board.setPresence('a1', 'available');
    expect(a1.outbox.last('call.offer')?.ticket.kioskId).toBe('k1');
    lose('kiosk', 'k1', k1.outbox);
    expect(a1.outbox.last('call.offer-withdrawn')?.reason).toBe('visitor-left');
    // The agent gets the next visitor; k1 stays first in line.
    expect(a1.outbox.last('call.offer')?.ticket.kioskId).toBe('k2');
    const back = attachKiosk('k1', true);
    expect(back.outbox.last('queue.status')?.position).toBe(1);
    void k2;
  });

  it('a wrong or missing token starts afresh and the held session is lost at once', () => {
    const k1 = attachKiosk('k1');
    board.joinQueue('k1', 'pensions', 'en');
    const ticketId = k1.outbox.last('queue.status')?.ticketId ?? '';
    lose('kiosk', 'k1', k1.outbox);
    const fresh = attachKiosk('k1');
    expect(fresh.result.resumed).toBe(false);
    expect(board.snapshot().waiting).toBe(0);
    expect(store.getVisit(ticketId)?.endReason).toBe('visitor-connection-lost');
  });

  it('a deliberate close loses the session at once', () => {
    const k1 = attachKiosk('k1');
    board.joinQueue('k1', 'pensions', 'en');
    board.partyLost({ role: 'kiosk', id: 'k1' }, k1.outbox, { deliberate: true });
    expect(board.snapshot()).toMatchObject({ kiosks: 0, waiting: 0 });
  });

  it('tells the agent the visitor is reconnecting, holds the agent\'s signals in order, and says back on resume', () => {
    const { kiosk, agent, callId } = startCall();
    lose('kiosk', 'k1', kiosk.outbox);
    expect(agent.outbox.last('peer.status')).toEqual({ type: 'peer.status', callId, state: 'reconnecting' });
    for (const n of [1, 2, 3]) board.relaySignal({ role: 'agent', id: 'a1' }, callId, { n });
    expect(kiosk.outbox.ofType('signal')).toEqual([]);

    const back = attachKiosk('k1', true);
    const types = back.outbox.sent.map((m) => m.type);
    expect(types[0]).toBe('help.requested'); // the greeting (welcome) comes first
    expect(back.outbox.ofType('signal').map((m) => m.data['n'])).toEqual([1, 2, 3]);
    expect(back.outbox.ofType('resume.gap')).toEqual([]);
    expect(agent.outbox.last('peer.status')).toEqual({ type: 'peer.status', callId, state: 'back' });
    // The call goes on and ends cleanly, with its record.
    board.endCall({ role: 'kiosk', id: 'k1' }, callId);
    expect(back.outbox.last('call.ended')?.reason).toBe('visitor-ended');
    const visit = store.listVisits()[0];
    expect(visit).toMatchObject({ callId, endReason: 'visitor-ended' });
  });

  it('holds a bounded number of messages and says how many were dropped', () => {
    board = makeBoard({ holdLimits: { maxMessages: 2, maxBytes: 1_000_000 } });
    const { kiosk, callId } = startCall();
    lose('kiosk', 'k1', kiosk.outbox);
    for (const n of [1, 2, 3, 4, 5]) board.relaySignal({ role: 'agent', id: 'a1' }, callId, { n });
    const back = attachKiosk('k1', true);
    expect(back.outbox.ofType('signal').map((m) => m.data['n'])).toEqual([4, 5]);
    expect(back.outbox.last('resume.gap')).toEqual({ type: 'resume.gap', dropped: 3 });
  });

  it('ends the call with agent-connection-lost when the agent does not come back', () => {
    const { kiosk, agent, callId } = startCall();
    lose('agent', 'a1', agent.outbox);
    expect(kiosk.outbox.last('peer.status')).toEqual({ type: 'peer.status', callId, state: 'reconnecting' });
    clock.advance(GRACE_MS);
    expect(kiosk.outbox.last('call.ended')).toEqual({ type: 'call.ended', callId, reason: 'agent-connection-lost' });
  });

  it('a resumed agent is told its state and the call goes on', () => {
    const { kiosk, agent, callId } = startCall();
    lose('agent', 'a1', agent.outbox);
    board.relaySignal({ role: 'kiosk', id: 'k1' }, callId, { n: 1 });
    const back = attachAgent('a1', true);
    expect(back.result.resumed).toBe(true);
    expect(back.outbox.ofType('signal').map((m) => m.data['n'])).toEqual([1]);
    expect(back.outbox.last('presence.status')?.state).toBe('in-call');
    expect(kiosk.outbox.last('peer.status')?.state).toBe('back');
  });

  it('restores persisted places in order after a restart, each with its grace period', () => {
    for (const id of ['k1', 'k2', 'k3']) {
      attachKiosk(id);
      board.joinQueue(id, 'pensions', 'en');
    }
    const ticketIds = ['k1', 'k2', 'k3'].map((id) => store.live?.load().tickets.find((t) => t.kioskId === id)?.ticketId);
    board.close(); // the process dies; the store (file) remains

    clock.advance(5_000);
    const restarted = makeBoard();
    expect(restarted.restore({ kiosks: ['k1', 'k2', 'k3'].map((id) => kioskConfig(id)), agents: [] })).toEqual({ tickets: 3, calls: 0 });
    // They come back in another order; their places do not change.
    const positions = ['k3', 'k1', 'k2'].map((id) => {
      const back = attachKiosk(id, true, restarted);
      expect(back.result.resumed).toBe(true);
      return [id, back.outbox.last('queue.status')?.position, back.outbox.last('queue.status')?.ticketId];
    });
    expect(positions).toEqual([
      ['k3', 3, ticketIds[2]],
      ['k1', 1, ticketIds[0]],
      ['k2', 2, ticketIds[1]],
    ]);
    // The wait goes on from the original join.
    const status = restarted.snapshot();
    expect(status.waiting).toBe(3);
  });

  it('after a restart, a party that never comes back is let go when the grace runs out', () => {
    attachKiosk('k1');
    board.joinQueue('k1', 'pensions', 'en');
    board.close();
    const restarted = makeBoard();
    restarted.restore({ kiosks: [kioskConfig('k1')], agents: [] });
    clock.advance(GRACE_MS);
    expect(restarted.snapshot()).toMatchObject({ kiosks: 0, waiting: 0 });
    expect(store.listVisits()[0]?.endReason).toBe('visitor-connection-lost');
    expect(store.live?.load()).toEqual({ tickets: [], calls: [], sessions: [], wrapUps: [] });
  });

  it('restores an agent in wrap-up: after the restart the outcome is recorded, and the row goes with it', () => {
    const { callId } = startCall();
    board.endCall({ role: 'agent', id: 'a1' }, callId);
    expect(store.live?.load().wrapUps).toEqual([{ agentId: 'a1', callId, ticketId: store.listVisits()[0]?.ticketId }]);
    board.close();
    const restarted = makeBoard();
    restarted.restore({ kiosks: [kioskConfig('k1')], agents: [agentConfig('a1')] });
    const agent = attachAgent('a1', true, restarted);
    expect(agent.result.resumed).toBe(true);
    expect(agent.outbox.last('presence.status')).toEqual({ type: 'presence.status', state: 'wrap-up' });
    restarted.wrapUp('a1', callId, 'resolved');
    expect(store.listVisits()[0]).toMatchObject({ callId, endReason: 'agent-ended', outcome: 'resolved' });
    expect(store.live?.load().wrapUps).toEqual([]);
    expect(agent.outbox.last('presence.status')).toEqual({ type: 'presence.status', state: 'available' });
  });

  it('after a restart, an agent in wrap-up who never comes back is let go at the end of the grace, the visit without an outcome', () => {
    const { callId } = startCall();
    board.endCall({ role: 'agent', id: 'a1' }, callId);
    board.close();
    const restarted = makeBoard();
    restarted.restore({ kiosks: [kioskConfig('k1')], agents: [agentConfig('a1')] });
    clock.advance(GRACE_MS);
    expect(restarted.snapshot()).toMatchObject({ agents: 0 });
    expect(store.listVisits()[0]?.outcome).toBeUndefined();
    expect(store.live?.load().wrapUps).toEqual([]);
  });

  it('restores a call between two absent parties', () => {
    const { callId } = startCall();
    board.close();
    const restarted = makeBoard();
    expect(restarted.restore({ kiosks: [kioskConfig('k1')], agents: [agentConfig('a1')] })).toEqual({ tickets: 0, calls: 1 });
    const kiosk = attachKiosk('k1', true, restarted);
    expect(kiosk.result.resumed).toBe(true);
    expect(kiosk.outbox.last('peer.status')).toEqual({ type: 'peer.status', callId, state: 'reconnecting' });
    restarted.endCall({ role: 'kiosk', id: 'k1' }, callId);
    expect(store.getVisit(store.listVisits()[0]?.ticketId ?? '')?.endReason).toBe('visitor-ended');
  });
});
