import { afterEach, describe, expect, it } from 'vitest';
import { KIOSK_REPORT_PATH, PROTOCOL_VERSION, type ServerMessage, type SiteSnapshot } from '../../protocol/index.js';
import { hashPassword } from './auth/passwords.js';
import type { TestClient } from './testing/testClient.js';
import { startTestServer, testConfigInput, TEST_KIOSK_TOKENS, type TestServer } from './testing/testServer.js';

/** A push comes at most a second after a change; this leaves room for a loaded machine. */
const SITE_WAIT_MS = 4_000;
const PROBE = 'site.probe';
const OTHER_STAFF = { id: 'staff-2', username: 'olga', password: 'olga-password' };
const OTHER_STAFF_HASH = hashPassword(OTHER_STAFF.password);

let t: TestServer | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

/** Site-1 has kiosk-a and kiosk-c, and sam; site-2 has kiosk-b, and olga. */
async function start(): Promise<TestServer> {
  const base = testConfigInput();
  t = await startTestServer({
    config: {
      sites: [...base.sites, { id: 'site-2', name: 'Other site' }],
      kiosks: base.kiosks.map((k) => (k.id === 'kiosk-b' ? { ...k, siteId: 'site-2' } : k)),
      staff: [...(base.staff ?? []), { id: OTHER_STAFF.id, username: OTHER_STAFF.username, passwordHash: OTHER_STAFF_HASH, siteId: 'site-2' }],
    },
  });
  return t;
}

async function olga(server: TestServer): Promise<TestClient> {
  const client = await server.raw();
  client.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'staff', username: OTHER_STAFF.username, password: OTHER_STAFF.password } });
  await client.next('welcome');
  return client;
}

function snapshotWhere(client: TestClient, predicate: (s: SiteSnapshot) => boolean, label: string): Promise<SiteSnapshot> {
  return client.nextMatching((m) => m.type === 'site.snapshot' && predicate(m), SITE_WAIT_MS, label) as Promise<SiteSnapshot>;
}

/** Everything the server sent before this call has arrived once the probe's error does. */
async function drained(client: TestClient): Promise<ServerMessage[]> {
  client.send({ type: PROBE });
  await client.nextMatching((m) => m.type === 'error' && m.inReplyTo === PROBE, SITE_WAIT_MS, 'probe reply');
  return client.unread();
}

const kioskRow = (snapshot: SiteSnapshot, kioskId: string) => snapshot.kiosks.find((k) => k.kioskId === kioskId);

