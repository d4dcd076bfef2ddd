import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../protocol/index.js';
import { SESSION_TOKEN_TTL_MS } from './auth/sessionTokens.js';
import { LOCKOUT_MS, MAX_FAILED_LOGINS } from './auth/loginLockout.js';
import { CLOSE_CODES } from './closeCodes.js';
import { CONTENT_SECURITY_POLICY } from './http/securityHeaders.js';
import { LOCKED_MESSAGE } from './security/helloGuard.js';
import { FakeClock } from './testing/fakeClock.js';
import { TestClient } from './testing/testClient.js';
import { startTestServer, TEST_AGENTS, TEST_KIOSK_TOKENS, type TestServer } from './testing/testServer.js';

const aliceHello = (password: string = TEST_AGENTS.alice.password) => ({
  type: 'hello',
  protocol: PROTOCOL_VERSION,
  credentials: { role: 'agent', username: 'alice', password },
});

/** Connects, says hello, and returns the client and the first answer (welcome or error). */
async function hello(t: TestServer, message: unknown) {
  const client = await t.raw();
  client.send(message);
  const answer = await client.nextMatching((m) => m.type === 'welcome' || m.type === 'error');
  return { client, answer };
}

async function startCall(t: TestServer) {
  const kiosk = await t.kiosk('kiosk-a');
  const alice = await t.agent('alice');
  kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
  const offer = await alice.next('call.offer');
  alice.send({ type: 'call.accept', offerId: offer.offerId });
  const { callId } = await kiosk.next('call.start');
  await alice.next('call.start');
  return { kiosk, alice, callId };
}

describe('rate limits over WebSocket', () => {
  let t: TestServer;
  afterEach(async () => t?.stop());

  it('relays a real call burst (SDP + 100 ICE candidates each way) untouched by the default limits', async () => {
    t = await startTestServer();
    const { kiosk, alice, callId } = await startCall(t);
    const sdp = `v=0\r\n${'a=candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host generation 0\r\n'.repeat(150)}`;
    kiosk.send({ type: 'signal', callId, data: { type: 'offer', sdp } });
    alice.send({ type: 'signal', callId, data: { type: 'answer', sdp } });
    for (let i = 0; i < 100; i++) {
      const candidate = { candidate: { candidate: `candidate:${i} 1 udp 2122260223 192.0.2.${i} 54400 typ host`, sdpMid: '0', sdpMLineIndex: 0 } };
      kiosk.send({ type: 'signal', callId, data: candidate });
      alice.send({ type: 'signal', callId, data: candidate });
    }
    for (let i = 0; i < 101; i++) {
      await alice.next('signal');
      await kiosk.next('signal');
    }
    expect(kiosk.unread('error')).toEqual([]);
    expect(alice.unread('error')).toEqual([]);
  });

  it('answers RATE_LIMITED past the limit and closes 4429 a client that keeps going', async () => {
    t = await startTestServer({ config: { security: { rateLimits: { messagesPerSecond: 1, messageBurst: 5, strikesBeforeClose: 3 } } } });
    const kiosk = await t.kiosk('kiosk-a'); // the hello is frame 1
    for (let i = 0; i < 4; i++) kiosk.send({ type: 'queue.leave' });
    for (let i = 0; i < 4; i++) expect((await kiosk.next('error')).code).toBe('NOT_QUEUED');
    for (let i = 0; i < 4; i++) kiosk.send({ type: 'queue.leave' });
    for (let i = 0; i < 3; i++) expect((await kiosk.next('error')).code).toBe('RATE_LIMITED');
    expect((await kiosk.closed).code).toBe(CLOSE_CODES.rateLimited);
    // Others are not affected.
    const other = await t.kiosk('kiosk-b');
    other.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    expect((await other.next('queue.status')).position).toBe(1);
  });

  it('refuses a connection over the per-address limits with HTTP 429', async () => {
    t = await startTestServer({ config: { security: { rateLimits: { maxConnectionsPerAddress: 2 } } } });
    const a = await t.raw();
    await t.raw();
    await expect(TestClient.connect(t.wsUrl)).rejects.toThrow(/429/);
    a.close();
    await a.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(TestClient.connect(t.wsUrl)).resolves.toBeDefined();
  });

  it('limits new connections per second from one address', async () => {
    t = await startTestServer({ config: { security: { rateLimits: { connectionBurst: 3, connectionsPerSecond: 1 } } } });
    for (let i = 0; i < 3; i++) await t.raw();
    await expect(TestClient.connect(t.wsUrl)).rejects.toThrow(/429/);
  });
});

