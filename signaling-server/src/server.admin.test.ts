import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENROL_PATH, EnrolResponse, PROTOCOL_VERSION, type ServerMessage } from '../../protocol/index.js';
import { CLOSE_CODES } from './closeCodes.js';
import { parseConfig } from './config.js';
import { ADMIN_PASSWORD_ENV, ADMIN_USERNAME_ENV, runKioskAdminCommand } from './enrolment/kioskAdmin.js';
import { silentLogger } from './logger.js';
import { createServer } from './server.js';
import { openSqliteStore } from './store/sqliteStore.js';
import { TestClient } from './testing/testClient.js';
import { startTestServer, testConfigInput, TEST_KIOSK_TOKENS, TEST_PEOPLE, type TestServer } from './testing/testServer.js';

let t: TestServer | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await t?.stop();
  t = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function kioskHello(wsUrl: string, kioskId: string, token: string): Promise<ServerMessage> {
  const client = await TestClient.connect(wsUrl);
  cleanups.push(() => client.socket.terminate());
  client.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId, token } });
  return client.nextMatching((m) => m.type === 'welcome' || m.type === 'error');
}

/** One admin command on its own connection, as `kiosk-admin --server` does. */
async function asAdmin(server: TestServer, message: unknown): Promise<ServerMessage> {
  const ada = await server.person('ada');
  ada.send(message);
  return ada.nextMatching((m) => m.type !== 'welcome');
}

