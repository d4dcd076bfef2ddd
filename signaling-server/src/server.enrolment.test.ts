import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENROL_PATH, EnrolErrorResponse, EnrolResponse, MAX_ENROL_BODY_BYTES, PROTOCOL_VERSION } from '../../protocol/index.js';
import { CLOSE_CODES } from './closeCodes.js';
import type { ServerConfigInput } from './config.js';
import { runKioskAdmin } from './enrolment/kioskAdmin.js';
import { FakeClock } from './testing/fakeClock.js';
import { startTestServer, TEST_ENROLMENT_KEY, type TestServer } from './testing/testServer.js';

const DAY_MS = 24 * 3_600_000;
let t: TestServer | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function start(options: { config?: Partial<ServerConfigInput> } = {}) {
  const clock = new FakeClock(Date.now());
  t = await startTestServer({ sqlite: true, clock, ...(options.config ? { config: options.config } : {}) });
  return { t, clock };
}

/** What `npm run kiosk-admin -- issue-code` does, on the test server's data folder. */
function issueCode(server: TestServer, kioskId: string, clock: FakeClock): string {
  const line = runKioskAdmin(['issue-code', kioskId], { env: { DATA_DIR: server.dataDir, KIOSK_ENROLMENT_KEY: TEST_ENROLMENT_KEY }, clock })[0] ?? '';
  return line.split(': ')[1] ?? '';
}

function post(server: TestServer, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return fetch(`${server.url}${ENROL_PATH}`, { method: 'POST', headers, body });
}

async function errorCode(response: Response): Promise<string> {
  return EnrolErrorResponse.parse(await response.json()).error.code;
}

async function hello(server: TestServer, kioskId: string, token: string) {
  const client = await server.raw();
  client.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId, token } });
  return client.nextMatching((m) => m.type === 'welcome' || m.type === 'error');
}

describe('POST /api/enrol', () => {
  it('issue code → enrol → hello with the device secret; the config token still works too', async () => {
    const { t, clock } = await start();
    const code = issueCode(t, 'kiosk-a', clock);
    expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    const response = await post(t, JSON.stringify({ kioskId: 'kiosk-a', code: code.toLowerCase() }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { deviceSecret } = EnrolResponse.parse(await response.json());
    expect(await hello(t, 'kiosk-a', deviceSecret)).toMatchObject({ type: 'welcome' });
    expect(await hello(t, 'kiosk-b', deviceSecret)).toMatchObject({ type: 'error', code: 'AUTH_FAILED' });
    await t.kiosk('kiosk-a');

    // Only hashes reach the disk: neither the secret nor the code is in any SQLite file (WAL included).
    const dir = t.dataDir ?? '';
    const bytes = Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));
    expect(bytes.includes(Buffer.from(deviceSecret))).toBe(false);
    expect(bytes.includes(Buffer.from(code.replace('-', '')))).toBe(false);
    expect(bytes.includes(Buffer.from('kiosk_secrets'))).toBe(true);
  });

  it('refuses a reused code, an expired code and a wrong kiosk id with coded errors', async () => {
    const { t, clock } = await start();
    const code = issueCode(t, 'kiosk-a', clock);
    expect(await errorCode(await post(t, JSON.stringify({ kioskId: 'kiosk-b', code })))).toBe('CODE_INVALID');
    expect(await errorCode(await post(t, JSON.stringify({ kioskId: 'no-such-kiosk', code })))).toBe('CODE_INVALID');
    expect((await post(t, JSON.stringify({ kioskId: 'kiosk-a', code }))).status).toBe(200);
    const reused = await post(t, JSON.stringify({ kioskId: 'kiosk-a', code }));
    expect(reused.status).toBe(401);
    expect(await errorCode(reused)).toBe('CODE_USED');

    const late = issueCode(t, 'kiosk-b', clock);
    clock.advance(DAY_MS);
    expect(await errorCode(await post(t, JSON.stringify({ kioskId: 'kiosk-b', code: late })))).toBe('CODE_EXPIRED');
  });

  it('a revoked kiosk is refused at once, even with a valid device secret, and cannot enrol again', async () => {
    const { t, clock } = await start();
    const response = await post(t, JSON.stringify({ kioskId: 'kiosk-a', code: issueCode(t, 'kiosk-a', clock) }));
    const { deviceSecret } = EnrolResponse.parse(await response.json());
    const client = await t.raw();
    client.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: 'kiosk-a', token: deviceSecret } });
    await client.next('welcome');
    t.server.revokeKiosk('kiosk-a');
    expect((await client.closed).code).toBe(CLOSE_CODES.authFailed);
    expect(await hello(t, 'kiosk-a', deviceSecret)).toMatchObject({ type: 'error', code: 'AUTH_FAILED' });
    const again = await post(t, JSON.stringify({ kioskId: 'kiosk-a', code: issueCode(t, 'kiosk-a', clock) }));
    expect(await errorCode(again)).toBe('CODE_INVALID');
  });

  it('a re-enrolment replaces the old device secret (a stolen kiosk is locked out by enrolling its replacement)', async () => {
    const { t, clock } = await start();
    const first = EnrolResponse.parse(await (await post(t, JSON.stringify({ kioskId: 'kiosk-a', code: issueCode(t, 'kiosk-a', clock) }))).json());
    const second = EnrolResponse.parse(await (await post(t, JSON.stringify({ kioskId: 'kiosk-a', code: issueCode(t, 'kiosk-a', clock) }))).json());
    expect(await hello(t, 'kiosk-a', first.deviceSecret)).toMatchObject({ type: 'error', code: 'AUTH_FAILED' });
    expect(await hello(t, 'kiosk-a', second.deviceSecret)).toMatchObject({ type: 'welcome' });
  });

  it('answers malformed requests with coded errors naming the problem', async () => {
    const { t } = await start();
    expect(await errorCode(await post(t, '{ kioskId: '))).toBe('BAD_JSON');
    const invalid = await post(t, JSON.stringify({ kioskId: 'kiosk-a', code: 'ABCDEFGHJK', extra: 1 }));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: 'INVALID_REQUEST', message: expect.stringContaining('extra') } });
    const missing = EnrolErrorResponse.parse(await (await post(t, JSON.stringify({ kioskId: 'kiosk-a' }))).json());
    expect(missing.error.message).toContain('code:');
    const tooBig = await post(t, JSON.stringify({ kioskId: 'kiosk-a', code: 'x'.repeat(MAX_ENROL_BODY_BYTES) }));
    expect(tooBig.status).toBe(413);
    expect(await errorCode(tooBig)).toBe('BODY_TOO_LARGE');
    expect(await errorCode(await post(t, JSON.stringify({ kioskId: 'kiosk-a', code: 'ABCDEFGHJK' }), { 'content-type': 'text/plain' }))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const get = await fetch(`${t.url}${ENROL_PATH}`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('stops answering an address that keeps failing (shared budget with failed hellos)', async () => {
    const { t } = await start({ config: { security: { rateLimits: { failedLoginsPerAddress: 3 } } } });
    for (let i = 0; i < 3; i += 1) expect(await errorCode(await post(t, JSON.stringify({ kioskId: 'kiosk-a', code: 'WRONG-CODE2' })))).toBe('CODE_INVALID');
    const limited = await post(t, JSON.stringify({ kioskId: 'kiosk-a', code: 'WRONG-CODE2' }));
    expect(limited.status).toBe(429);
    expect(await errorCode(limited)).toBe('RATE_LIMITED');
  });
});
