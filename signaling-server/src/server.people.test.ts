import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Credentials } from '../../protocol/index.js';
import { MAX_FAILED_LOGINS } from './auth/loginLockout.js';
import { CLOSE_CODES } from './closeCodes.js';
import { LOCKED_MESSAGE } from './security/helloGuard.js';
import { startTestServer, testConfigInput, TEST_KIOSK_TOKENS, TEST_PEOPLE, type TestServer } from './testing/testServer.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function hello(server: TestServer, credentials: Credentials) {
  const client = await server.raw();
  client.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials });
  const reply = await client.nextMatching((m) => m.type === 'welcome' || m.type === 'error');
  return { client, reply };
}

describe('people: interpreters, site staff and administrators sign in like agents', () => {
  it('welcomes each role with its own id, a session token, and the site for staff only', async () => {
    t = await startTestServer();
    const interpreter = await hello(t, { role: 'interpreter', username: 'ivan', password: TEST_PEOPLE.ivan.password });
    expect(interpreter.reply).toMatchObject({ type: 'welcome', role: 'interpreter', clientId: 'interp-1', sessionToken: expect.any(String) });
    expect(interpreter.reply).not.toHaveProperty('siteId');
    // An interpreter is an agent session that starts away and is never offered a visitor.
    expect(await interpreter.client.next('presence.status')).toEqual({ type: 'presence.status', state: 'away' });

    const staff = await hello(t, { role: 'staff', username: 'sam', password: TEST_PEOPLE.sam.password });
    expect(staff.reply).toMatchObject({ type: 'welcome', role: 'staff', clientId: 'staff-1', siteId: 'site-1' });

    const admin = await hello(t, { role: 'admin', username: 'ada', password: TEST_PEOPLE.ada.password });
    expect(admin.reply).toMatchObject({ type: 'welcome', role: 'admin', clientId: 'admin-1', sessionToken: expect.any(String) });
    expect(admin.reply).not.toHaveProperty('siteId');
    expect(admin.reply).not.toHaveProperty('resumeToken');
  });

  it('refuses a username under another role than its own, exactly like a wrong password', async () => {
    t = await startTestServer();
    for (const credentials of [
      { role: 'staff', username: 'alice', password: 'alice-password' },
      { role: 'admin', username: 'sam', password: TEST_PEOPLE.sam.password },
      { role: 'agent', username: 'ivan', password: TEST_PEOPLE.ivan.password },
      { role: 'interpreter', username: 'ada', password: TEST_PEOPLE.ada.password },
    ] as const) {
      const { client, reply } = await hello(t, credentials);
      expect(reply).toEqual({ type: 'error', code: 'AUTH_FAILED', message: expect.any(String), inReplyTo: 'hello' });
      expect((await client.closed).code).toBe(CLOSE_CODES.authFailed);
    }
  });

  it('never lets a session token open another role than the one it was issued for', async () => {
    t = await startTestServer();
    const { client, reply } = await hello(t, { role: 'staff', username: 'sam', password: TEST_PEOPLE.sam.password });
    const token = reply.type === 'welcome' ? (reply.sessionToken ?? '') : '';
    client.close();
    for (const role of ['agent', 'admin', 'interpreter'] as const) {
      expect((await hello(t, { role, sessionToken: token })).reply).toMatchObject({ code: 'AUTH_FAILED' });
    }
    expect((await hello(t, { role: 'staff', sessionToken: token })).reply).toMatchObject({ type: 'welcome', role: 'staff' });
  });

  it('ends every person\'s session with session.logout', async () => {
    t = await startTestServer();
    for (const name of ['ivan', 'sam', 'ada'] as const) {
      const { role, password } = TEST_PEOPLE[name];
      const { client, reply } = await hello(t, { role, username: name, password });
      const token = reply.type === 'welcome' ? (reply.sessionToken ?? '') : '';
      client.send({ type: 'session.logout' });
      expect((await client.closed).code).toBe(CLOSE_CODES.loggedOut);
      expect((await hello(t, { role, sessionToken: token })).reply).toMatchObject({ code: 'AUTH_FAILED' });
    }
  });

  it('locks a staff member\'s username after repeated wrong passwords, whatever role was claimed', async () => {
    t = await startTestServer();
    for (let i = 0; i < MAX_FAILED_LOGINS; i += 1) {
      const role = i % 2 === 0 ? 'staff' : 'agent';
      expect((await hello(t, { role, username: 'sam', password: `wrong-${i}` })).reply).toMatchObject({ code: 'AUTH_FAILED' });
    }
    const locked = await hello(t, { role: 'staff', username: 'sam', password: TEST_PEOPLE.sam.password });
    expect(locked.reply).toMatchObject({ code: 'AUTH_FAILED', message: LOCKED_MESSAGE });
  });

  it('never offers a waiting visitor to an interpreter', async () => {
    t = await startTestServer();
    const { client: ivan } = await hello(t, { role: 'interpreter', username: 'ivan', password: TEST_PEOPLE.ivan.password });
    await ivan.next('presence.status');
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    await kiosk.next('queue.status');
    // Dispatch ran before queue.status was sent; the probe's answer comes after anything sent to ivan before it.
    ivan.send({ type: 'people.probe' });
    await ivan.nextMatching((m) => m.type === 'error' && m.inReplyTo === 'people.probe');
    expect(ivan.unread('call.offer')).toEqual([]);
  });
});

describe('kiosks without a config token', () => {
  it('are refused until they enrol: there is nothing to compare their token with', async () => {
    const base = testConfigInput();
    t = await startTestServer({ config: { kiosks: base.kiosks.map((k) => (k.id === 'kiosk-a' ? { id: k.id, siteId: k.siteId } : k)) } });
    for (const token of [TEST_KIOSK_TOKENS['kiosk-a'], '0'.repeat(64)]) {
      expect((await hello(t, { role: 'kiosk', kioskId: 'kiosk-a', token })).reply).toMatchObject({ code: 'AUTH_FAILED' });
    }
    expect((await hello(t, { role: 'kiosk', kioskId: 'kiosk-b', token: TEST_KIOSK_TOKENS['kiosk-b'] })).reply).toMatchObject({ type: 'welcome' });
  });
});
