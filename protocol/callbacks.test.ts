import { describe, expect, it } from 'vitest';
import { parseClientFrame } from './parse.js';
import { normalisePhone } from './callbacks.js';

describe('phone numbers for a callback', () => {
  it('keeps the digits of common ways of writing a number, as 10 digits', () => {
    for (const typed of ['5065550134', '506 555 0134', '(506) 555-0134', '1-506-555-0134', '+1 506.555.0134']) {
      expect(normalisePhone(typed)).toEqual({ ok: true, digits: '5065550134' });
    }
  });

  it('says what is wrong with a number that cannot be called', () => {
    expect(normalisePhone('506555013')).toEqual({ ok: false, problem: 'too-short' });
    expect(normalisePhone('')).toEqual({ ok: false, problem: 'too-short' });
    expect(normalisePhone('150655501345')).toEqual({ ok: false, problem: 'too-long' });
    expect(normalisePhone('25065550134')).toEqual({ ok: false, problem: 'country-code' });
    expect(normalisePhone('1065550134')).toEqual({ ok: false, problem: 'area-code' });
    expect(normalisePhone('5061550134')).toEqual({ ok: false, problem: 'exchange' });
  });

  const request = (phone: unknown) =>
    parseClientFrame(JSON.stringify({ type: 'callback.request', phone, consent: true, language: 'en' }));

  it('refuses on the wire anything but normalised digits, naming the field and the problem', () => {
    expect(request('5065550134')).toMatchObject({ ok: true });
    expect(request('15065550134')).toMatchObject({ ok: true });
    expect(request('506 555 0134')).toMatchObject({ ok: false, code: 'INVALID_MESSAGE', message: expect.stringMatching(/phone: digits only/) });
    expect(request('506555')).toMatchObject({ ok: false, message: expect.stringMatching(/phone: 10 digits are needed/) });
    expect(request('0065550134')).toMatchObject({ ok: false, message: expect.stringMatching(/phone: the area code/) });
    expect(request(5065550134)).toMatchObject({ ok: false, message: expect.stringMatching(/phone:/) });
  });

  it('needs explicit consent', () => {
    const noConsent = parseClientFrame(JSON.stringify({ type: 'callback.request', phone: '5065550134', consent: false, language: 'en' }));
    expect(noConsent).toMatchObject({ ok: false, code: 'INVALID_MESSAGE', message: expect.stringMatching(/consent:/) });
  });
});

describe('a callback after a failed call', () => {
  it('names the failed visit with an optional ticketId, checked like any id', () => {
    const request = { type: 'callback.request', phone: '5065550134', consent: true, language: 'fr' };
    expect(parseClientFrame(JSON.stringify({ ...request, ticketId: 'tk_1' }))).toMatchObject({ ok: true, value: { ticketId: 'tk_1' } });
    expect(parseClientFrame(JSON.stringify({ ...request, ticketId: '' }))).toMatchObject({
      ok: false,
      code: 'INVALID_MESSAGE',
      message: expect.stringMatching(/ticketId/),
    });
  });

  it('lets call.end say technical-failure and nothing else', () => {
    expect(parseClientFrame(JSON.stringify({ type: 'call.end', callId: 'c-1', reason: 'technical-failure' }))).toMatchObject({ ok: true });
    expect(parseClientFrame(JSON.stringify({ type: 'call.end', callId: 'c-1', reason: 'agent-ended' }))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/reason/),
    });
  });
});
