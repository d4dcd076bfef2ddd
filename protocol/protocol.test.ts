import { describe, expect, it } from 'vitest';
import {
  CLIENT_MESSAGE_ROLES,
  ClientMessage,
  ERROR_CODES,
  ERROR_MESSAGES,
  MAX_FRAME_BYTES,
  ServerMessage,
  TRIAGE_MAX_STEPS,
  exceedsUtf8Bytes,
  parseClientFrame,
  parseServerFrame,
  type ServerMessage as ServerMessageT,
} from './index.js';
import { CLIENT_EXAMPLES } from './examples.js';

const ticket = {
  ticketId: 't-1',
  serviceLine: 'passport',
  language: 'fr',
  siteId: 'site-1',
  kioskId: 'kiosk-1',
  waitedMs: 1200,
} as const;


const SERVER_EXAMPLES: { [T in ServerMessageT['type']]: Extract<ServerMessageT, { type: T }> } = {
  welcome: { type: 'welcome', protocol: 1, role: 'agent', clientId: 'a-1', sessionToken: 'session-token-123', iceServers: [{ urls: 'stun:127.0.0.1:3478' }], heartbeatIntervalMs: 10000 },
  'queue.status': { type: 'queue.status', ticketId: 't-1', serviceLine: 'passport', language: 'fr', position: 1, waitedMs: 0 },
  'queue.left': { type: 'queue.left', ticketId: 't-1', reason: 'visitor-left-queue' },
  'presence.status': { type: 'presence.status', state: 'wrap-up' },
  'call.offer': { type: 'call.offer', offerId: 'o-1', ticket, expiresInMs: 20000 },
  'call.offer-withdrawn': { type: 'call.offer-withdrawn', offerId: 'o-1', reason: 'expired' },
  'call.start': { type: 'call.start', callId: 'c-1', selfId: 'm-1', peers: [{ memberId: 'm-2', role: 'agent', initiator: true }], ticket },
  'call.ringing': { type: 'call.ringing', ticketId: 't-1', offerId: 'o-1', iceServers: [{ urls: 'turn:127.0.0.1:3478', username: '1700000000:k-1', credential: 'c2VjcmV0' }] },
  signal: { type: 'signal', callId: 'c-1', from: 'm-2', data: { candidate: 'x' } },
  'ring.signal': { type: 'ring.signal', offerId: 'o-1', data: { type: 'offer', sdp: 'v=0' } },
  'call.ended': { type: 'call.ended', callId: 'c-1', reason: 'agent-ended' },
  'help.requested': { type: 'help.requested', step: 'triage' },
  'chat.message': { type: 'chat.message', callId: 'c-1', from: 'agent', text: 'Bonjour, je suis là.', seq: 3 },
  'screen.pushed': {
    type: 'screen.pushed',
    callId: 'c-1',
    content: { kind: 'instructions', steps: [{ en: 'Bring your birth certificate.', fr: 'Apportez votre acte de naissance.' }] },
  },
  'peer.status': { type: 'peer.status', callId: 'c-1', state: 'reconnecting' },
  'resume.gap': { type: 'resume.gap', dropped: 3 },
  'callback.requested': { type: 'callback.requested', callbackId: 'cb-1' },
  'callbacks.pending': {
    type: 'callbacks.pending',
    items: [{ callbackId: 'cb-1', serviceLine: 'pensions', language: 'fr', requestedAt: 65_000, siteId: 'site-1' }],
  },
  'callback.details': { type: 'callback.details', callbackId: 'cb-1', phone: '5065550134' },
  'device.status.recorded': { type: 'device.status.recorded' },
  'queue.overview': {
    type: 'queue.overview',
    lines: [{ serviceLine: 'passport', language: 'fr', waiting: 2, longestWaitMs: 95_000, estimatedWaitMs: 480_000 }],
  },
  'supervisor.snapshot': {
    type: 'supervisor.snapshot',
    lines: [{ serviceLine: 'pensions', language: 'en', waiting: 0, longestWaitMs: 0 }],
    agents: [{ agentId: 'a-1', state: 'away', awayReason: 'meal', serviceLines: ['pensions'], languages: ['en', 'fr'], sinceMs: 60_000 }],
  },
  'interpreter.offer': { type: 'interpreter.offer', offerId: 'o-2', interpreterLanguage: 'iu', ticket, expiresInMs: 20000 },
  'call.member': { type: 'call.member', callId: 'c-1', memberId: 'm-3', role: 'interpreter', state: 'joined' },
  'call.left': { type: 'call.left', callId: 'c-1', reason: 'transferred' },
  'call.transfer.status': { type: 'call.transfer.status', callId: 'c-1', state: 'failed', reason: 'declined' },
  'call.colleagues.list': {
    type: 'call.colleagues.list',
    callId: 'c-1',
    colleagues: [{ agentId: 'a-2', displayName: 'Marie T.', state: 'available', serviceLines: ['pensions'], languages: ['fr'] }],
  },
  'interpreter.status': { type: 'interpreter.status', callId: 'c-1', interpreterLanguage: 'iu', state: 'joined' },
  'kiosk.reset': { type: 'kiosk.reset' },
  'site.snapshot': {
    type: 'site.snapshot',
    siteId: 'site-1',
    siteName: 'Service New Brunswick, Fredericton',
    kiosks: [
      { kioskId: 'k-1', connection: 'online', activity: 'waiting', position: 2, waitedMs: 30_000, outOfService: false, lastSeenMsAgo: 0, silent: false },
      {
        kioskId: 'k-2',
        connection: 'reconnecting',
        activity: 'idle',
        devices: { camera: 'missing', microphone: 'ok', speaker: 'unknown', checkedMsAgo: 5_000 },
        outOfService: true,
        silent: true,
      },
    ],
    help: [{ helpId: 'help-1', kioskId: 'k-1', step: 'triage', waitedMs: 12_000, acknowledgedBy: 'staff-1', acknowledgedMsAgo: 2_000 }],
  },
  'kiosk.revoked': { type: 'kiosk.revoked', kioskId: 'k-1', closedConnections: 1 },
  'kiosk.reinstated': { type: 'kiosk.reinstated', kioskId: 'k-1', allowed: true },
  'enrolment.issued': { type: 'enrolment.issued', kioskId: 'k-1', code: 'ABCDE-FGHJK', expiresAt: 1_700_000_000_000 },
  error: { type: 'error', code: 'FORBIDDEN', message: ERROR_MESSAGES.FORBIDDEN, inReplyTo: 'call.accept' },
};

