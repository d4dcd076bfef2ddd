import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../protocol/index.js';
import type { TestClient } from './testing/testClient.js';
import { startTestServer, TEST_KIOSK_TOKENS, type TestKioskId, type TestServer } from './testing/testServer.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

/** A kiosk hello that resumes the session the token belongs to. */
async function resumeKiosk(server: TestServer, id: TestKioskId, token: string): Promise<{ client: TestClient; resumed: boolean | undefined; resumeToken: string | undefined }> {
  const client = await server.raw();
  client.send({
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    credentials: { role: 'kiosk', kioskId: id, token: TEST_KIOSK_TOKENS[id] },
    resume: { token },
  });
  const welcome = await client.next('welcome');
  return { client, resumed: welcome.resumed, resumeToken: welcome.resumeToken };
}

async function kioskWithToken(server: TestServer, id: TestKioskId): Promise<{ client: TestClient; token: string }> {
  const client = await server.raw();
  client.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: id, token: TEST_KIOSK_TOKENS[id] } });
  const welcome = await client.next('welcome');
  if (!welcome.resumeToken) throw new Error('no resume token');
  return { client, token: welcome.resumeToken };
}

describe('resuming over WebSocket', () => {
  it('a kiosk whose socket drops while queued resumes with the same ticket and position', async () => {
    t = await startTestServer();
    const first = await kioskWithToken(t, 'kiosk-a');
    first.client.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    const before = await first.client.next('queue.status');
    const second = await t.kiosk('kiosk-b');
    second.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    expect((await second.next('queue.status')).position).toBe(2);

    first.client.socket.terminate();
    await first.client.closed;
    const back = await resumeKiosk(t, 'kiosk-a', first.token);
    expect(back.resumed).toBe(true);
    expect(back.resumeToken).not.toBe(first.token);
    expect(await back.client.next('queue.status')).toMatchObject({ ticketId: before.ticketId, position: 1 });
    expect(second.unread('queue.status')).toEqual([]);
  });

  it('during a call: the agent sees reconnecting then back, and signals sent meanwhile arrive in order', async () => {
    t = await startTestServer();
    const kiosk = await kioskWithToken(t, 'kiosk-a');
    const alice = await t.agent('alice');
    kiosk.client.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    alice.send({ type: 'call.accept', offerId: (await alice.next('call.offer')).offerId });
    const { callId } = await kiosk.client.next('call.start');

    kiosk.client.socket.terminate();
    expect(await alice.next('peer.status')).toEqual({ type: 'peer.status', callId, state: 'reconnecting' });
    for (const n of [1, 2, 3]) alice.send({ type: 'signal', callId, data: { n } });
    // Let the server handle them before the kiosk is back.
    await alice.nextMatching(() => false, 100).catch(() => undefined);

    const back = await resumeKiosk(t, 'kiosk-a', kiosk.token);
    expect(back.resumed).toBe(true);
    const signals = [await back.client.next('signal'), await back.client.next('signal'), await back.client.next('signal')];
    expect(signals.map((s) => s.data['n'])).toEqual([1, 2, 3]);
    expect(await alice.next('peer.status')).toEqual({ type: 'peer.status', callId, state: 'back' });

    // Signaling works both ways again, and the call ends cleanly with its record.
    back.client.send({ type: 'signal', callId, data: { n: 4 } });
    expect((await alice.next('signal')).data).toEqual({ n: 4 });
    back.client.send({ type: 'call.end', callId });
    expect((await alice.next('call.ended')).reason).toBe('visitor-ended');
    expect(t.store.listVisits()[0]).toMatchObject({ callId, endReason: 'visitor-ended' });
  });

  it('a kiosk that says goodbye (close 1000) gives its place up at once', async () => {
    t = await startTestServer();
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    const { ticketId } = await kiosk.next('queue.status');
    const other = await t.kiosk('kiosk-b');
    other.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    expect((await other.next('queue.status')).position).toBe(2);
    kiosk.socket.close(1000, 'client leaving');
    expect((await other.next('queue.status')).position).toBe(1);
    expect(t.store.getVisit(ticketId)?.endReason).toBe('visitor-connection-lost');
  });
});