describe('site staff over WebSocket', () => {
  it('welcomes staff with their site, then shows only that site\'s kiosks', async () => {
    const t = await start();
    const sam = await t.raw();
    sam.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'staff', username: 'sam', password: 'sam-password' } });
    expect(await sam.next('welcome')).toMatchObject({ role: 'staff', clientId: 'staff-1', siteId: 'site-1', sessionToken: expect.any(String), resumeToken: expect.any(String) });
    const first = await sam.next('site.snapshot');
    expect(first).toMatchObject({ siteId: 'site-1', siteName: 'Test site', help: [] });
    expect(first.kiosks.map((k) => k.kioskId).sort()).toEqual(['kiosk-a', 'kiosk-c']);
    expect(first.kiosks.every((k) => k.connection === 'offline' && k.activity === 'idle' && !k.outOfService)).toBe(true);

    const kioskA = await t.kiosk('kiosk-a');
    await snapshotWhere(sam, (s) => kioskRow(s, 'kiosk-a')?.connection === 'online', 'kiosk-a online');
    kioskA.send({ type: 'device.status', camera: 'missing', microphone: 'ok', speaker: 'ok' });
    const withDevices = await snapshotWhere(sam, (s) => kioskRow(s, 'kiosk-a')?.devices !== undefined, 'kiosk-a devices');
    expect(kioskRow(withDevices, 'kiosk-a')?.devices).toMatchObject({ camera: 'missing', microphone: 'ok', speaker: 'ok' });

    // Nobody serves benefits: the visitor waits, first in line.
    kioskA.send({ type: 'queue.join', serviceLine: 'benefits', language: 'en' });
    const waiting = await snapshotWhere(sam, (s) => kioskRow(s, 'kiosk-a')?.activity === 'waiting', 'kiosk-a waiting');
    expect(kioskRow(waiting, 'kiosk-a')).toMatchObject({ position: 1, waitedMs: expect.any(Number) });

    // A kiosk of the other site changes: sam hears nothing of it.
    const kioskB = await t.kiosk('kiosk-b');
    kioskB.send({ type: 'help.request', step: 'triage' });
    await kioskB.next('help.requested');
    const seen = (await drained(sam)).filter((m): m is SiteSnapshot => m.type === 'site.snapshot');
    expect(JSON.stringify(seen)).not.toContain('kiosk-b');
  });

  it('shows a help request to the site\'s staff only, who acknowledge and resolve it', async () => {
    const t = await start();
    const sam = await t.person('sam');
    await sam.next('site.snapshot');
    const other = await olga(t);
    await other.next('site.snapshot');

    const kioskA = await t.kiosk('kiosk-a');
    kioskA.send({ type: 'help.request', step: 'privacy' });
    await kioskA.next('help.requested');
    const asked = await snapshotWhere(sam, (s) => s.help.length === 1, 'help request');
    const [request] = asked.help;
    expect(request).toMatchObject({ kioskId: 'kiosk-a', step: 'privacy', waitedMs: expect.any(Number) });
    expect(request?.acknowledgedBy).toBeUndefined();
    const helpId = request?.helpId ?? '';

    // A second tap refreshes the same request (step), it does not add one.
    kioskA.send({ type: 'help.request', step: 'triage' });
    await kioskA.next('help.requested');
    const again = await snapshotWhere(sam, (s) => s.help[0]?.step === 'triage', 'refreshed request');
    expect(again.help).toEqual([expect.objectContaining({ helpId, kioskId: 'kiosk-a' })]);

    sam.send({ type: 'help.acknowledge', kioskId: 'kiosk-a', helpId });
    const acknowledged = await snapshotWhere(sam, (s) => s.help[0]?.acknowledgedBy === 'staff-1', 'acknowledged');
    expect(acknowledged.help[0]?.acknowledgedMsAgo).toEqual(expect.any(Number));

    // Olga, at the other site, saw nothing of it and cannot touch it.
    const olgaSaw = (await drained(other)).filter((m): m is SiteSnapshot => m.type === 'site.snapshot');
    expect(olgaSaw.every((s) => s.siteId === 'site-2' && s.help.length === 0)).toBe(true);
    expect(JSON.stringify(olgaSaw)).not.toContain('kiosk-a');
    other.send({ type: 'help.resolve', kioskId: 'kiosk-a', helpId });
    expect(await other.next('error')).toMatchObject({ code: 'FORBIDDEN', inReplyTo: 'help.resolve' });
    // An id that exists nowhere reads the same as another site's.
    other.send({ type: 'help.acknowledge', kioskId: 'kiosk-zz', helpId });
    expect(await other.next('error')).toMatchObject({ code: 'FORBIDDEN', message: 'kioskId: that kiosk is not at your site.' });

    // A stale or made-up help id is refused for what it is.
    sam.send({ type: 'help.resolve', kioskId: 'kiosk-a', helpId: 'help_made-up' });
    expect(await sam.next('error')).toMatchObject({ code: 'INVALID_STATE', inReplyTo: 'help.resolve' });
    sam.send({ type: 'help.resolve', kioskId: 'kiosk-a', helpId });
    await snapshotWhere(sam, (s) => s.help.length === 0, 'resolved');
    sam.send({ type: 'help.acknowledge', kioskId: 'kiosk-a', helpId });
    expect(await sam.next('error')).toMatchObject({ code: 'INVALID_STATE' });
    // The record of the request stays (help_requests); only the open card went.
    expect(t.store.listHelpRequests().map((r) => r.kioskId)).toEqual(['kiosk-a', 'kiosk-a']);
  });

  it('lets staff reset a kiosk of their own site: the queue place ends reset-by-staff, the kiosk starts over, the help card goes', async () => {
    const t = await start();
    const sam = await t.person('sam');
    await sam.next('site.snapshot');
    const other = await olga(t);
    await other.next('site.snapshot');
    const kioskA = await t.kiosk('kiosk-a');
    kioskA.send({ type: 'help.request', step: 'waiting' });
    kioskA.send({ type: 'queue.join', serviceLine: 'pensions', language: 'fr' });
    const { ticketId } = await kioskA.next('queue.status');
    await snapshotWhere(sam, (s) => s.help.length === 1 && kioskRow(s, 'kiosk-a')?.activity === 'waiting', 'waiting with help');

    // Another site's staff cannot, and learn nothing from trying.
    other.send({ type: 'kiosk.reset', kioskId: 'kiosk-a' });
    expect(await other.next('error')).toMatchObject({ code: 'FORBIDDEN', inReplyTo: 'kiosk.reset' });

    sam.send({ type: 'kiosk.reset', kioskId: 'kiosk-a' });
    expect(await kioskA.next('kiosk.reset')).toEqual({ type: 'kiosk.reset' });
    expect(t.store.getVisit(ticketId)?.endReason).toBe('reset-by-staff');
    const after = await snapshotWhere(sam, (s) => s.help.length === 0 && kioskRow(s, 'kiosk-a')?.activity === 'idle', 'reset');
    expect(kioskRow(after, 'kiosk-a')?.connection).toBe('online');
    // A kiosk that is not connected has nothing to reset.
    sam.send({ type: 'kiosk.reset', kioskId: 'kiosk-c' });
    expect(await sam.next('error')).toMatchObject({ code: 'INVALID_STATE', inReplyTo: 'kiosk.reset' });
  });

  it('shows a kiosk in a call, reconnecting, and out of service by its own report', async () => {
    const t = await start();
    const sam = await t.person('sam');
    await sam.next('site.snapshot');
    const alice = await t.agent('alice');
    const kioskA = await t.kiosk('kiosk-a');
    kioskA.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    alice.send({ type: 'call.accept', offerId: (await alice.next('call.offer')).offerId });
    await kioskA.next('call.start');
    await snapshotWhere(sam, (s) => kioskRow(s, 'kiosk-a')?.activity === 'in-call', 'in a call');

    kioskA.socket.terminate();
    await snapshotWhere(sam, (s) => kioskRow(s, 'kiosk-a')?.connection === 'reconnecting', 'reconnecting');

    const report = { kioskId: 'kiosk-c', kind: 'out-of-service', crashCount: 3, reasons: ['crashed'], outOfServiceCount: 1 };
    const response = await fetch(`${t.url}${KIOSK_REPORT_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_KIOSK_TOKENS['kiosk-c']}` },
      body: JSON.stringify(report),
    });
    expect(response.status).toBe(204);
    await snapshotWhere(sam, (s) => kioskRow(s, 'kiosk-c')?.outOfService === true, 'out of service');
  });

  it('lets staff resume after a blip and sign out for good', async () => {
    const t = await start();
    const sam = await t.raw();
    sam.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'staff', username: 'sam', password: 'sam-password' } });
    const welcome = await sam.next('welcome');
    sam.socket.terminate();

    const back = await t.raw();
    back.send({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      credentials: { role: 'staff', sessionToken: welcome.sessionToken ?? '' },
      resume: { token: welcome.resumeToken ?? '' },
    });
    expect(await back.next('welcome')).toMatchObject({ role: 'staff', resumed: true });
    await back.next('site.snapshot');
    back.send({ type: 'session.logout' });
    expect((await back.closed).code).toBe(4410);

    const stale = await t.raw();
    stale.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'staff', sessionToken: welcome.sessionToken ?? '' } });
    expect((await stale.next('error')).code).toBe('AUTH_FAILED');
  });
});