describe('protocol round trips', () => {
  it.each(Object.values(CLIENT_EXAMPLES))('client $type survives JSON and parsing unchanged', (message) => {
    const parsed = parseClientFrame(JSON.stringify(message));
    expect(parsed).toEqual({ ok: true, value: message });
  });

  it.each(Object.values(SERVER_EXAMPLES))('server $type survives JSON and parsing unchanged', (message) => {
    expect(parseServerFrame(JSON.stringify(message))).toEqual({ ok: true, value: message });
  });

  it('has an example for every message in both unions', () => {
    expect(Object.keys(CLIENT_EXAMPLES).sort()).toEqual(ClientMessage.options.map((o) => o.shape.type.value).sort());
    expect(Object.keys(SERVER_EXAMPLES).sort()).toEqual(ServerMessage.options.map((o) => o.shape.type.value).sort());
  });
});

describe('protocol rejections name what was wrong', () => {
  it('refuses malformed JSON', () => {
    expect(parseClientFrame('{"type":')).toMatchObject({ ok: false, code: 'BAD_JSON' });
  });

  it('refuses an unknown or missing type', () => {
    expect(parseClientFrame('{"type":"call.hijack"}')).toMatchObject({ ok: false, code: 'UNKNOWN_TYPE', inReplyTo: 'call.hijack' });
    expect(parseClientFrame('{"kind":"hello"}')).toMatchObject({ ok: false, code: 'UNKNOWN_TYPE' });
    expect(parseClientFrame('[1,2]')).toMatchObject({ ok: false, code: 'UNKNOWN_TYPE' });
    expect(parseClientFrame('null')).toMatchObject({ ok: false, code: 'UNKNOWN_TYPE' });
  });

  it('refuses a server-only type from a client', () => {
    expect(parseClientFrame(JSON.stringify(SERVER_EXAMPLES['call.start']))).toMatchObject({ ok: false, code: 'UNKNOWN_TYPE' });
  });

  it('names the bad field of a schema violation', () => {
    const result = parseClientFrame(JSON.stringify({ type: 'queue.join', serviceLine: 'lottery', language: 'fr' }));
    expect(result).toMatchObject({ ok: false, code: 'INVALID_MESSAGE', inReplyTo: 'queue.join' });
    expect(!result.ok && result.message).toContain('serviceLine');
  });

  it('refuses ids with characters outside the safe set', () => {
    const result = parseClientFrame(JSON.stringify({ type: 'call.end', callId: '../../etc' }));
    expect(result).toMatchObject({ ok: false, code: 'INVALID_MESSAGE' });
  });

  it('refuses a signal whose payload is not an object', () => {
    expect(parseClientFrame(JSON.stringify({ type: 'signal', callId: 'c-1', data: 'sdp' }))).toMatchObject({ ok: false, code: 'INVALID_MESSAGE' });
  });

  it('refuses frames over the limit before parsing, counting UTF-8 bytes', () => {
    const big = JSON.stringify({ type: 'signal', callId: 'c', data: { sdp: 'x'.repeat(MAX_FRAME_BYTES) } });
    expect(parseClientFrame(big)).toMatchObject({ ok: false, code: 'FRAME_TOO_LARGE' });
    // 30,000 "é" are 60,000 bytes (fits); 33,000 are 66,000 bytes (does not) though both are < 64 Ki characters.
    expect(exceedsUtf8Bytes('é'.repeat(30_000), MAX_FRAME_BYTES)).toBe(false);
    expect(exceedsUtf8Bytes('é'.repeat(33_000), MAX_FRAME_BYTES)).toBe(true);
    expect(exceedsUtf8Bytes('😀'.repeat(16_385), MAX_FRAME_BYTES)).toBe(true);
  });
});

