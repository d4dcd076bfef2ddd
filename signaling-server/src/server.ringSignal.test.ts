import { afterEach, describe, expect, it } from 'vitest';
import { delay } from './testing/testClient.js';
import { startTestServer, type TestServer } from './testing/testServer.js';

/** Long enough for a stray relay to arrive if the server were to send one. */
const QUIET_MS = 150;
const OFFER_SDP = { type: 'offer', sdp: 'v=0 kiosk-a' };

/**
 * `ring.signal`: while an agent's console rings, the visitor's kiosk sends it its ready-made WebRTC
 * offer, so the console can prepare its answer before the accept (docs/performance.md, "Call setup:
 * both sides ready before the accept"). It goes to that console only, and only from that kiosk.
 */
describe('ring signals: the kiosk’s offer to the console that rings for its visitor', () => {
  let t: TestServer;
  afterEach(async () => t?.stop());

  async function ringing() {
    t = await startTestServer();
    const alice = await t.agent('alice');
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send({ type: 'queue.join', serviceLine: 'passport', language: 'en' });
    const offer = await alice.next('call.offer');
    const ring = await kiosk.next('call.ringing');
    return { alice, kiosk, offer, ring };
  }

  it('names the ringing offer to the kiosk, and relays its signals to that console, untouched', async () => {
    const { alice, kiosk, offer, ring } = await ringing();
    expect(ring.offerId).toBe(offer.offerId);
    const candidate = { candidate: { candidate: 'candidate:1 1 udp 2122194687 127.0.0.1 40000 typ host', sdpMid: '0' } };
    kiosk.send({ type: 'ring.signal', offerId: ring.offerId, data: OFFER_SDP });
    kiosk.send({ type: 'ring.signal', offerId: ring.offerId, data: candidate });
    expect(await alice.next('ring.signal')).toEqual({ type: 'ring.signal', offerId: offer.offerId, data: OFFER_SDP });
    expect(await alice.next('ring.signal')).toEqual({ type: 'ring.signal', offerId: offer.offerId, data: candidate });
  });

  it('drops, without an error, the signals of a ringing that ended; the next ringing has its own offer', async () => {
    const { alice, kiosk, offer, ring } = await ringing();
    const bruno = await t.agent('bruno');
    alice.send({ type: 'call.decline', offerId: offer.offerId });
    const next = await bruno.next('call.offer');
    const nextRing = await kiosk.next('call.ringing');
    expect(nextRing.offerId).toBe(next.offerId);
    expect(nextRing.offerId).not.toBe(ring.offerId);

    // The first ringing's connection was dropped: its late signals go nowhere, and are no error.
    kiosk.send({ type: 'ring.signal', offerId: ring.offerId, data: OFFER_SDP });
    await delay(QUIET_MS);
    expect(alice.unread('ring.signal')).toEqual([]);
    expect(bruno.unread('ring.signal')).toEqual([]);
    expect(kiosk.unread('error')).toEqual([]);

    // Once accepted, the offer is over too: the signals go through the call from then on.
    bruno.send({ type: 'call.accept', offerId: next.offerId });
    await kiosk.next('call.start');
    kiosk.send({ type: 'ring.signal', offerId: next.offerId, data: OFFER_SDP });
    await delay(QUIET_MS);
    expect(bruno.unread('ring.signal')).toEqual([]);
    expect(kiosk.unread('error')).toEqual([]);
  });

  it('refuses another kiosk’s offer, and never relays it', async () => {
    const { alice, ring } = await ringing();
    const other = await t.kiosk('kiosk-b');
    other.send({ type: 'ring.signal', offerId: ring.offerId, data: OFFER_SDP });
    const error = await other.next('error');
    expect(error).toMatchObject({ code: 'NO_SUCH_OFFER', inReplyTo: 'ring.signal' });
    expect(error.message).toMatch(/offerId/);
    await delay(QUIET_MS);
    expect(alice.unread('ring.signal')).toEqual([]);
  });

  it('refuses ring signals from anyone but a kiosk', async () => {
    const { alice, ring } = await ringing();
    alice.send({ type: 'ring.signal', offerId: ring.offerId, data: OFFER_SDP });
    expect(await alice.next('error')).toMatchObject({ code: 'FORBIDDEN', inReplyTo: 'ring.signal' });
  });
});