describe('administrators over WebSocket', () => {
  it('revoke cuts the kiosk off at once, and reinstate lets its config token back in', async () => {
    t = await startTestServer({ sqlite: true });
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send({ type: 'queue.join', serviceLine: 'benefits', language: 'en' });
    await kiosk.next('queue.status');

    expect(await asAdmin(t, { type: 'kiosk.revoke', kioskId: 'kiosk-a' })).toEqual({ type: 'kiosk.revoked', kioskId: 'kiosk-a', closedConnections: 1 });
    expect((await kiosk.closed).code).toBe(CLOSE_CODES.authFailed);
    expect(await kioskHello(t.wsUrl, 'kiosk-a', TEST_KIOSK_TOKENS['kiosk-a'])).toMatchObject({ type: 'error', code: 'AUTH_FAILED' });
    // Its visitor's place went with the connection (a deliberate close: no grace).
    expect(t.store.listVisits()[0]).toMatchObject({ kioskId: 'kiosk-a', endReason: 'visitor-connection-lost' });
    // Other kiosks are untouched.
    expect(await kioskHello(t.wsUrl, 'kiosk-b', TEST_KIOSK_TOKENS['kiosk-b'])).toMatchObject({ type: 'welcome' });

    expect(await asAdmin(t, { type: 'kiosk.reinstate', kioskId: 'kiosk-a' })).toEqual({ type: 'kiosk.reinstated', kioskId: 'kiosk-a', allowed: true });
    expect(await kioskHello(t.wsUrl, 'kiosk-a', TEST_KIOSK_TOKENS['kiosk-a'])).toMatchObject({ type: 'welcome' });
  });

  it('keeps a revocation across a restart of the server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-admin-restart-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const config = parseConfig(testConfigInput());
    const run = async () => {
      const store = openSqliteStore(dataDir);
      const server = createServer({ config, store, logger: silentLogger });
      const { url } = await server.listen(0, '127.0.0.1');
      return { wsUrl: `${url.replace('http', 'ws')}/ws`, stop: async () => (await server.close(), store.close()) };
    };
    const first = await run();
    const ada = await TestClient.connect(first.wsUrl);
    cleanups.push(() => ada.socket.terminate());
    ada.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'admin', username: 'ada', password: TEST_PEOPLE.ada.password } });
    await ada.next('welcome');
    ada.send({ type: 'kiosk.revoke', kioskId: 'kiosk-c' });
    expect(await ada.next('kiosk.revoked')).toMatchObject({ closedConnections: 0 });
    await first.stop();

    const second = await run();
    cleanups.push(() => second.stop());
    expect(await kioskHello(second.wsUrl, 'kiosk-c', TEST_KIOSK_TOKENS['kiosk-c'])).toMatchObject({ type: 'error', code: 'AUTH_FAILED' });
    expect(await kioskHello(second.wsUrl, 'kiosk-a', TEST_KIOSK_TOKENS['kiosk-a'])).toMatchObject({ type: 'welcome' });
  });

  it('issues an enrolment code the kiosk exchanges once; revocation forgets the enrolled secret', async () => {
    t = await startTestServer({ sqlite: true });
    const issued = await asAdmin(t, { type: 'enrolment.issue', kioskId: 'kiosk-b' });
    expect(issued).toMatchObject({ type: 'enrolment.issued', kioskId: 'kiosk-b', code: expect.stringMatching(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/) });
    const code = issued.type === 'enrolment.issued' ? issued.code : '';
    const enrol = await fetch(`${t.url}${ENROL_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kioskId: 'kiosk-b', code }) });
    const { deviceSecret } = EnrolResponse.parse(await enrol.json());
    expect(await kioskHello(t.wsUrl, 'kiosk-b', deviceSecret)).toMatchObject({ type: 'welcome' });

    await asAdmin(t, { type: 'kiosk.revoke', kioskId: 'kiosk-b' });
    // A revoked kiosk gets no new code, and cannot enrol its way back in.
    expect(await asAdmin(t, { type: 'enrolment.issue', kioskId: 'kiosk-b' })).toMatchObject({ type: 'error', code: 'INVALID_STATE' });
    await asAdmin(t, { type: 'kiosk.reinstate', kioskId: 'kiosk-b' });
    // Reinstated, but the stolen device's secret stays dead: it must enrol again.
    expect(await kioskHello(t.wsUrl, 'kiosk-b', deviceSecret)).toMatchObject({ type: 'error', code: 'AUTH_FAILED' });
  });

  it('refuses a kiosk the config does not list, and cannot lift a revocation the config makes', async () => {
    const base = testConfigInput();
    t = await startTestServer({ config: { kiosks: base.kiosks.map((k) => (k.id === 'kiosk-c' ? { ...k, revoked: true } : k)) } });
    for (const type of ['kiosk.revoke', 'kiosk.reinstate', 'enrolment.issue'] as const) {
      expect(await asAdmin(t, { type, kioskId: 'kiosk-zz' })).toMatchObject({ type: 'error', code: 'INVALID_STATE', inReplyTo: type });
    }
    expect(await asAdmin(t, { type: 'kiosk.reinstate', kioskId: 'kiosk-c' })).toEqual({ type: 'kiosk.reinstated', kioskId: 'kiosk-c', allowed: false });
    expect(await kioskHello(t.wsUrl, 'kiosk-c', TEST_KIOSK_TOKENS['kiosk-c'])).toMatchObject({ type: 'error', code: 'AUTH_FAILED' });
  });
});

describe('kiosk-admin --server', () => {
  it('revokes, reinstates and issues codes as an administrator, and only as one', async () => {
    t = await startTestServer({ sqlite: true });
    const kiosk = await t.kiosk('kiosk-a');
    const env = { [ADMIN_USERNAME_ENV]: 'ada', [ADMIN_PASSWORD_ENV]: TEST_PEOPLE.ada.password };
    const revoked = await runKioskAdminCommand(['revoke', 'kiosk-a', '--server', t.url], { env });
    expect(revoked[0]).toContain('1 open connection(s) closed');
    expect((await kiosk.closed).code).toBe(CLOSE_CODES.authFailed);
    expect((await runKioskAdminCommand(['reinstate', 'kiosk-a', '--server', t.url], { env }))[0]).toContain('reinstated');
    const code = await runKioskAdminCommand(['issue-code', 'kiosk-a', '--server', t.url], { env });
    expect(code[0]).toMatch(/^Enrolment code for kiosk "kiosk-a": [2-9A-Z]{5}-[2-9A-Z]{5}$/);
    await expect(runKioskAdminCommand(['revoke', 'kiosk-zz', '--server', t.url], { env })).rejects.toThrow(/INVALID_STATE/);

    // An agent's password does not make an administrator, and a wrong password is refused.
    const agent = { [ADMIN_USERNAME_ENV]: 'alice', [ADMIN_PASSWORD_ENV]: 'alice-password' };
    await expect(runKioskAdminCommand(['revoke', 'kiosk-a', '--server', t.url], { env: agent })).rejects.toThrow(/AUTH_FAILED/);
    const wrong = { ...env, [ADMIN_PASSWORD_ENV]: 'not-it' };
    await expect(runKioskAdminCommand(['revoke', 'kiosk-a', '--server', t.url], { env: wrong })).rejects.toThrow(/AUTH_FAILED/);
    expect(await kioskHello(t.wsUrl, 'kiosk-a', TEST_KIOSK_TOKENS['kiosk-a'])).toMatchObject({ type: 'welcome' });
  });
});
