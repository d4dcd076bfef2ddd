import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../protocol/index.js';
import { CLOSE_CODES } from './closeCodes.js';
import { startTestServer, TEST_KIOSK_TOKENS, type TestServer } from './testing/testServer.js';

describe('authentication over WebSocket', () => {
  let t: TestServer;
  afterEach(async () => t?.stop());

  it('welcomes a kiosk with its site and the ICE servers', async () => {
    t = await startTestServer({ config: { iceServers: [{ urls: 'stun:stun.example.org' }] } });
    const client = await t.raw();
    client.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: 'kiosk-a', token: TEST_KIOSK_TOKENS['kiosk-a'] } });
    expect(await client.next('welcome')).toEqual({
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      role: 'kiosk',
      clientId: 'kiosk-a',
      siteId: 'site-1',
      iceServers: [{ urls: 'stun:stun.example.org' }],
      heartbeatIntervalMs: 10_000,
      // No field key in this config: the kiosk is told it cannot offer callbacks.
      callbacks: false,
      resumeToken: expect.any(String) as unknown,
      resumed: false,
    });
  });

  it('refuses a bad kiosk token with AUTH_FAILED and closes the socket', async () => {
    t = await startTestServer();
    const client = await t.raw();
    client.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: 'kiosk-a', token: 'wrong-token-123' } });
    expect(await client.next('error')).toMatchObject({ code: 'AUTH_FAILED', inReplyTo: 'hello' });
    expect((await client.closed).code).toBe(CLOSE_CODES.authFailed);
  });

  it('refuses an unknown kiosk the same way', async () => {
    t = await startTestServer();
    const client = await t.raw();
    client.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: 'kiosk-zz', token: TEST_KIOSK_TOKENS['kiosk-a'] } });
    expect((await client.next('error')).code).toBe('AUTH_FAILED');
    expect((await client.closed).code).toBe(CLOSE_CODES.authFailed);
  });

  it('refuses a bad agent password and an unknown username with AUTH_FAILED and closes', async () => {
    t = await startTestServer();
    for (const credentials of [
      { role: 'agent', username: 'alice', password: 'not-her-password' },
      { role: 'agent', username: 'mallory', password: 'whatever' },
    ]) {
      const client = await t.raw();
      client.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials });
      expect((await client.next('error')).code).toBe('AUTH_FAILED');
      expect((await client.closed).code).toBe(CLOSE_CODES.authFailed);
    }
  });

  it('lets an agent log in again with the session token, not with a made-up one', async () => {
    t = await startTestServer();
    const first = await t.raw();
    first.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'agent', username: 'alice', password: 'alice-password' } });
    const welcome = await first.next('welcome');
    expect(welcome).toMatchObject({ role: 'agent', clientId: 'agent-1' });
    expect(welcome.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    first.close();

    const again = await t.raw();
    again.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'agent', sessionToken: welcome.sessionToken } });
    expect(await again.next('welcome')).toMatchObject({ role: 'agent', clientId: 'agent-1' });

    const forged = await t.raw();
    forged.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'agent', sessionToken: 'made-up-session-token' } });
    expect((await forged.next('error')).code).toBe('AUTH_FAILED');
  });

  it('refuses another protocol version with UNSUPPORTED_PROTOCOL and closes', async () => {
    t = await startTestServer();
    const client = await t.raw();
    client.send({ type: 'hello', protocol: PROTOCOL_VERSION + 1, credentials: { role: 'kiosk', kioskId: 'kiosk-a', token: TEST_KIOSK_TOKENS['kiosk-a'] } });
    expect((await client.next('error')).code).toBe('UNSUPPORTED_PROTOCOL');
    expect((await client.closed).code).toBe(CLOSE_CODES.unsupportedProtocol);
  });

  it('answers a second hello with ALREADY_AUTHENTICATED and stays connected', async () => {
    t = await startTestServer();
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: 'kiosk-a', token: TEST_KIOSK_TOKENS['kiosk-a'] } });
    expect((await kiosk.next('error')).code).toBe('ALREADY_AUTHENTICATED');
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    expect((await kiosk.next('queue.status')).position).toBe(1);
  });

  it('replaces the first connection of a kiosk that connects twice', async () => {
    t = await startTestServer();
    const first = await t.kiosk('kiosk-a');
    const second = await t.kiosk('kiosk-a');
    expect((await first.closed).code).toBe(CLOSE_CODES.replaced);
    second.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    expect((await second.next('queue.status')).position).toBe(1);
  });
});
