import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { createServer, type KioskServer } from './server.js';
import { createMemoryStore } from './store/memoryStore.js';
import { SQLITE_FILE_NAME } from './store/sqliteStore.js';
import { TestClient, delay } from './testing/testClient.js';
import { TEST_AGENTS, TEST_KIOSK_TOKENS, startTestServer, testConfigInput, type TestServer } from './testing/testServer.js';
import { parseConfig } from './config.js';
import { PROTOCOL_VERSION } from '../../protocol/index.js';

/** Long enough for a stray message to arrive if the server were to send one. */
const QUIET_MS = 150;

async function startCall(t: TestServer) {
  const kiosk = await t.kiosk('kiosk-a');
  const alice = await t.agent('alice');
  kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'fr' });
  const { ticketId } = await kiosk.next('queue.status');
  const offer = await alice.next('call.offer');
  alice.send({ type: 'call.accept', offerId: offer.offerId });
  const { callId } = await kiosk.next('call.start');
  await alice.next('call.start');
  return { kiosk, alice, callId, ticketId };
}

describe('in-call tools over WebSocket', () => {
  let t: TestServer;
  afterEach(async () => t?.stop());

  it('carries chat both ways, in order, with an echo to the sender', async () => {
    t = await startTestServer();
    const { kiosk, alice, callId } = await startCall(t);

    kiosk.send({ type: 'chat.send', callId, text: '  Bonjour, où dois-je aller ?  ' });
    const toAgent = await alice.next('chat.message');
    expect(toAgent).toEqual({ type: 'chat.message', callId, from: 'kiosk', text: 'Bonjour, où dois-je aller ?', seq: 1 });
    expect(await kiosk.next('chat.message')).toEqual(toAgent);

    alice.send({ type: 'chat.send', callId, text: 'Au comptoir 3, s’il vous plaît.' });
    const toKiosk = await kiosk.next('chat.message');
    expect(toKiosk).toMatchObject({ from: 'agent', text: 'Au comptoir 3, s’il vous plaît.', seq: 2 });
    expect(await alice.next('chat.message')).toEqual(toKiosk);
  });

  it('refuses chat from anyone outside the call, and tells them nothing of it', async () => {
    t = await startTestServer();
    const { kiosk, alice, callId } = await startCall(t);
    const bruno = await t.agent('bruno');
    const otherKiosk = await t.kiosk('kiosk-b');

    bruno.send({ type: 'chat.send', callId, text: 'I am listening' });
    expect(await bruno.next('error')).toMatchObject({ code: 'NOT_IN_CALL', inReplyTo: 'chat.send' });
    otherKiosk.send({ type: 'chat.send', callId, text: 'Hello?' });
    expect(await otherKiosk.next('error')).toMatchObject({ code: 'NOT_IN_CALL', inReplyTo: 'chat.send' });
    bruno.send({ type: 'screen.push', callId, content: { kind: 'qr', url: 'https://evil.example.com/' } });
    expect(await bruno.next('error')).toMatchObject({ code: 'NOT_IN_CALL', inReplyTo: 'screen.push' });

    await delay(QUIET_MS);
    expect(kiosk.unread('chat.message')).toEqual([]);
    expect(alice.unread('chat.message')).toEqual([]);
    expect(kiosk.unread('screen.pushed')).toEqual([]);
  });

  it('refuses an empty or control-laden line, naming the text field', async () => {
    t = await startTestServer();
    const { kiosk, callId } = await startCall(t);
    kiosk.send({ type: 'chat.send', callId, text: '   ' });
    const error = await kiosk.next('error');
    expect(error).toMatchObject({ code: 'INVALID_MESSAGE', inReplyTo: 'chat.send' });
    expect(error.message).toMatch(/text:/);
  });

  it('pushes a link, a QR code and instructions to the kiosk only; a kiosk cannot push', async () => {
    t = await startTestServer();
    const { kiosk, alice, callId } = await startCall(t);
    const contents = [
      { kind: 'link', url: 'https://www.canada.ca/en/services/benefits.html', label: 'Benefits / Prestations' },
      { kind: 'qr', url: 'https://www.canada.ca/fr.html' },
      { kind: 'instructions', steps: [{ en: 'Go to counter 3.', fr: 'Allez au comptoir 3.' }] },
    ] as const;
    for (const content of contents) {
      alice.send({ type: 'screen.push', callId, content });
      expect(await kiosk.next('screen.pushed')).toEqual({ type: 'screen.pushed', callId, content });
    }

    kiosk.send({ type: 'screen.push', callId, content: { kind: 'link', url: 'https://www.canada.ca/' } });
    expect(await kiosk.next('error')).toMatchObject({ code: 'FORBIDDEN', inReplyTo: 'screen.push' });

    alice.send({ type: 'screen.push', callId, content: { kind: 'link', url: 'http://www.canada.ca/' } });
    const badUrl = await alice.next('error');
    expect(badUrl).toMatchObject({ code: 'INVALID_MESSAGE', inReplyTo: 'screen.push' });
    expect(badUrl.message).toMatch(/content\.url:/);

    await delay(QUIET_MS);
    expect(alice.unread('screen.pushed')).toEqual([]);
    expect(kiosk.unread('screen.pushed')).toEqual([]);
  });

  it('stores wrap-up notes apart from the visit, never sends them to the kiosk', async () => {
    t = await startTestServer({ sqlite: true });
    const { kiosk, alice, callId, ticketId } = await startCall(t);
    const notes = 'Needs form ISP-1000.\nCall back after the 15th.';

    alice.send({ type: 'call.wrapup', callId, outcome: 'follow-up', notes });
    expect(await alice.next('error')).toMatchObject({ code: 'INVALID_STATE', inReplyTo: 'call.wrapup' });
    expect(t.store.getVisitNotes(ticketId)).toBeUndefined();

    alice.send({ type: 'call.end', callId });
    await kiosk.next('call.ended');
    await alice.nextMatching((m) => m.type === 'presence.status' && m.state === 'wrap-up');
    alice.send({ type: 'call.wrapup', callId, outcome: 'follow-up', notes });
    await alice.nextMatching((m) => m.type === 'presence.status' && m.state === 'available');

    const db = new Database(join(t.dataDir ?? '', SQLITE_FILE_NAME), { readonly: true });
    try {
      expect(db.prepare('SELECT notes FROM visit_notes WHERE ticket_id = ?').get(ticketId)).toEqual({ notes });
      expect(db.prepare('SELECT outcome FROM visits WHERE ticket_id = ?').get(ticketId)).toEqual({ outcome: 'follow-up' });
    } finally {
      db.close();
    }
    await delay(QUIET_MS);
    const everything = JSON.stringify(kiosk.unread());
    expect(everything).not.toContain('ISP-1000');
  });

  it('takes a coarse away reason, and refuses one with available', async () => {
    t = await startTestServer();
    const alice = await t.agent('alice');
    alice.send({ type: 'presence.set', status: 'away', reason: 'meal' });
    expect(await alice.nextMatching((m) => m.type === 'presence.status' && m.state === 'away')).toBeTruthy();
    alice.send({ type: 'presence.set', status: 'available', reason: 'break' });
    const error = await alice.next('error');
    expect(error).toMatchObject({ code: 'INVALID_MESSAGE', inReplyTo: 'presence.set' });
    expect(error.message).toMatch(/reason:/);
  });
});

