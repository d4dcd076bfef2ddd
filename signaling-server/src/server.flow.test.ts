import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from './store/sqliteStore.js';
import { delay } from './testing/testClient.js';
import { startTestServer, type TestServer } from './testing/testServer.js';

/** Long enough for a stray relay to arrive if the server were to send one. */
const QUIET_MS = 150;

describe('queue, offers and calls over WebSocket', () => {
  let t: TestServer;
  afterEach(async () => t?.stop());

  it('keeps two kiosks in arrival order and moves the second up when the first leaves', async () => {
    t = await startTestServer();
    const a = await t.kiosk('kiosk-a');
    const b = await t.kiosk('kiosk-b');
    a.send({ type: 'queue.join', serviceLine: 'passport', language: 'en' });
    const aStatus = await a.next('queue.status');
    b.send({ type: 'queue.join', serviceLine: 'passport', language: 'en' });
    const bStatus = await b.next('queue.status');
    expect([aStatus.position, bStatus.position]).toEqual([1, 2]);
    expect(aStatus.ticketId).not.toBe(bStatus.ticketId);

    a.send({ type: 'queue.join', serviceLine: 'passport', language: 'en' });
    expect((await a.next('error')).code).toBe('ALREADY_QUEUED');

    a.send({ type: 'queue.leave' });
    expect(await a.next('queue.left')).toEqual({ type: 'queue.left', ticketId: aStatus.ticketId, reason: 'visitor-left-queue' });
    expect(await b.next('queue.status')).toMatchObject({ ticketId: bStatus.ticketId, position: 1 });
    a.send({ type: 'queue.leave' });
    expect((await a.next('error')).code).toBe('NOT_QUEUED');
    expect(t.store.getVisit(aStatus.ticketId)?.endReason).toBe('visitor-left-queue');
  });

  it('offers the first kiosk to the agent, moves on after a decline, and starts the call on accept', async () => {
    t = await startTestServer();
    const a = await t.kiosk('kiosk-a');
    const b = await t.kiosk('kiosk-b');
    a.send({ type: 'queue.join', serviceLine: 'pensions', language: 'fr' });
    const aTicket = (await a.next('queue.status')).ticketId;
    b.send({ type: 'queue.join', serviceLine: 'pensions', language: 'fr' });
    await b.next('queue.status');

    const alice = await t.agent('alice');
    const offer = await alice.next('call.offer');
    expect(offer.ticket).toMatchObject({ ticketId: aTicket, serviceLine: 'pensions', language: 'fr', siteId: 'site-1', kioskId: 'kiosk-a' });
    expect(offer.expiresInMs).toBe(20_000);
    expect((await alice.next('presence.status')).state).toBe('offered');

    // Chloe (fr pensions) gets the second kiosk while the first is on offer to Alice.
    const chloe = await t.agent('chloe');
    const chloeOffer = await chloe.next('call.offer');
    expect(chloeOffer.ticket.kioskId).toBe('kiosk-b');

    alice.send({ type: 'call.decline', offerId: offer.offerId });
    expect((await alice.next('presence.status')).state).toBe('available');
    chloe.send({ type: 'call.decline', offerId: offer.offerId });
    expect((await chloe.next('error')).code).toBe('NO_SUCH_OFFER');

    // Declined by Alice, kiosk-a is not offered to her again; she gets kiosk-b once Chloe declines it.
    chloe.send({ type: 'call.decline', offerId: chloeOffer.offerId });
    const second = await alice.next('call.offer');
    expect(second.ticket.kioskId).toBe('kiosk-b');
    const chloeNext = await chloe.next('call.offer');
    expect(chloeNext.ticket.kioskId).toBe('kiosk-a');

    chloe.send({ type: 'call.accept', offerId: chloeNext.offerId });
    const kioskStart = await a.next('call.start');
    const agentStart = await chloe.next('call.start');
    expect(kioskStart?.peers).toEqual([{ memberId: agentStart?.selfId, role: 'agent', initiator: true }]);
    expect(agentStart).toMatchObject({ peers: [{ memberId: kioskStart?.selfId, role: 'kiosk', initiator: false }], callId: kioskStart?.callId });
    expect(agentStart.ticket.ticketId).toBe(aTicket);
    expect(await chloe.nextMatching((m) => m.type === 'presence.status' && m.state === 'in-call')).toBeTruthy();
    // kiosk-a left the queue by starting its call; kiosk-b moves to position 1 (estimate refreshes may come first).
    expect(await b.nextMatching((m) => m.type === 'queue.status' && m.position === 1)).toBeTruthy();
  });

  it('relays signals only between the members of a call', async () => {
    t = await startTestServer();
    const kiosk = await t.kiosk('kiosk-a');
    const otherKiosk = await t.kiosk('kiosk-b');
    const alice = await t.agent('alice');
    const bruno = await t.agent('bruno');
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    const offer = await alice.next('call.offer');
    alice.send({ type: 'call.accept', offerId: offer.offerId });
    const { callId, selfId } = await kiosk.next('call.start');
    await alice.next('call.start');

    kiosk.send({ type: 'signal', callId, data: { type: 'offer', sdp: 'v=0 kiosk' } });
    expect(await alice.next('signal')).toEqual({ type: 'signal', callId, from: selfId, data: { type: 'offer', sdp: 'v=0 kiosk' } });
    alice.send({ type: 'signal', callId, data: { type: 'answer', sdp: 'v=0 agent' } });
    expect((await kiosk.next('signal')).data).toEqual({ type: 'answer', sdp: 'v=0 agent' });

    // Outsiders who know the call id can neither inject nor listen.
    bruno.send({ type: 'signal', callId, data: { candidate: 'evil' } });
    expect(await bruno.next('error')).toMatchObject({ code: 'NOT_IN_CALL', inReplyTo: 'signal' });
    otherKiosk.send({ type: 'signal', callId, data: { candidate: 'evil' } });
    expect((await otherKiosk.next('error')).code).toBe('NOT_IN_CALL');
    otherKiosk.send({ type: 'call.end', callId });
    expect((await otherKiosk.next('error')).code).toBe('NOT_IN_CALL');
    kiosk.send({ type: 'signal', callId, data: { candidate: 'real' } });
    expect((await alice.next('signal')).data).toEqual({ candidate: 'real' });
    await delay(QUIET_MS);
    expect(alice.unread('signal')).toEqual([]);
    expect(kiosk.unread('signal')).toEqual([]);
    expect(bruno.unread('signal')).toEqual([]);
    expect(otherKiosk.unread('signal')).toEqual([]);
    expect(kiosk.unread('call.ended')).toEqual([]);
  });

  it('ends a call, takes the wrap-up outcome and writes the whole visit to SQLite', async () => {
    t = await startTestServer({ sqlite: true });
    const kiosk = await t.kiosk('kiosk-a');
    const alice = await t.agent('alice');
    kiosk.send({ type: 'queue.join', serviceLine: 'employment-insurance', language: 'en' });
    const { ticketId } = await kiosk.next('queue.status');
    const offer = await alice.next('call.offer');
    alice.send({ type: 'call.accept', offerId: offer.offerId });
    const { callId } = await kiosk.next('call.start');

    alice.send({ type: 'call.wrapup', callId, outcome: 'resolved' });
    expect((await alice.next('error')).code).toBe('INVALID_STATE');

    kiosk.send({ type: 'call.end', callId });
    expect(await kiosk.next('call.ended')).toEqual({ type: 'call.ended', callId, reason: 'visitor-ended' });
    expect(await alice.next('call.ended')).toEqual({ type: 'call.ended', callId, reason: 'visitor-ended' });
    expect((await alice.nextMatching((m) => m.type === 'presence.status' && m.state === 'wrap-up'))).toBeTruthy();
    alice.send({ type: 'presence.set', status: 'available' });
    expect((await alice.next('error')).code).toBe('INVALID_STATE');
    alice.send({ type: 'call.wrapup', callId: 'call_other', outcome: 'resolved' });
    expect((await alice.next('error')).code).toBe('NOT_IN_CALL');
    alice.send({ type: 'call.wrapup', callId, outcome: 'referred' });
    expect((await alice.nextMatching((m) => m.type === 'presence.status' && m.state === 'available'))).toBeTruthy();

    // The kiosk can queue the next visitor.
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    expect((await alice.next('call.offer')).ticket.serviceLine).toBe('pensions');

    const db = new Database(join(t.dataDir ?? '', SQLITE_FILE_NAME), { readonly: true });
    const row = db.prepare('SELECT * FROM visits WHERE ticket_id = ?').get(ticketId) as Record<string, unknown>;
    db.close();
    expect(row).toMatchObject({
      ticket_id: ticketId,
      call_id: callId,
      site_id: 'site-1',
      kiosk_id: 'kiosk-a',
      agent_id: 'agent-1',
      service_line: 'employment-insurance',
      language: 'en',
      end_reason: 'visitor-ended',
      outcome: 'referred',
    });
    for (const column of ['joined_at', 'offered_at', 'accepted_at', 'ended_at', 'outcome_at']) {
      expect(typeof row[column]).toBe('number');
    }
    expect(row['joined_at'] as number).toBeLessThanOrEqual(row['offered_at'] as number);
    expect(row['accepted_at'] as number).toBeLessThanOrEqual(row['ended_at'] as number);
  });

  it('tells the kiosk when the agent drops, and the agent when the kiosk drops (after the resume grace)', async () => {
    t = await startTestServer({ config: { resumeGraceMs: 50 } });
    const kiosk = await t.kiosk('kiosk-a');
    const alice = await t.agent('alice');
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    alice.send({ type: 'call.accept', offerId: (await alice.next('call.offer')).offerId });
    const { callId, ticket } = await kiosk.next('call.start');
    alice.socket.terminate();
    expect(await kiosk.next('call.ended')).toEqual({ type: 'call.ended', callId, reason: 'agent-connection-lost' });
    expect(t.store.getVisit(ticket.ticketId)?.endReason).toBe('agent-connection-lost');

    const bruno = await t.agent('bruno');
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    bruno.send({ type: 'call.accept', offerId: (await bruno.next('call.offer')).offerId });
    const second = await bruno.next('call.start');
    kiosk.socket.terminate();
    expect(await bruno.next('call.ended')).toEqual({ type: 'call.ended', callId: second.callId, reason: 'visitor-connection-lost' });
    expect((await bruno.nextMatching((m) => m.type === 'presence.status' && m.state === 'wrap-up'))).toBeTruthy();
  });

  it('withdraws an offer when the visitor leaves, and gives the ticket to another agent when the offered agent drops', async () => {
    t = await startTestServer();
    const kiosk = await t.kiosk('kiosk-a');
    const alice = await t.agent('alice');
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    await kiosk.next('queue.status');
    const offer = await alice.next('call.offer');
    kiosk.send({ type: 'queue.leave' });
    expect(await alice.next('call.offer-withdrawn')).toEqual({ type: 'call.offer-withdrawn', offerId: offer.offerId, reason: 'visitor-left' });

    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    const { ticketId } = await kiosk.next('queue.status');
    await alice.next('call.offer');
    const bruno = await t.agent('bruno');
    alice.socket.terminate();
    const moved = await bruno.next('call.offer');
    expect(moved.ticket.ticketId).toBe(ticketId);
  });

  it('expires an unanswered offer: agent away, ticket keeps its place', async () => {
    t = await startTestServer({ config: { offerTimeoutMs: 100 } });
    const kiosk = await t.kiosk('kiosk-a');
    const alice = await t.agent('alice');
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    const { ticketId } = await kiosk.next('queue.status');
    const offer = await alice.next('call.offer');
    expect(await alice.next('call.offer-withdrawn')).toEqual({ type: 'call.offer-withdrawn', offerId: offer.offerId, reason: 'expired' });
    expect((await alice.nextMatching((m) => m.type === 'presence.status' && m.state === 'away'))).toBeTruthy();
    const bruno = await t.agent('bruno');
    expect((await bruno.next('call.offer')).ticket.ticketId).toBe(ticketId);
    alice.send({ type: 'call.accept', offerId: offer.offerId });
    expect((await alice.next('error')).code).toBe('NO_SUCH_OFFER');
  });
});
