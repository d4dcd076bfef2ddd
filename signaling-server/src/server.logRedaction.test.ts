import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../protocol/index.js';
import { MAX_FAILED_LOGINS } from './auth/loginLockout.js';
import { parseConfig } from './config.js';
import { createLogger } from './logger.js';
import { createServer, type KioskServer } from './server.js';
import { createMemoryStore } from './store/memoryStore.js';
import { TestClient } from './testing/testClient.js';
import { TEST_AGENTS, TEST_KIOSK_TOKENS, testConfigInput } from './testing/testServer.js';

const TURN_CREDENTIAL = 'turn-static-credential-XYZ123';

describe('log redaction over a whole flow', () => {
  let server: KioskServer | undefined;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const client of clients) client.socket.terminate();
    await server?.close();
  });

  it('never writes a password, kiosk token, session token or credential to the log', async () => {
    const lines: string[] = [];
    const logger = createLogger('server', { level: 'debug', write: (line) => lines.push(line) });
    const config = parseConfig(
      testConfigInput({ iceServers: [{ urls: 'turn:turn.example.ca:3478', username: 'kiosk-user', credential: TURN_CREDENTIAL }] }),
    );
    server = createServer({ config, store: createMemoryStore(), logger });
    const { url } = await server.listen(0, '127.0.0.1');
    const wsUrl = `${url.replace('http', 'ws')}/ws`;
    const connect = async () => {
      const client = await TestClient.connect(wsUrl);
      clients.push(client);
      return client;
    };
    const hello = (credentials: Record<string, unknown>) => ({ type: 'hello', protocol: PROTOCOL_VERSION, credentials });
    const secrets: string[] = [TURN_CREDENTIAL, ...Object.values(TEST_KIOSK_TOKENS), ...Object.values(TEST_AGENTS).map((a) => a.password)];

    // Failed logins of every kind, up to a lockout.
    for (const credentials of [
      { role: 'kiosk', kioskId: 'kiosk-a', token: 'wrong-kiosk-token-secret' },
      { role: 'agent', sessionToken: 'forged-session-token-secret' },
      ...Array.from({ length: MAX_FAILED_LOGINS + 1 }, () => ({ role: 'agent', username: 'chloe', password: 'wrong-password-secret' })),
    ]) {
      const client = await connect();
      client.send(hello(credentials));
      await client.closed;
    }
    secrets.push('wrong-kiosk-token-secret', 'forged-session-token-secret', 'wrong-password-secret');
    // A malformed hello that still carries a password.
    const malformed = await connect();
    malformed.send({ type: 'hello', protocol: 'one', credentials: { role: 'agent', username: 'alice', password: TEST_AGENTS.alice.password } });
    await malformed.next('error');

    // A whole call.
    const kiosk = await connect();
    kiosk.send(hello({ role: 'kiosk', kioskId: 'kiosk-a', token: TEST_KIOSK_TOKENS['kiosk-a'] }));
    await kiosk.next('welcome');
    const alice = await connect();
    alice.send(hello({ role: 'agent', username: 'alice', password: TEST_AGENTS.alice.password }));
    const { sessionToken } = await alice.next('welcome');
    expect(sessionToken).toBeDefined();
    secrets.push(sessionToken as string);
    alice.close();
    await alice.closed;
    const again = await connect();
    again.send(hello({ role: 'agent', sessionToken }));
    await again.next('welcome');
    again.send({ type: 'presence.set', status: 'available' });
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    const offer = await again.next('call.offer');
    again.send({ type: 'call.accept', offerId: offer.offerId });
    const { callId } = await kiosk.next('call.start');
    kiosk.send({ type: 'signal', callId, data: { type: 'offer', sdp: 'v=0 sdp-secret-ice-pwd', credential: 'signal-credential-secret' } });
    await again.next('signal');
    secrets.push('sdp-secret-ice-pwd', 'signal-credential-secret');
    kiosk.send({ type: 'call.end', callId });
    await again.next('call.ended');
    again.send({ type: 'call.wrapup', callId, outcome: 'resolved' });
    again.send({ type: 'session.logout' });
    await again.closed;
    await server.close();

    // The log is not empty: the flow was logged, only without secrets.
    const text = lines.join('\n');
    for (const expected of ['authentication failed', 'hello refused: username locked', 'agent authenticated', 'agent logged out']) {
      expect(text).toContain(expected);
    }
    expect(lines.length).toBeGreaterThan(20);
    for (const secret of secrets) expect(text, secret).not.toContain(secret);
    // No field names a secret with a value beside it.
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      for (const key of ['password', 'token', 'sessionToken', 'credential', 'credentials']) {
        if (key in entry) expect(entry[key]).toBe('[redacted]');
      }
    }
  });
});
