import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFieldCipher } from '../crypto/fieldCipher.js';
import { createLogger, type Logger } from '../logger.js';
import { DAY_MS, resolveRetentionConfig } from '../retention/retentionConfig.js';
import { createRetentionJob } from '../retention/retentionJob.js';
import { retentionRules } from '../retention/retentionRules.js';
import { createMemoryStore } from '../store/memoryStore.js';
import { openSqliteStore } from '../store/sqliteStore.js';
import type { Store } from '../store/store.js';
import { FakeClock } from '../testing/fakeClock.js';
import { CallbackDesk, type CallbackVisit } from './callbackDesk.js';
import { resolveCallbacksConfig } from './callbacksConfig.js';

const PHONE = '5065550134';
const HOUR_MS = 60 * 60 * 1000;
const visit: CallbackVisit = { siteId: 'site-1', kioskId: 'kiosk-a', ticketId: 't-1', serviceLine: 'pensions', language: 'fr' };

function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger('test', { level: 'debug', write: (line) => lines.push(line) }), lines };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const stores: Record<string, () => Store> = {
  memory: () => createMemoryStore(),
  'SQLite file': () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-callbacks-'));
    dirs.push(dir);
    return openSqliteStore(dir);
  },
};

describe.each(Object.entries(stores))('the callback desk on a %s store', (_kind, open) => {
  const setUp = (keepDays = 7) => {
    const store = open();
    const clock = new FakeClock();
    const { logger, lines } = capturingLogger();
    const cipher = createFieldCipher(randomBytes(32));
    const desk = new CallbackDesk({ store: store.callbacks!, cipher, clock, logger, keepMs: keepDays * DAY_MS });
    return { store, clock, lines, desk };
  };

  it('lists without the number, opens with it, and forgets it when done; the log never has it', () => {
    const { store, clock, lines, desk } = setUp();
    const id = desk.request(visit, PHONE);
    clock.advance(90_000);
    expect(desk.pending()).toEqual([{ callbackId: id, serviceLine: 'pensions', language: 'fr', requestedAt: 90_000, siteId: 'site-1' }]);
    expect(desk.open('agent-1', id)).toBe(PHONE);
    desk.done('agent-1', id, 'no-answer');
    expect(desk.pending()).toEqual([]);
    expect(store.callbacks?.get(id)).toBeUndefined();
    expect(() => desk.done('agent-1', id, 'reached')).toThrow(/no pending callback/);
    expect(lines.some((line) => line.includes('callback opened') && line.includes('agent-1') && line.includes(id))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/5065550134|555.?0134/);
    store.close();
  });

  it('refuses a number sealed under another key (rotated without re-sealing) with a coded error', () => {
    const { store, clock, desk } = setUp();
    const id = desk.request(visit, PHONE);
    const other = new CallbackDesk({ store: store.callbacks!, cipher: createFieldCipher(randomBytes(32)), clock, logger: capturingLogger().logger, keepMs: DAY_MS });
    expect(() => other.open('agent-1', id)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    store.close();
  });

  it('hides callbacks past the retention period and the retention job deletes them', () => {
    const { store, clock, desk } = setUp(2);
    const old = desk.request(visit, PHONE);
    clock.advance(DAY_MS);
    const recent = desk.request({ ...visit, ticketId: 't-2' }, '5065550135');
    clock.advance(DAY_MS);
    // Exactly at the limit it is still kept; one millisecond past, it is gone.
    expect(desk.pending()).toHaveLength(2);
    clock.advance(1);
    expect(desk.pending().map((c) => c.callbackId)).toEqual([recent]);
    expect(() => desk.open('agent-1', old)).toThrow(/no pending callback/);
    const job = createRetentionJob({
      rules: retentionRules(store, resolveRetentionConfig({}), { callbackDays: 2 }),
      intervalMs: HOUR_MS,
      clock,
      logger: capturingLogger().logger,
    });
    expect(job.runOnce()).toMatchObject({ callbacks: 1 });
    expect(store.callbacks?.get(old)).toBeUndefined();
    expect(store.callbacks?.get(recent)).toBeDefined();
    store.close();
  });

  it('never keeps a callback beyond 7 days, whatever the rule is given', () => {
    const store = open();
    const rule = retentionRules(store, resolveRetentionConfig({}), { callbackDays: 30 }).find((r) => r.name === 'callbacks');
    expect(rule?.keepMs).toBe(7 * DAY_MS);
    expect(() => resolveCallbacksConfig({ retentionDays: 8 })).toThrow();
    expect(resolveCallbacksConfig(undefined)).toEqual({ retentionDays: 7 });
    store.close();
  });
});
