import { afterEach, describe, expect, it } from 'vitest';
import type { TriageSummary } from '../../../protocol/index.js';
import { startTestServer, type TestServer } from '../testing/testServer.js';

const summary: TriageSummary = {
  catalogueVersion: '2025.1',
  path: [
    { questionId: 'start', optionId: 'passport' },
    { questionId: 'passport-need', optionId: 'renew' },
  ],
  outcomeId: 'passport-agent',
  serviceLine: 'passport',
  interpreter: true,
  language: 'fr',
};

describe('the kiosk journey on the server: tell us once, help, feedback', () => {
  let t: TestServer;
  afterEach(async () => t?.stop());

  it('carries the triage summary to the agent on the offer and the call start', async () => {
    t = await startTestServer();
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send({ type: 'queue.join', serviceLine: 'passport', language: 'fr', summary });
    await kiosk.next('queue.status');
    const alice = await t.agent('alice');
    const offer = await alice.next('call.offer');
    expect(offer.ticket.triage).toEqual(summary);
    alice.send({ type: 'call.accept', offerId: offer.offerId });
    expect((await alice.next('call.start')).ticket.triage).toEqual(summary);
  });

  it('records a help request with kiosk, site and step, and answers it', async () => {
    t = await startTestServer({ sqlite: true });
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send({ type: 'help.request', step: 'outcome' });
    expect(await kiosk.next('help.requested')).toEqual({ type: 'help.requested', step: 'outcome' });
    expect(t.store.listHelpRequests()).toEqual([{ kioskId: 'kiosk-a', siteId: 'site-1', step: 'outcome', at: expect.any(Number) }]);
  });

  it('refuses help requests from agents', async () => {
    t = await startTestServer();
    const alice = await t.agent('alice');
    alice.send({ type: 'help.request', step: 'welcome' });
    expect(await alice.next('error')).toMatchObject({ code: 'FORBIDDEN', inReplyTo: 'help.request' });
  });

  it('records the survey rating on the visit once, and only from the kiosk that had the call', async () => {
    t = await startTestServer({ sqlite: true });
    const kiosk = await t.kiosk('kiosk-a');
    const other = await t.kiosk('kiosk-b');
    kiosk.send({ type: 'queue.join', serviceLine: 'employment-insurance', language: 'en' });
    const { ticketId } = await kiosk.next('queue.status');

    // Before the call there is nothing to rate.
    kiosk.send({ type: 'visit.feedback', ticketId, rating: 4 });
    expect(await kiosk.next('error')).toMatchObject({ code: 'INVALID_STATE', inReplyTo: 'visit.feedback' });

    const alice = await t.agent('alice');
    const offer = await alice.next('call.offer');
    alice.send({ type: 'call.accept', offerId: offer.offerId });
    const { callId } = await kiosk.next('call.start');
    kiosk.send({ type: 'call.end', callId });
    await kiosk.next('call.ended');

    other.send({ type: 'visit.feedback', ticketId, rating: 1 });
    expect((await other.next('error')).code).toBe('INVALID_STATE');
    kiosk.send({ type: 'visit.feedback', ticketId, rating: 5 });
    kiosk.send({ type: 'visit.feedback', ticketId, rating: 2 });
    kiosk.send({ type: 'help.request', step: 'survey' });
    await kiosk.next('help.requested');
    expect(t.store.getVisit(ticketId)?.feedback).toBe(5);
  });
});