describe('triage summary and kiosk requests', () => {
  const summary = {
    catalogueVersion: '2025.1',
    path: [{ questionId: 'start', optionId: 'sin' }],
    outcomeId: 'sin-agent',
    serviceLine: 'social-insurance-number',
    interpreter: true,
    language: 'en',
  };

  it('refuses a summary with too many steps, naming the field', () => {
    const path = Array.from({ length: TRIAGE_MAX_STEPS + 1 }, () => ({ questionId: 'q', optionId: 'o' }));
    const result = parseClientFrame(JSON.stringify({ type: 'queue.join', serviceLine: 'passport', language: 'en', summary: { ...summary, path } }));
    expect(result).toMatchObject({ ok: false, code: 'INVALID_MESSAGE' });
    expect(!result.ok && result.message).toContain('summary.path');
  });

  it('has no room for free text: unknown summary fields are dropped', () => {
    const result = parseClientFrame(
      JSON.stringify({ type: 'queue.join', serviceLine: 'passport', language: 'en', summary: { ...summary, note: 'my name is…' } }),
    );
    expect(result.ok && result.value.type === 'queue.join' && result.value.summary).toEqual(summary);
  });

  it('refuses ratings outside 1-5 and unknown help steps', () => {
    expect(parseClientFrame(JSON.stringify({ type: 'visit.feedback', ticketId: 't-1', rating: 6 }))).toMatchObject({ ok: false });
    expect(parseClientFrame(JSON.stringify({ type: 'visit.feedback', ticketId: 't-1', rating: 2.5 }))).toMatchObject({ ok: false });
    expect(parseClientFrame(JSON.stringify({ type: 'help.request', step: 'kitchen' }))).toMatchObject({ ok: false });
  });
});

describe('authorization table', () => {
  it('names a role for every client message except hello, and nothing else', () => {
    const types = ClientMessage.options.map((o) => o.shape.type.value).filter((t) => t !== 'hello');
    expect(Object.keys(CLIENT_MESSAGE_ROLES).sort()).toEqual(types.sort());
  });

  it('keeps queue actions to kiosks and call control to agents', () => {
    expect(CLIENT_MESSAGE_ROLES['queue.join']).toEqual(['kiosk']);
    expect(CLIENT_MESSAGE_ROLES['call.accept']).toEqual(['agent']);
    expect(CLIENT_MESSAGE_ROLES['call.wrapup']).toEqual(['agent']);
  });

  it('has a human message for every error code', () => {
    for (const code of ERROR_CODES) expect(ERROR_MESSAGES[code].length).toBeGreaterThan(10);
  });
});
