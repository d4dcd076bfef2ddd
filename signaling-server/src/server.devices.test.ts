import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../protocol/index.js';
import { createLogger } from './logger.js';
import { createServer } from './server.js';
import { parseConfig } from './config.js';
import { openSqliteStore } from './store/sqliteStore.js';
import { TestClient, delay } from './testing/testClient.js';
import { FakeClock } from './testing/fakeClock.js';
import { TEST_KIOSK_TOKENS, startTestServer, testConfigInput, type TestServer } from './testing/testServer.js';

/** Long enough for a stray message to arrive if the server were to send one. */
const QUIET_MS = 150;

describe('kiosk device status over WebSocket', () => {
  let t: TestServer;
  afterEach(async () => t?.stop());

  it('keeps the latest report per kiosk, stamped by the server, and confirms each', async () => {
    t = await startTestServer();
    const kiosk = await t.kiosk('kiosk-a');
    expect(t.server.deviceStatusOf('kiosk-a')).toBeUndefined();

    const before = Date.now();
    kiosk.send({ type: 'device.status', camera: 'missing', microphone: 'ok', speaker: 'ok' });
    await kiosk.next('device.status.recorded');
    const first = t.server.deviceStatusOf('kiosk-a');
    expect(first).toMatchObject({ camera: 'missing', microphone: 'ok', speaker: 'ok' });
    expect(first?.checkedAt).toBeGreaterThanOrEqual(before);

    kiosk.send({ type: 'device.status', camera: 'ok', microphone: 'blocked', speaker: 'unknown' });
    await kiosk.next('device.status.recorded');
    expect(t.server.deviceStatusOf('kiosk-a')).toMatchObject({ camera: 'ok', microphone: 'blocked', speaker: 'unknown' });
    // Each kiosk has its own: kiosk-b never reported.
    expect(t.server.deviceStatusOf('kiosk-b')).toBeUndefined();
    expect(t.store.devices?.get('kiosk-a')).toMatchObject({ camera: 'ok', microphone: 'blocked' });
  });

  it('refuses the message from an agent (FORBIDDEN) and records nothing', async () => {
    t = await startTestServer();
    const alice = await t.agent('alice');
    alice.send({ type: 'device.status', camera: 'ok', microphone: 'ok', speaker: 'ok' } as never);
    expect(await alice.next('error')).toMatchObject({ code: 'FORBIDDEN', inReplyTo: 'device.status' });
    await delay(QUIET_MS);
    expect(t.server.deviceStatusOf('alice')).toBeUndefined();
  });

  it('refuses a state outside the enum, naming the field', async () => {
    t = await startTestServer();
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send(JSON.stringify({ type: 'device.status', camera: 'on-fire', microphone: 'ok', speaker: 'ok' }));
    const error = await kiosk.next('error');
    expect(error).toMatchObject({ code: 'INVALID_MESSAGE', inReplyTo: 'device.status' });
    expect(error.message).toContain('camera');
    expect(t.server.deviceStatusOf('kiosk-a')).toBeUndefined();
  });

  it('logs a change once, not every identical report, and a restarted server reads the last one back', async () => {
    const lines: string[] = [];
    const clock = new FakeClock(1_000);
    const config = parseConfig(testConfigInput());
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-devices-test-'));
    const store = openSqliteStore(dir);
    const server = createServer({ config, store, clock, logger: createLogger('server', { write: (line) => lines.push(line) }) });
    try {
      const { url } = await server.listen(0, '127.0.0.1');
      const kiosk = await TestClient.connect(`${url.replace('http', 'ws')}/ws`);
      kiosk.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: 'kiosk-a', token: TEST_KIOSK_TOKENS['kiosk-a'] } });
      await kiosk.next('welcome');
      for (let i = 0; i < 3; i++) {
        kiosk.send({ type: 'device.status', camera: 'missing', microphone: 'ok', speaker: 'ok' });
        await kiosk.next('device.status.recorded');
      }
      kiosk.socket.terminate();
      const changes = lines.filter((line) => line.includes('kiosk devices changed'));
      expect(changes).toHaveLength(1);
      expect(JSON.parse(changes[0] ?? '{}')).toMatchObject({ kioskId: 'kiosk-a', camera: 'missing', mic: 'ok', speaker: 'ok' });
    } finally {
      await server.close();
    }
    const restarted = createServer({ config, store, clock, logger: createLogger('server', { write: () => {} }) });
    expect(restarted.deviceStatusOf('kiosk-a')).toEqual({ camera: 'missing', microphone: 'ok', speaker: 'ok', checkedAt: 1_000 });
    await restarted.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
