import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, redact } from './logger.js';

describe('logger', () => {
  it('writes one JSON line with level, logger name and message', () => {
    const lines: string[] = [];
    const log = createLogger('server', { level: 'debug', write: (l) => lines.push(l) }).child('queue');
    log.info('ticket joined', { ticketId: 't_1', position: 2 });
    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'info', logger: 'server.queue', msg: 'ticket joined', ticketId: 't_1', position: 2 });
    expect(typeof entry['time']).toBe('string');
  });

  it('drops lines below the threshold', () => {
    const lines: string[] = [];
    const log = createLogger('x', { level: 'warn', write: (l) => lines.push(l) });
    log.debug('no');
    log.info('no');
    log.warn('yes');
    log.error('yes');
    expect(lines).toHaveLength(2);
  });

  it('redacts secrets and personal data by key, at any depth', () => {
    const lines: string[] = [];
    const log = createLogger('auth', { write: (l) => lines.push(l) });
    log.warn('attempt', {
      password: 'hunter2',
      token: 'abc',
      sessionToken: 'def',
      credentials: { role: 'agent', username: 'alice' },
      nested: { phone: '555-1234', name: 'Jane Doe', kioskId: 'kiosk-1' },
    });
    const line = lines[0] ?? '';
    for (const secret of ['hunter2', 'abc', 'def', 'alice', '555-1234', 'Jane Doe']) expect(line).not.toContain(secret);
    const entry = JSON.parse(line) as Record<string, unknown>;
    expect(entry['password']).toBe(REDACTED);
    expect(entry['credentials']).toBe(REDACTED);
    expect(entry['nested']).toEqual({ phone: REDACTED, name: REDACTED, kioskId: 'kiosk-1' });
  });

  it('bounds long strings and deep objects', () => {
    expect(String(redact('x'.repeat(10_000))).length).toBeLessThan(600);
    expect(redact({ a: { b: { c: { d: { e: 1 } } } } })).toEqual({ a: { b: { c: { d: '[truncated]' } } } });
  });
});
