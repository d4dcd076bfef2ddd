import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateFieldKey } from './crypto/fieldCipher.js';
import { createLogger, type LogLevel } from './logger.js';
import { createServer } from './server.js';
import { createMemoryStore } from './store/memoryStore.js';
import { parseConfig } from './config.js';
import { PROTOCOL_VERSION } from '../../protocol/index.js';
import { startTestServer, testConfigInput, TEST_KIOSK_TOKENS, type TestServer } from './testing/testServer.js';

const PHONE = '5065550134';
/** A 1 ms threshold: any estimate offers the callback, so the test does not hang on routing's default. */
const withCallbacks = { callbacks: { key: generateFieldKey() }, routing: { callbackOfferAboveMs: 1 } };

describe('callbacks instead of a long wait', () => {
  let t: TestServer;
  afterEach(async () => t?.stop());

  it('kiosk requests → agent lists → opens → done → gone, and the visit says callback-requested', async () => {
    t = await startTestServer({ sqlite: true, config: withCallbacks });
    // The kiosk hears at once that this server takes callbacks.
    const hello = await t.raw();
    hello.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: 'kiosk-a', token: TEST_KIOSK_TOKENS['kiosk-a'] } });
    expect((await hello.next('welcome')).callbacks).toBe(true);
    hello.close();
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'fr' });
    const status = await kiosk.next('queue.status');
    expect(status.callbackOffered).toBe(true);

    kiosk.send({ type: 'callback.request', phone: PHONE, consent: true, language: 'fr' });
    expect(await kiosk.next('queue.left')).toEqual({ type: 'queue.left', ticketId: status.ticketId, reason: 'callback-requested' });
    const { callbackId } = await kiosk.next('callback.requested');
    expect(t.store.getVisit(status.ticketId)?.endReason).toBe('callback-requested');

    const alice = await t.agent('alice', { available: false });
    alice.send({ type: 'callbacks.list' });
    const pending = await alice.next('callbacks.pending');
    expect(pending.items).toEqual([
      { callbackId, serviceLine: 'pensions', language: 'fr', requestedAt: expect.any(Number), siteId: 'site-1' },
    ]);
    expect(JSON.stringify(pending)).not.toContain(PHONE);

    alice.send({ type: 'callback.open', callbackId });
    expect(await alice.next('callback.details')).toEqual({ type: 'callback.details', callbackId, phone: PHONE });

    alice.send({ type: 'callback.done', callbackId, outcome: 'reached' });
    expect((await alice.next('callbacks.pending')).items).toEqual([]);
    expect(t.store.callbacks?.get(callbackId)).toBeUndefined();
    alice.send({ type: 'callback.open', callbackId });
    expect(await alice.next('error')).toMatchObject({ code: 'INVALID_STATE', inReplyTo: 'callback.open' });
  });

  it('never writes the number in clear to the SQLite files', async () => {
    t = await startTestServer({ sqlite: true, config: withCallbacks });
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    await kiosk.next('queue.status');
    kiosk.send({ type: 'callback.request', phone: PHONE, consent: true, language: 'en' });
    await kiosk.next('callback.requested');
    const dataDir = t.dataDir as string;
    const bytes = readdirSync(dataDir).map((name) => readFileSync(join(dataDir, name)).toString('latin1'));
    expect(bytes.join('').length).toBeGreaterThan(0);
    for (const text of bytes) {
      expect(text).not.toContain(PHONE);
      expect(text).not.toContain('555-0134');
      expect(text).not.toContain('555 0134');
    }
  });

  it('lets only kiosks request, and only agents list, open and close', async () => {
    t = await startTestServer({ config: withCallbacks });
    const kiosk = await t.kiosk('kiosk-a');
    for (const message of [
      { type: 'callbacks.list' },
      { type: 'callback.open', callbackId: 'cb-1' },
      { type: 'callback.done', callbackId: 'cb-1', outcome: 'reached' },
    ] as const) {
      kiosk.send(message);
      expect(await kiosk.next('error')).toMatchObject({ code: 'FORBIDDEN', inReplyTo: message.type });
    }
    const alice = await t.agent('alice');
    alice.send({ type: 'callback.request', phone: PHONE, consent: true, language: 'en' });
    expect(await alice.next('error')).toMatchObject({ code: 'FORBIDDEN', inReplyTo: 'callback.request' });
  });

  it('refuses a callback from a kiosk with nobody queued, and a malformed number naming the field', async () => {
    t = await startTestServer({ config: withCallbacks });
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send({ type: 'callback.request', phone: PHONE, consent: true, language: 'en' });
    expect(await kiosk.next('error')).toMatchObject({ code: 'NOT_QUEUED', inReplyTo: 'callback.request' });
    kiosk.send({ type: 'callback.request', phone: '0065550134', consent: true, language: 'en' });
    expect(await kiosk.next('error')).toMatchObject({ code: 'INVALID_MESSAGE', message: expect.stringContaining('phone:') });
  });

  it('without a key: callbacks are off, said once at start, never offered, and refused', async () => {
    const lines: string[] = [];
    const logger = createLogger('server', { level: 'info' as LogLevel, write: (line) => lines.push(line) });
    const store = createMemoryStore();
    const server = createServer({ config: parseConfig(testConfigInput({ routing: { callbackOfferAboveMs: 1 } })), store, logger });
    try {
      expect(lines.filter((line) => line.includes('callbacks disabled'))).toHaveLength(1);
      expect(lines.join('\n')).toMatch(/callbacks disabled: no key configured/);
    } finally {
      await server.close();
    }

    t = await startTestServer();
    const hello = await t.raw();
    hello.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: 'kiosk-a', token: TEST_KIOSK_TOKENS['kiosk-a'] } });
    expect((await hello.next('welcome')).callbacks).toBe(false);
    hello.close();
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    const status = await kiosk.next('queue.status');
    expect(status.callbackOffered ?? false).toBe(false);
    kiosk.send({ type: 'callback.request', phone: PHONE, consent: true, language: 'en' });
    expect(await kiosk.next('error')).toMatchObject({ code: 'INVALID_STATE', inReplyTo: 'callback.request' });
    const alice = await t.agent('alice', { available: false });
    alice.send({ type: 'callbacks.list' });
    expect(await alice.next('error')).toMatchObject({ code: 'INVALID_STATE', inReplyTo: 'callbacks.list' });
  });
});