describe('chat privacy in the log', () => {
  let server: KioskServer | undefined;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const client of clients) client.socket.terminate();
    await server?.close();
  });

  it('never writes chat text, pushed content or notes to the log', async () => {
    const lines: string[] = [];
    const logger = createLogger('server', { level: 'debug', write: (line) => lines.push(line) });
    server = createServer({ config: parseConfig(testConfigInput()), store: createMemoryStore(), logger });
    const { url } = await server.listen(0, '127.0.0.1');
    const connect = async (credentials: Record<string, unknown>) => {
      const client = await TestClient.connect(`${url.replace('http', 'ws')}/ws`);
      clients.push(client);
      client.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials });
      await client.next('welcome');
      return client;
    };
    const kiosk = await connect({ role: 'kiosk', kioskId: 'kiosk-a', token: TEST_KIOSK_TOKENS['kiosk-a'] });
    const agent = await connect({ role: 'agent', username: 'alice', password: TEST_AGENTS.alice.password });
    agent.send({ type: 'presence.set', status: 'available' });
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    const offer = await agent.next('call.offer');
    agent.send({ type: 'call.accept', offerId: offer.offerId });
    const { callId } = await kiosk.next('call.start');

    kiosk.send({ type: 'chat.send', callId, text: 'My SIN is secret-chat-line' });
    await agent.next('chat.message');
    agent.send({ type: 'screen.push', callId, content: { kind: 'link', url: 'https://www.canada.ca/secret-push-path' } });
    await kiosk.next('screen.pushed');
    agent.send({ type: 'call.end', callId });
    await agent.next('call.ended');
    agent.send({ type: 'call.wrapup', callId, outcome: 'resolved', notes: 'secret-note-text' });
    await agent.nextMatching((m) => m.type === 'presence.status' && m.state === 'available');

    const log = lines.join('\n');
    expect(log).toContain('screen pushed');
    for (const secret of ['secret-chat-line', 'secret-push-path', 'secret-note-text']) expect(log).not.toContain(secret);
  });
});
