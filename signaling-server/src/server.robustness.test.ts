import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, PROTOCOL_VERSION } from '../../protocol/index.js';
import { delay, TestClient } from './testing/testClient.js';
import { startTestServer, type TestServer } from './testing/testServer.js';

/** Short beat so a dead socket is found in well under a second. */
const TEST_HEARTBEAT_MS = 100;

describe('bad input never breaks the server', () => {
  let t: TestServer;
  afterEach(async () => t?.stop());

  it('answers every bad frame with a coded error and still serves a normal flow afterwards', async () => {
    t = await startTestServer();
    const stranger = await t.raw();
    stranger.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    expect(await stranger.next('error')).toMatchObject({ code: 'NOT_AUTHENTICATED', inReplyTo: 'queue.join' });

    const kiosk = await t.kiosk('kiosk-a');
    const alice = await t.agent('alice');

    kiosk.send('{ this is not json');
    expect((await kiosk.next('error')).code).toBe('BAD_JSON');

    kiosk.send({ type: 'teleport', to: 'mars' });
    expect(await kiosk.next('error')).toMatchObject({ code: 'UNKNOWN_TYPE', inReplyTo: 'teleport' });

    kiosk.send({ no: 'type' });
    expect((await kiosk.next('error')).code).toBe('UNKNOWN_TYPE');

    kiosk.send({ type: 'queue.join', serviceLine: 'astrology', language: 'en' });
    const invalid = await kiosk.next('error');
    expect(invalid).toMatchObject({ code: 'INVALID_MESSAGE', inReplyTo: 'queue.join' });
    expect(invalid.message).toContain('serviceLine');

    kiosk.send({ type: 'presence.set', status: 'available' });
    expect(await kiosk.next('error')).toMatchObject({ code: 'FORBIDDEN', inReplyTo: 'presence.set' });
    alice.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    expect(await alice.next('error')).toMatchObject({ code: 'FORBIDDEN', inReplyTo: 'queue.join' });

    kiosk.send({ type: 'signal', callId: 'call_x', data: { blob: 'x'.repeat(MAX_FRAME_BYTES) } });
    expect((await kiosk.next('error')).code).toBe('FRAME_TOO_LARGE');

    kiosk.socket.send(Buffer.from([1, 2, 3]));
    expect((await kiosk.next('error')).code).toBe('INVALID_MESSAGE');

    kiosk.send('null');
    expect((await kiosk.next('error')).code).toBe('UNKNOWN_TYPE');
    kiosk.send('[]');
    expect((await kiosk.next('error')).code).toBe('UNKNOWN_TYPE');

    // After all that, the same sockets still do real work.
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    expect((await kiosk.next('queue.status')).position).toBe(1);
    const offer = await alice.next('call.offer');
    alice.send({ type: 'call.accept', offerId: offer.offerId });
    expect((await kiosk.next('call.start')).peers[0]?.initiator).toBe(true);
    const healthy = await fetch(`${t.url}/healthz`);
    expect(healthy.status).toBe(200);
  });

  it('closes (1009) a frame beyond the hard limit instead of buffering it', async () => {
    t = await startTestServer();
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send('x'.repeat(2 * 1024 * 1024));
    expect((await kiosk.closed).code).toBe(1009);
    const next = await t.kiosk('kiosk-b');
    next.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    expect((await next.next('queue.status')).position).toBe(1);
  });

  it('drops a socket that stops answering pings and records its ticket as visitor-connection-lost', async () => {
    // A short resume grace: after it the dead kiosk's place is given up as before.
    t = await startTestServer({ config: { heartbeatIntervalMs: TEST_HEARTBEAT_MS, resumeGraceMs: TEST_HEARTBEAT_MS } });
    const silent = await t.kiosk('kiosk-a', { autoPong: false });
    const healthy = await t.kiosk('kiosk-b');
    silent.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    const { ticketId } = await silent.next('queue.status');
    healthy.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    expect((await healthy.next('queue.status')).position).toBe(2);

    const started = Date.now();
    await Promise.race([silent.closed, delay(20 * TEST_HEARTBEAT_MS).then(() => Promise.reject(new Error('not dropped')))]);
    expect(Date.now() - started).toBeLessThan(10 * TEST_HEARTBEAT_MS);
    // The one behind moves up; the lost ticket is recorded.
    expect(await healthy.next('queue.status')).toMatchObject({ position: 1 });
    expect(t.store.getVisit(ticketId)?.endReason).toBe('visitor-connection-lost');
    // A client that answers pings stays connected across many beats.
    await delay(5 * TEST_HEARTBEAT_MS);
    expect(healthy.socket.readyState).toBe(healthy.socket.OPEN);
  });

  it('does not ping a socket that keeps sending, and drops it once it falls silent without answering', async () => {
    t = await startTestServer({ config: { heartbeatIntervalMs: TEST_HEARTBEAT_MS } });
    const talker = await t.kiosk('kiosk-a', { autoPong: false });
    let pings = 0;
    talker.socket.on('ping', () => (pings += 1));
    // Eight intervals of frames (well inside the rate limits): its traffic shows it is alive.
    for (let i = 0; i < 32; i++) {
      talker.send({ type: 'device.status', camera: 'ok', microphone: 'ok', speaker: 'ok' });
      await delay(TEST_HEARTBEAT_MS / 4);
    }
    expect(pings).toBe(0);
    expect(talker.socket.readyState).toBe(talker.socket.OPEN);
    // Silent and not answering pings: pinged, then dropped within three intervals (plus slack).
    await Promise.race([talker.closed, delay(20 * TEST_HEARTBEAT_MS).then(() => Promise.reject(new Error('not dropped')))]);
    expect(pings).toBeGreaterThanOrEqual(1);
  });

  it('says the version and uptime on /healthz', async () => {
    t = await startTestServer();
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', protocol: PROTOCOL_VERSION });
    expect(body['version']).toMatch(/^\d+\.\d+\.\d+/);
    expect(typeof body['uptimeSeconds']).toBe('number');
  });

  it('refuses WebSocket upgrades outside /ws', async () => {
    t = await startTestServer();
    await expect(TestClient.connect(t.wsUrl.replace('/ws', '/other'))).rejects.toThrow();
  });
});
