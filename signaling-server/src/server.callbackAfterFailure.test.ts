import { afterEach, describe, expect, it } from 'vitest';
import { CALLBACK_AFTER_FAILURE_WINDOW_MS } from '../../protocol/index.js';
import { generateFieldKey } from './crypto/fieldCipher.js';
import { FakeClock } from './testing/fakeClock.js';
import { startTestServer, type TestServer } from './testing/testServer.js';

const PHONE = '5065550134';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

/** A server with callbacks on and a fake clock; heartbeats off so the clock may jump minutes. */
async function start() {
  const clock = new FakeClock(Date.now());
  t = await startTestServer({
    sqlite: true,
    clock,
    config: { heartbeatIntervalMs: 600_000, callbacks: { key: generateFieldKey() } },
  });
  return { t, clock };
}

/** kiosk-a joins, alice accepts, and the kiosk ends the call because its recovery ladder gave up. */
async function failedCall(server: TestServer) {
  const kiosk = await server.kiosk('kiosk-a');
  kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'fr' });
  const { ticketId } = await kiosk.next('queue.status');
  const alice = await server.agent('alice');
  const offer = await alice.next('call.offer');
  alice.send({ type: 'call.accept', offerId: offer.offerId });
  const { callId } = await kiosk.next('call.start');
  kiosk.send({ type: 'call.end', callId, reason: 'technical-failure' });
  expect(await kiosk.next('call.ended')).toEqual({ type: 'call.ended', callId, reason: 'technical-failure' });
  expect(await alice.next('call.ended')).toEqual({ type: 'call.ended', callId, reason: 'technical-failure' });
  return { kiosk, alice, ticketId, callId };
}

describe('a callback after a call failed for technical reasons', () => {
  it('the visit says technical-failure; the same kiosk gets a callback for it, once; an agent lists it', async () => {
    const { t, clock } = await start();
    const { kiosk, alice, ticketId } = await failedCall(t);
    expect(t.store.getVisit(ticketId)).toMatchObject({ endReason: 'technical-failure', endedAt: expect.any(Number) });

    clock.advance(CALLBACK_AFTER_FAILURE_WINDOW_MS);
    kiosk.send({ type: 'callback.request', phone: PHONE, consent: true, language: 'fr', ticketId });
    const { callbackId } = await kiosk.next('callback.requested');
    // The record keeps why the visit ended; the callback row points at it.
    expect(t.store.getVisit(ticketId)?.endReason).toBe('technical-failure');
    expect(t.store.callbacks?.get(callbackId)).toMatchObject({ ticketId, kioskId: 'kiosk-a', serviceLine: 'pensions', language: 'fr' });

    kiosk.send({ type: 'callback.request', phone: PHONE, consent: true, language: 'fr', ticketId });
    const again = await kiosk.next('error');
    expect(again).toMatchObject({ code: 'INVALID_STATE', inReplyTo: 'callback.request' });
    expect(again.message).toMatch(/already requested/);

    alice.send({ type: 'callbacks.list' });
    const pending = await alice.next('callbacks.pending');
    expect(pending.items.map((item) => item.callbackId)).toEqual([callbackId]);
  });

  it('refuses another kiosk with FORBIDDEN, even within the window', async () => {
    const { t } = await start();
    const { ticketId } = await failedCall(t);
    const other = await t.kiosk('kiosk-b');
    other.send({ type: 'callback.request', phone: PHONE, consent: true, language: 'fr', ticketId });
    const error = await other.next('error');
    expect(error).toMatchObject({ code: 'FORBIDDEN', inReplyTo: 'callback.request' });
    expect(error.message).toMatch(/^ticketId: /);
  });

  it('refuses once the window has passed, saying it is too late', async () => {
    const { t, clock } = await start();
    const { kiosk, ticketId } = await failedCall(t);
    clock.advance(CALLBACK_AFTER_FAILURE_WINDOW_MS + 1);
    kiosk.send({ type: 'callback.request', phone: PHONE, consent: true, language: 'fr', ticketId });
    const error = await kiosk.next('error');
    expect(error).toMatchObject({ code: 'INVALID_STATE', inReplyTo: 'callback.request' });
    expect(error.message).toMatch(/too late/);
  });

  it('refuses a visit that ended normally, and an agent claiming a technical failure', async () => {
    const { t } = await start();
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    const { ticketId } = await kiosk.next('queue.status');
    const alice = await t.agent('alice');
    const offer = await alice.next('call.offer');
    alice.send({ type: 'call.accept', offerId: offer.offerId });
    const { callId } = await alice.next('call.start');
    alice.send({ type: 'call.end', callId, reason: 'technical-failure' });
    expect(await alice.next('error')).toMatchObject({ code: 'FORBIDDEN', inReplyTo: 'call.end' });
    kiosk.send({ type: 'call.end', callId });
    expect((await kiosk.next('call.ended')).reason).toBe('visitor-ended');
    kiosk.send({ type: 'callback.request', phone: PHONE, consent: true, language: 'en', ticketId });
    const error = await kiosk.next('error');
    expect(error).toMatchObject({ code: 'INVALID_STATE', inReplyTo: 'callback.request' });
    expect(error.message).toMatch(/did not end with a technical failure/);
  });
});