describe('login lockout and logout', () => {
  let t: TestServer;
  afterEach(async () => t?.stop());

  it(`locks a username after ${MAX_FAILED_LOGINS} wrong passwords, even against the right one, until the lock ends`, async () => {
    const clock = new FakeClock();
    t = await startTestServer({ clock });
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      const { answer, client } = await hello(t, aliceHello('wrong-password'));
      expect(answer).toMatchObject({ type: 'error', code: 'AUTH_FAILED', message: 'The credentials were not accepted.' });
      expect((await client.closed).code).toBe(CLOSE_CODES.authFailed);
    }
    const locked = await hello(t, aliceHello());
    expect(locked.answer).toEqual({ type: 'error', code: 'AUTH_FAILED', message: LOCKED_MESSAGE, inReplyTo: 'hello' });
    expect((await locked.client.closed).code).toBe(CLOSE_CODES.authFailed);
    // Another agent is not affected.
    expect((await hello(t, { ...aliceHello(), credentials: { role: 'agent', username: 'bruno', password: TEST_AGENTS.bruno.password } })).answer.type).toBe('welcome');
    clock.advance(LOCKOUT_MS);
    expect((await hello(t, aliceHello())).answer.type).toBe('welcome');
  });

  it('locks an unknown username the same way, with the same answer', async () => {
    t = await startTestServer();
    const mallory = { type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'agent', username: 'mallory', password: 'guess-guess' } };
    const answers = [];
    for (let i = 0; i <= MAX_FAILED_LOGINS; i++) answers.push((await hello(t, mallory)).answer);
    expect(answers.slice(0, MAX_FAILED_LOGINS).every((a) => a.type === 'error' && a.code === 'AUTH_FAILED')).toBe(true);
    expect(answers[MAX_FAILED_LOGINS]).toEqual({ type: 'error', code: 'AUTH_FAILED', message: LOCKED_MESSAGE, inReplyTo: 'hello' });
  });

  it('refuses every hello from an address that failed too often, with RATE_LIMITED and 4429', async () => {
    t = await startTestServer({ config: { security: { rateLimits: { failedLoginsPerAddress: 3 } } } });
    for (let i = 0; i < 3; i++) {
      const { answer } = await hello(t, { type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: 'kiosk-a', token: `wrong-token-${i}` } });
      expect(answer).toMatchObject({ code: 'AUTH_FAILED' });
    }
    const refused = await hello(t, { type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: 'kiosk-a', token: TEST_KIOSK_TOKENS['kiosk-a'] } });
    expect(refused.answer).toMatchObject({ type: 'error', code: 'RATE_LIMITED', inReplyTo: 'hello' });
    expect((await refused.client.closed).code).toBe(CLOSE_CODES.rateLimited);
  });

  it('logs an agent out: the socket closes 4410 and the session token stops working', async () => {
    t = await startTestServer();
    const { client, answer } = await hello(t, aliceHello());
    if (answer.type !== 'welcome' || !answer.sessionToken) throw new Error('no session token');
    client.send({ type: 'session.logout' });
    expect((await client.closed).code).toBe(CLOSE_CODES.loggedOut);
    const reuse = await hello(t, { type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'agent', sessionToken: answer.sessionToken } });
    expect(reuse.answer).toMatchObject({ type: 'error', code: 'AUTH_FAILED' });
    // A kiosk has no session to log out of.
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send({ type: 'session.logout' });
    expect(await kiosk.next('error')).toMatchObject({ code: 'FORBIDDEN', inReplyTo: 'session.logout' });
  });

  it('expires a session token after 12 hours on the server clock', async () => {
    const clock = new FakeClock();
    t = await startTestServer({ clock });
    const { client, answer } = await hello(t, aliceHello());
    if (answer.type !== 'welcome' || !answer.sessionToken) throw new Error('no session token');
    client.close();
    await client.closed;
    const withToken = { type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'agent', sessionToken: answer.sessionToken } };
    clock.advance(SESSION_TOKEN_TTL_MS - 1000);
    const early = await hello(t, withToken);
    expect(early.answer.type).toBe('welcome');
    early.client.close();
    await early.client.closed;
    clock.advance(1000);
    expect((await hello(t, withToken)).answer).toMatchObject({ type: 'error', code: 'AUTH_FAILED' });
  });
});

describe('origin checks on the WebSocket upgrade', () => {
  let t: TestServer;
  afterEach(async () => t?.stop());

  it('accepts no Origin, its own origin, app://kiosk and configured origins; refuses others with 403', async () => {
    t = await startTestServer({ config: { security: { allowedOrigins: ['https://console.example.ca'] } } });
    const own = new URL(t.url).origin;
    for (const origin of [undefined, own, 'app://kiosk', 'https://console.example.ca']) {
      const client = await TestClient.connect(t.wsUrl, origin ? { origin } : {});
      client.close();
    }
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1:1', own.replace('http:', 'https:'), 'app://kiosk.evil']) {
      await expect(TestClient.connect(t.wsUrl, { origin }), origin).rejects.toThrow(/403/);
    }
  });
});

describe('security headers', () => {
  let t: TestServer;
  afterEach(async () => t?.stop());

  it('sends a strict CSP and the other headers on every response', async () => {
    t = await startTestServer();
    for (const path of ['/healthz', '/nope', '/']) {
      const response = await fetch(`${t.url}${path}`, { redirect: 'manual' });
      expect(response.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('permissions-policy')).toContain('camera=(self), microphone=(self)');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
    for (const directive of ["script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
  });
});

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(hasOpenssl)('HTTPS and WSS with a configured certificate', () => {
  let dir: string;
  let t: TestServer;
  let ca: Buffer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-tls-'));
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyFile, '-out', certFile,
    ], { stdio: 'ignore' });
    ca = readFileSync(certFile);
    t = await startTestServer({ config: { security: { tls: { certFile, keyFile } } } });
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves HTTPS with HSTS', async () => {
    expect(t.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      httpsGet(`${t.url}/healthz`, { ca }, (res) => {
        res.resume();
        resolve(res.headers);
      }).on('error', reject);
    });
    expect(headers['strict-transport-security']).toBe('max-age=31536000');
    expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('speaks WSS to a client that trusts the certificate, and not to one that does not', async () => {
    expect(t.wsUrl).toMatch(/^wss:/);
    const kiosk = await t.kiosk('kiosk-a', { ca, origin: new URL(t.url).origin });
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    expect((await kiosk.next('queue.status')).position).toBe(1);
    await expect(TestClient.connect(t.wsUrl)).rejects.toThrow(/self-signed|certificate/i);
  });
});
