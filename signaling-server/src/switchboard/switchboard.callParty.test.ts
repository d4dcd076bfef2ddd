import { beforeEach, describe, expect, it } from 'vitest';
import type { InterpreterLanguage, TriageSummary } from '../../../protocol/index.js';
import { silentLogger } from '../logger.js';
import { ProtocolError } from '../protocolError.js';
import { createMemoryStore } from '../store/memoryStore.js';
import type { Store } from '../store/store.js';
import { FakeClock } from '../testing/fakeClock.js';
import { agentConfig, FakeOutbox, kioskConfig } from '../testing/switchboardFixture.js';
import { Switchboard } from './switchboard.js';

const OFFER_TIMEOUT_MS = 20_000;
const triage: TriageSummary = {
  catalogueVersion: '2025.1',
  path: [{ questionId: 'start', optionId: 'pensions' }],
  outcomeId: 'pensions-agent',
  serviceLine: 'pensions',
  interpreter: false,
  language: 'fr',
};

describe('Switchboard: warm transfer and interpreters', () => {
  let clock: FakeClock;
  let store: Store;
  let board: Switchboard;
  let kiosk: FakeOutbox;
  let first: FakeOutbox;
  let callId: string;

  const addAgent = (id: string, serviceLines: ('pensions' | 'passport')[] = ['pensions', 'passport']) => {
    const outbox = new FakeOutbox();
    board.attachAgent(agentConfig(id, { serviceLines }), outbox);
    board.setPresence(id, 'available');
    return outbox;
  };
  const addInterpreter = (id: string, interpreterLanguages: InterpreterLanguage[]) => {
    const outbox = new FakeOutbox();
    board.attachAgent(agentConfig(id, { serviceLines: [], interpreterLanguages }), outbox, {}, 'interpreter');
    board.setPresence(id, 'available');
    return outbox;
  };
  const refusal = (act: () => void) => {
    try {
      act();
    } catch (error) {
      if (error instanceof ProtocolError) return error.code;
      throw error;
    }
    return 'accepted';
  };

  beforeEach(() => {
    clock = new FakeClock();
    store = createMemoryStore();
    board = new Switchboard({ clock, store, logger: silentLogger, offerTimeoutMs: OFFER_TIMEOUT_MS });
    kiosk = new FakeOutbox();
    board.attachKiosk(kioskConfig('k1'), kiosk);
    board.joinQueue('k1', 'passport', 'fr', { ...triage, serviceLine: 'passport' });
    first = addAgent('a1', ['passport']);
    board.acceptOffer('a1', first.last('call.offer')!.offerId);
    callId = first.last('call.start')!.callId;
  });

  it('starts a two-member call: each side learns its member id, its peer, and who writes the offer', () => {
    const atKiosk = kiosk.last('call.start')!;
    const atAgent = first.last('call.start')!;
    expect(atKiosk.peers).toEqual([{ memberId: atAgent.selfId, role: 'agent', initiator: true }]);
    expect(atAgent.peers).toEqual([{ memberId: atKiosk.selfId, role: 'kiosk', initiator: false }]);
    board.relaySignal({ role: 'kiosk', id: 'k1' }, callId, { sdp: 'offer' });
    expect(first.last('signal')).toEqual({ type: 'signal', callId, from: atKiosk.selfId, data: { sdp: 'offer' } });
  });

  it('transfers warmly: the colleague gets the summary and the note, joins, and the first agent leaves after', () => {
    const second = addAgent('a2', ['pensions']);
    board.transferCall('a1', callId, { serviceLine: 'pensions', handover: { note: 'Wants to split CPP credits.' } });
    expect(first.ofType('call.transfer.status').map((s) => s.state)).toEqual(['waiting', 'offered']);
    const offer = second.last('call.offer')!;
    expect(offer.handover).toEqual({ note: 'Wants to split CPP credits.' });
    expect(offer.ticket.triage?.outcomeId).toBe('pensions-agent');
    // The visitor is in a call, not waiting: no queue status reaches the kiosk for the transfer,
    // and its call is ready already (one ringing, for the first agent's offer).
    const statusesBefore = kiosk.ofType('queue.status').length;
    expect(kiosk.ofType('call.ringing')).toHaveLength(1);

    board.acceptOffer('a2', offer.offerId);
    expect(kiosk.ofType('queue.status')).toHaveLength(statusesBefore);
    const joined = second.last('call.start')!;
    expect(joined.callId).toBe(callId);
    expect(joined.handover).toEqual({ note: 'Wants to split CPP credits.' });
    expect(joined.ticket.triage?.path).toEqual(triage.path);
    // The newcomer writes the offers towards both members already there; they answer.
    expect(joined.peers.map((p) => [p.role, p.initiator])).toEqual([
      ['kiosk', true],
      ['agent', true],
    ]);
    expect(kiosk.last('call.member')).toMatchObject({ memberId: joined.selfId, role: 'agent', state: 'joined' });
    expect(first.last('call.member')).toMatchObject({ memberId: joined.selfId, state: 'joined' });
    expect(first.last('call.transfer.status')?.state).toBe('joined');

    // Three members: a signal must say whom it is for.
    expect(refusal(() => board.relaySignal({ role: 'agent', id: 'a2' }, callId, { sdp: 'x' }))).toBe('INVALID_STATE');
    board.relaySignal({ role: 'agent', id: 'a2' }, callId, { sdp: 'x' }, kiosk.last('call.start')!.selfId);
    expect(kiosk.last('signal')?.from).toBe(joined.selfId);
    expect(first.ofType('signal')).toHaveLength(0);

    board.leaveCall({ role: 'agent', id: 'a1' }, callId);
    expect(first.last('call.left')).toEqual({ type: 'call.left', callId, reason: 'transferred' });
    expect(board.agentState('a1')).toBe('available');
    expect(kiosk.last('call.member')).toMatchObject({ role: 'agent', state: 'left' });
    expect(kiosk.ofType('call.ended')).toHaveLength(0);
    // The colleague holds the call now: their end moves them, not the first agent, to wrap-up.
    board.endCall({ role: 'agent', id: 'a2' }, callId);
    expect(board.agentState('a2')).toBe('wrap-up');
    board.wrapUp('a2', callId, 'resolved');
    const ticketId = kiosk.last('call.start')!.ticket.ticketId;
    expect(store.getVisit(ticketId)).toMatchObject({ agentId: 'a1', outcome: 'resolved' });
    expect(store.listVisitTransfers(ticketId)).toEqual([{ ticketId, fromAgentId: 'a1', toAgentId: 'a2', at: clock.now() }]);
  });

  it('keeps the visitor with the first agent when a pinned colleague declines, and refuses a second agent leaving alone', () => {
    const second = addAgent('a2', ['pensions']);
    board.transferCall('a1', callId, { serviceLine: 'pensions', agentId: 'a2' });
    board.declineOffer('a2', second.last('call.offer')!.offerId);
    expect(first.last('call.transfer.status')).toMatchObject({ state: 'failed', reason: 'declined' });
    expect(board.snapshot().waiting).toBe(0);
    expect(refusal(() => board.leaveCall({ role: 'agent', id: 'a1' }, callId))).toBe('INVALID_STATE');
    expect(kiosk.ofType('call.ended')).toHaveLength(0);
  });

  it('lists the holder’s colleagues by work name, free ones first, never interpreters or the holder', () => {
    const busy = new FakeOutbox();
    board.attachAgent(agentConfig('a4', { displayName: 'Zoé B.', serviceLines: ['pensions'] }), busy);
    board.attachAgent(agentConfig('a2', { displayName: 'Marie T.', serviceLines: ['pensions'] }), new FakeOutbox());
    board.setPresence('a2', 'available');
    addAgent('x3', ['passport']);
    addInterpreter('i1', ['iu']);
    const colleagues = board.colleaguesFor('a1', callId);
    expect(colleagues.map((c) => [c.agentId, c.displayName, c.state])).toEqual([
      ['a2', 'Marie T.', 'available'],
      // No work name configured: the opaque id, never the username.
      ['x3', 'x3', 'available'],
      ['a4', 'Zoé B.', 'away'],
    ]);
    expect(colleagues[0]).toMatchObject({ serviceLines: ['pensions'], languages: ['en', 'fr'] });
    // Only the holder asks: a colleague who is not in the call, or an interpreter in it, is refused.
    expect(refusal(() => board.colleaguesFor('a2', callId))).toBe('NOT_IN_CALL');

    // The one picked is the only one offered the transfer.
    board.transferCall('a1', callId, { serviceLine: 'pensions', agentId: 'a2' });
    expect(busy.ofType('call.offer')).toHaveLength(0);
  });

  it('offers a line transfer only to agents of that line, and takes it back on cancel', () => {
    const passportOnly = addAgent('a3', ['passport']);
    board.transferCall('a1', callId, { serviceLine: 'pensions' });
    expect(passportOnly.ofType('call.offer')).toHaveLength(0);
    expect(first.last('call.transfer.status')?.state).toBe('waiting');
    const pensions = addAgent('a2', ['pensions']);
    const offer = pensions.last('call.offer')!;
    board.cancelTransfer('a1', callId);
    expect(pensions.last('call.offer-withdrawn')?.offerId).toBe(offer.offerId);
    expect(first.last('call.transfer.status')?.state).toBe('cancelled');
    expect(refusal(() => board.acceptOffer('a2', offer.offerId))).toBe('NO_SUCH_OFFER');
  });

  it('takes a waiting transfer back when the call ends first, and tells the first agent why', () => {
    const second = addAgent('a2', ['pensions']);
    board.transferCall('a1', callId, { serviceLine: 'pensions' });
    const offer = second.last('call.offer')!;
    board.endCall({ role: 'kiosk', id: 'k1' }, callId);
    expect(first.last('call.transfer.status')).toMatchObject({ state: 'failed', reason: 'call-ended' });
    expect(second.last('call.offer-withdrawn')?.offerId).toBe(offer.offerId);
    expect(board.snapshot().waiting).toBe(0);
  });

  it('lets only the agent who holds the call transfer it, and only one transfer at a time', () => {
    addAgent('a2', ['pensions']);
    expect(refusal(() => board.transferCall('a2', callId, { serviceLine: 'pensions' }))).toBe('NOT_IN_CALL');
    expect(refusal(() => board.transferCall('a1', callId, { serviceLine: 'pensions', agentId: 'nobody' }))).toBe('INVALID_STATE');
    board.transferCall('a1', callId, { serviceLine: 'pensions' });
    expect(refusal(() => board.transferCall('a1', callId, { serviceLine: 'pensions' }))).toBe('INVALID_STATE');
  });

  it('brings in an interpreter of the language asked, three ways, and removes them', () => {
    const cree = addInterpreter('i-cr', ['cr']);
    const inuktitut = addInterpreter('i-iu', ['iu']);
    board.inviteInterpreter('a1', callId, 'iu');
    expect(cree.ofType('interpreter.offer')).toHaveLength(0);
    const invitation = inuktitut.last('interpreter.offer')!;
    expect(invitation.ticket.triage?.language).toBe('fr');
    expect(first.last('interpreter.status')?.state).toBe('inviting');
    // An interpreter cannot take the visitor's own offers: no visitor offer ever reaches them.
    expect(inuktitut.ofType('call.offer')).toHaveLength(0);

    board.acceptInterpreterOffer('i-iu', invitation.offerId);
    const start = inuktitut.last('call.start')!;
    expect(start.interpreterLanguage).toBe('iu');
    expect(start.peers.map((p) => p.role).sort()).toEqual(['agent', 'kiosk']);
    expect(start.peers.every((p) => p.initiator)).toBe(true);
    expect(kiosk.last('call.member')).toMatchObject({ role: 'interpreter', state: 'joined' });
    expect(first.last('interpreter.status')?.state).toBe('joined');

    // Chat reaches all three.
    board.relayChat({ role: 'kiosk', id: 'k1' }, callId, 'Bonjour');
    expect(inuktitut.last('chat.message')?.text).toBe('Bonjour');

    board.removeInterpreter('a1', callId);
    expect(inuktitut.last('call.left')?.reason).toBe('removed');
    expect(board.agentState('i-iu')).toBe('available');
    expect(kiosk.last('call.member')).toMatchObject({ role: 'interpreter', state: 'left' });
    expect(refusal(() => board.relaySignal({ role: 'interpreter', id: 'i-iu' }, callId, { sdp: 'x' }))).toBe('NOT_IN_CALL');
  });

  it('asks the next interpreter when one declines or does not answer, and says when none is left', () => {
    const one = addInterpreter('i-1', ['asl']);
    clock.advance(1000);
    const two = addInterpreter('i-2', ['asl']);
    board.inviteInterpreter('a1', callId, 'asl');
    // The longest idle first.
    board.declineInterpreterOffer('i-1', one.last('interpreter.offer')!.offerId);
    expect(two.ofType('interpreter.offer')).toHaveLength(1);
    clock.advance(OFFER_TIMEOUT_MS);
    expect(two.last('call.offer-withdrawn')?.reason).toBe('expired');
    expect(board.agentState('i-2')).toBe('away');
    expect(first.last('interpreter.status')?.state).toBe('unavailable');
  });

  it('ends the call for everyone when the last agent ends it, freeing the interpreter', () => {
    const interpreter = addInterpreter('i-1', ['lsq']);
    board.inviteInterpreter('a1', callId, 'lsq');
    board.acceptInterpreterOffer('i-1', interpreter.last('interpreter.offer')!.offerId);
    board.endCall({ role: 'agent', id: 'a1' }, callId);
    expect(interpreter.last('call.ended')?.callId).toBe(callId);
    expect(board.agentState('i-1')).toBe('available');
    expect(board.agentState('a1')).toBe('wrap-up');
  });

  it('does not tell the visitor "your agent is reconnecting" when it is the interpreter whose link dropped', () => {
    const interpreterOutbox = addInterpreter('i-1', ['asl']);
    board.inviteInterpreter('a1', callId, 'asl');
    board.acceptInterpreterOffer('i-1', interpreterOutbox.last('interpreter.offer')!.offerId);
    board.partyLost({ role: 'interpreter', id: 'i-1' }, interpreterOutbox);
    expect(kiosk.ofType('peer.status')).toHaveLength(0);
    board.partyLost({ role: 'agent', id: 'a1' }, first);
    expect(kiosk.last('peer.status')).toEqual({ type: 'peer.status', callId, state: 'reconnecting' });
  });

  it('lets the call go on when the interpreter is lost, and ends it when the kiosk is', () => {
    const interpreterOutbox = addInterpreter('i-1', ['mic']);
    board.inviteInterpreter('a1', callId, 'mic');
    board.acceptInterpreterOffer('i-1', interpreterOutbox.last('interpreter.offer')!.offerId);
    board.partyLost({ role: 'interpreter', id: 'i-1' }, interpreterOutbox, { deliberate: true });
    expect(kiosk.last('call.member')).toMatchObject({ role: 'interpreter', state: 'left' });
    expect(first.last('interpreter.status')?.state).toBe('left');
    expect(kiosk.ofType('call.ended')).toHaveLength(0);
    board.partyLost({ role: 'kiosk', id: 'k1' }, kiosk, { deliberate: true });
    expect(first.last('call.ended')?.reason).toBe('visitor-connection-lost');
  });
});
