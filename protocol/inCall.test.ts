import { describe, expect, it } from 'vitest';
import {
  CHAT_TEXT_MAX_CHARS,
  CLIENT_MESSAGE_ROLES,
  PUSH_URL_MAX_CHARS,
  WRAPUP_NOTES_MAX_CHARS,
  parseClientFrame,
  type ParseResult,
  type ClientMessage,
} from './index.js';

const frame = (message: Record<string, unknown>) => parseClientFrame(JSON.stringify(message));
const push = (content: Record<string, unknown>) => frame({ type: 'screen.push', callId: 'c-1', content });
const failureOf = (result: ParseResult<ClientMessage>) => (result.ok ? 'accepted' : result.message);

describe('chat.send', () => {
  it('trims the text and keeps accents', () => {
    expect(frame({ type: 'chat.send', callId: 'c-1', text: '  Ça va, élève ?  ' })).toEqual({
      ok: true,
      value: { type: 'chat.send', callId: 'c-1', text: 'Ça va, élève ?' },
    });
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['too long', 'a'.repeat(CHAT_TEXT_MAX_CHARS + 1)],
    ['a control character', 'hi\u0007there'],
    ['a line break', 'one\ntwo'],
    ['a direction override', 'abc\u202Edef'],
  ])('refuses %s, naming the field', (_, text) => {
    expect(failureOf(frame({ type: 'chat.send', callId: 'c-1', text }))).toMatch(/^The message does not match.*text:/);
  });

  it('accepts the longest allowed line', () => {
    expect(frame({ type: 'chat.send', callId: 'c-1', text: 'é'.repeat(CHAT_TEXT_MAX_CHARS) }).ok).toBe(true);
  });
});

describe('screen.push', () => {
  it.each([
    { kind: 'link', url: 'https://www.canada.ca/fr.html' },
    { kind: 'link', url: 'https://canada.ca/a?b=c#d', label: 'Mon dossier Service Canada' },
    { kind: 'qr', url: 'https://canada.ca/' },
    { kind: 'instructions', steps: [{ en: 'Go to counter 3.', fr: 'Allez au comptoir 3.' }] },
  ])('accepts $kind', (content) => {
    expect(push(content).ok).toBe(true);
  });

  it.each([
    ['plain http', 'http://canada.ca/'],
    ['a script address', 'javascript:alert(1)'],
    ['a file address', 'file:///etc/passwd'],
    ['credentials in the address', 'https://user:pw@canada.ca/'],
    ['a bare IP address', 'https://127.0.0.1/'],
    ['a space', 'https://canada.ca/a b'],
    ['a control character', 'https://canada.ca/\u0000'],
    ['an address too long', `https://canada.ca/${'a'.repeat(PUSH_URL_MAX_CHARS)}`],
  ])('refuses %s, naming content.url', (_, url) => {
    expect(failureOf(push({ kind: 'link', url }))).toMatch(/content\.url:/);
    expect(failureOf(push({ kind: 'qr', url }))).toMatch(/content\.url:/);
  });

  it('refuses instructions missing a language', () => {
    expect(failureOf(push({ kind: 'instructions', steps: [{ en: 'Only English' }] }))).toMatch(/content\.steps\.0\.fr:/);
  });

  it('refuses an unknown kind', () => {
    expect(push({ kind: 'html', html: '<b>x</b>' }).ok).toBe(false);
  });
});

describe('call.wrapup notes and presence reasons', () => {
  it('keeps line breaks in notes and refuses them past the limit', () => {
    const ok = frame({ type: 'call.wrapup', callId: 'c-1', outcome: 'referred', notes: 'Line one\nLine two' });
    expect(ok).toMatchObject({ ok: true, value: { notes: 'Line one\nLine two' } });
    const long = frame({ type: 'call.wrapup', callId: 'c-1', outcome: 'referred', notes: 'x'.repeat(WRAPUP_NOTES_MAX_CHARS + 1) });
    expect(failureOf(long)).toMatch(/notes:/);
  });

  it('takes a coarse away reason, never free text', () => {
    expect(frame({ type: 'presence.set', status: 'away', reason: 'meal' }).ok).toBe(true);
    expect(failureOf(frame({ type: 'presence.set', status: 'away', reason: 'dentist at 3' }))).toMatch(/reason:/);
  });
});

describe('authorization', () => {
  it('lets both members chat but only the agent push to the screen', () => {
    expect(CLIENT_MESSAGE_ROLES['chat.send']).toEqual(['kiosk', 'agent']);
    expect(CLIENT_MESSAGE_ROLES['screen.push']).toEqual(['agent']);
  });
});
