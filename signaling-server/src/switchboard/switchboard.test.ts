import { beforeEach, describe, expect, it } from 'vitest';
import type { AgentConfig } from '../config.js';
import { silentLogger } from '../logger.js';
import { ProtocolError } from '../protocolError.js';
import { createMemoryStore } from '../store/memoryStore.js';
import type { Store } from '../store/store.js';
import { FakeClock } from '../testing/fakeClock.js';
import { agentConfig, FakeOutbox, kioskConfig } from '../testing/switchboardFixture.js';
import { DECLINE_REOFFER_COOLDOWN_MS, Switchboard } from './switchboard.js';

const OFFER_TIMEOUT_MS = 20_000;



describe('Switchboard dispatching', () => {
  let clock: FakeClock;
  let store: Store;
  let board: Switchboard;

  beforeEach(() => {
    clock = new FakeClock();
    store = createMemoryStore();
    board = new Switchboard({ clock, store, logger: silentLogger, offerTimeoutMs: OFFER_TIMEOUT_MS });
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

  it('offers the longest-waiting matching ticket to an agent who becomes available', () => {
    const k1 = addKiosk('k1');
    const k2 = addKiosk('k2');
    board.joinQueue('k1', 'passport', 'en');
    clock.advance(1000);
    board.joinQueue('k2', 'pensions', 'fr');
    const agent = addAgent('a1');
    const offer = agent.last('call.offer');
    expect(offer?.ticket.ticketId).toBe(k1.last('queue.status')?.ticketId);
    expect(offer?.ticket.waitedMs).toBe(1000);
    expect(offer?.expiresInMs).toBe(OFFER_TIMEOUT_MS);
    expect(agent.last('presence.status')?.state).toBe('offered');
    expect(board.agentState('a1')).toBe('offered');
    expect(k2.ofType('queue.status')).toHaveLength(1);
    // The visitor's kiosk makes its side of the call ready while the console rings; the other waits on.
    expect(k1.ofType('call.ringing')).toEqual([{ type: 'call.ringing', ticketId: offer?.ticket.ticketId, offerId: offer?.offerId }]);
    expect(k2.ofType('call.ringing')).toHaveLength(0);
  });

  it('offers a ticket to one agent at a time and gives each agent one offer', () => {
    addKiosk('k1');
    board.joinQueue('k1', 'pensions', 'en');
    const a1 = addAgent('a1');
    const a2 = addAgent('a2');
    expect(a1.ofType('call.offer')).toHaveLength(1);
    expect(a2.ofType('call.offer')).toHaveLength(0);
    addKiosk('k2');
    board.joinQueue('k2', 'pensions', 'en');
    // The second ticket goes to the second agent; the first agent keeps only its offer.
    expect(a1.ofType('call.offer')).toHaveLength(1);
    expect(a2.ofType('call.offer')).toHaveLength(1);
    expect(board.snapshot().offers).toBe(2);
  });

  it('after a decline offers the ticket to the next agent and not back to the decliner until the cooldown ends', () => {
    addKiosk('k1');
    board.joinQueue('k1', 'pensions', 'en');
    const a1 = addAgent('a1');
    const a2 = addAgent('a2');
    const offer = a1.last('call.offer');
    board.declineOffer('a1', offer?.offerId ?? '');
    expect(a1.last('presence.status')?.state).toBe('available');
    const second = a2.last('call.offer');
    expect(second?.ticket.ticketId).toBe(offer?.ticket.ticketId);
    board.declineOffer('a2', second?.offerId ?? '');
    // Both declined: nobody is offered it again until the cooldown ends.
    expect(a1.ofType('call.offer')).toHaveLength(1);
    clock.advance(DECLINE_REOFFER_COOLDOWN_MS);
    expect(a1.ofType('call.offer')).toHaveLength(2);
  });

  it('expires an unanswered offer: agent away, ticket keeps its place and goes to the next agent', () => {
    const k1 = addKiosk('k1');
    const k2 = addKiosk('k2');
    board.joinQueue('k1', 'pensions', 'en');
    board.joinQueue('k2', 'pensions', 'en');
    const a1 = addAgent('a1');
    const offer = a1.last('call.offer');
    clock.advance(OFFER_TIMEOUT_MS - 1);
    expect(a1.ofType('call.offer-withdrawn')).toHaveLength(0);
    const a2 = addAgent('a2');
    // a2 got the second ticket while the first is still on offer to a1.
    expect(a2.last('call.offer')?.ticket.ticketId).toBe(k2.last('queue.status')?.ticketId);
    board.declineOffer('a2', a2.last('call.offer')?.offerId ?? '');
    clock.advance(1);
    expect(a1.last('call.offer-withdrawn')).toEqual({ type: 'call.offer-withdrawn', offerId: offer?.offerId, reason: 'expired' });
    expect(a1.last('presence.status')?.state).toBe('away');
    // The expired ticket is still first in line and is now offered to a2.
    expect(k1.last('queue.status')?.position).toBe(1);
    expect(a2.last('call.offer')?.ticket.ticketId).toBe(k1.last('queue.status')?.ticketId);
  });

  it('withdraws the offer with visitor-left when the visitor leaves, and the agent is available again', () => {
    const k1 = addKiosk('k1');
    board.joinQueue('k1', 'pensions', 'en');
    const a1 = addAgent('a1');
    board.leaveQueue('k1');
    expect(k1.last('queue.left')?.reason).toBe('visitor-left-queue');
    expect(a1.last('call.offer-withdrawn')?.reason).toBe('visitor-left');
    expect(a1.last('presence.status')?.state).toBe('available');
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects actions that do not fit the state with coded errors', () => {
    addKiosk('k1');
    board.joinQueue('k1', 'pensions', 'en');
    expect(() => board.joinQueue('k1', 'pensions', 'en')).toThrow(ProtocolError);
    const a1 = addAgent('a1', {}, false);
    expect(() => board.acceptOffer('a1', 'offer_nope')).toThrowError(expect.objectContaining({ code: 'NO_SUCH_OFFER' }));
    expect(() => board.wrapUp('a1', 'call_x', 'resolved')).toThrowError(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(a1.ofType('call.offer')).toHaveLength(0);
  });

  it('runs a full call: accept, signal to the other member only, end, wrap-up', () => {
    const k1 = addKiosk('k1');
    board.joinQueue('k1', 'pensions', 'en');
    const a1 = addAgent('a1');
    const offer = a1.last('call.offer');
    clock.advance(3_000);
    board.acceptOffer('a1', offer?.offerId ?? '');
    const kioskStart = k1.last('call.start');
    const agentStart = a1.last('call.start');
    expect(kioskStart?.peers).toEqual([{ memberId: agentStart?.selfId, role: 'agent', initiator: true }]);
    expect(agentStart).toMatchObject({ peers: [{ memberId: kioskStart?.selfId, role: 'kiosk', initiator: false }], callId: kioskStart?.callId });
    const callId = kioskStart?.callId ?? '';
    board.relaySignal({ role: 'kiosk', id: 'k1' }, callId, { sdp: 'x' });
    expect(a1.last('signal')).toEqual({ type: 'signal', callId, from: kioskStart?.selfId, data: { sdp: 'x' } });
    expect(k1.ofType('signal')).toHaveLength(0);
    expect(() => board.relaySignal({ role: 'agent', id: 'a2' }, callId, {})).toThrowError(
      expect.objectContaining({ code: 'NOT_IN_CALL' }),
    );
    board.endCall({ role: 'agent', id: 'a1' }, callId);
    expect(k1.last('call.ended')?.reason).toBe('agent-ended');
    expect(a1.last('presence.status')?.state).toBe('wrap-up');
    board.wrapUp('a1', callId, 'resolved');
    expect(a1.last('presence.status')?.state).toBe('available');
    const visit = store.listVisits()[0];
    expect(visit).toMatchObject({ callId, agentId: 'a1', endReason: 'agent-ended', outcome: 'resolved' });
    expect(visit?.acceptedAt).toBe((visit?.joinedAt ?? 0) + 3_000);
  });

  it('replacing a kiosk connection closes the old one and drops its ticket', () => {
    const old = addKiosk('k1');
    board.joinQueue('k1', 'pensions', 'en');
    addKiosk('k1');
    expect(old.closedWith).toBe(4409);
    expect(board.snapshot().waiting).toBe(0);
    expect(store.listVisits()[0]?.endReason).toBe('visitor-connection-lost');
  });
});
