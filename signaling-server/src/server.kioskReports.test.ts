import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KIOSK_REPORT_PATH, KioskReportErrorResponse, MAX_KIOSK_REPORT_BODY_BYTES } from '../../protocol/index.js';
import { FakeClock } from './testing/fakeClock.js';
import { startTestServer, TEST_KIOSK_TOKENS, type TestServer } from './testing/testServer.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const GOOD = { kioskId: 'kiosk-a', kind: 'out-of-service', crashCount: 2, reasons: ['crashed', 'oom'], outOfServiceCount: 1 };

function post(server: TestServer, body: string, token: string | null = TEST_KIOSK_TOKENS['kiosk-a']) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return fetch(`${server.url}${KIOSK_REPORT_PATH}`, { method: 'POST', headers, body });
}

async function refusal(response: Response) {
  return KioskReportErrorResponse.parse(await response.json()).error;
}

describe('POST /api/kiosk-report', () => {
  it('stores a good report with the server time, answers 204, and keeps nothing but codes and counts', async () => {
    const clock = new FakeClock(Date.UTC(2025, 0, 6, 9));
    t = await startTestServer({ sqlite: true, clock });
    const response = await post(t, JSON.stringify(GOOD));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    clock.advance(60_000);
    expect((await post(t, JSON.stringify({ ...GOOD, kind: 'back-in-service', reasons: [] }))).status).toBe(204);
    expect(t.store.kioskReports?.list()).toEqual([
      { ...GOOD, at: Date.UTC(2025, 0, 6, 9) },
      { ...GOOD, kind: 'back-in-service', reasons: [], at: Date.UTC(2025, 0, 6, 9) + 60_000 },
    ]);
    // The credential never reaches the disk.
    const dir = t.dataDir ?? '';
    const bytes = Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));
    expect(bytes.includes(Buffer.from(TEST_KIOSK_TOKENS['kiosk-a']))).toBe(false);
  });

  it('refuses a missing, wrong or other kiosk’s token with 401 and stores nothing', async () => {
    t = await startTestServer();
    for (const token of [null, 'not-the-right-token-123', TEST_KIOSK_TOKENS['kiosk-b']]) {
      const response = await post(t, JSON.stringify(GOOD), token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect((await refusal(response)).code).toBe('UNAUTHORIZED');
    }
    expect(t.store.kioskReports?.list()).toEqual([]);
  });

  it('refuses a revoked kiosk with 401, even with its right token', async () => {
    t = await startTestServer();
    t.server.revokeKiosk('kiosk-a');
    const response = await post(t, JSON.stringify(GOOD));
    expect(response.status).toBe(401);
    expect(t.store.kioskReports?.list()).toEqual([]);
  });

  it('refuses a bad body with 400 naming the field, and bad JSON, another media type and another method', async () => {
    t = await startTestServer();
    const bad = await post(t, JSON.stringify({ ...GOOD, reasons: ['crashed', 'my-name-is-bob'] }));
    expect(bad.status).toBe(400);
    const error = await refusal(bad);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain('reasons.1');
    const badKind = await refusal(await post(t, JSON.stringify({ ...GOOD, kind: 'on-fire' })));
    expect(badKind.message).toContain('kind');
    const extra = await refusal(await post(t, JSON.stringify({ ...GOOD, visitorName: 'x' })));
    expect(extra.code).toBe('INVALID_REQUEST');
    expect((await post(t, '{not json')).status).toBe(400);
    const text = await fetch(`${t.url}${KIOSK_REPORT_PATH}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(text.status).toBe(415);
    const get = await fetch(`${t.url}${KIOSK_REPORT_PATH}`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(t.store.kioskReports?.list()).toEqual([]);
  });

  it('refuses a body over the limit with 413', async () => {
    t = await startTestServer();
    const big = JSON.stringify({ ...GOOD, padding: 'x'.repeat(MAX_KIOSK_REPORT_BODY_BYTES) });
    const response = await post(t, big);
    expect(response.status).toBe(413);
    expect((await refusal(response)).code).toBe('BODY_TOO_LARGE');
  });

  it('rate limits an address that keeps failing, like the enrolment route (429)', async () => {
    t = await startTestServer({ config: { security: { rateLimits: { failedLoginsPerAddress: 3 } } } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await post(t, JSON.stringify(GOOD), 'wrong-token-0123456789')).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    // The right token is refused too while the address is locked out.
    expect((await post(t, JSON.stringify(GOOD))).status).toBe(429);
  });
});
