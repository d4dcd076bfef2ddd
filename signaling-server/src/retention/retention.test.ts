import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { createLogger, silentLogger, type Logger } from '../logger.js';
import { createServer } from '../server.js';
import { createMemoryStore } from '../store/memoryStore.js';
import { openSqliteStore, SQLITE_FILE_NAME } from '../store/sqliteStore.js';
import type { Store } from '../store/store.js';
import { FakeClock } from '../testing/fakeClock.js';
import { testConfigInput } from '../testing/testServer.js';
import {
  DAY_MS,
  DEFAULT_HELP_REQUESTS_RETENTION_DAYS,
  DEFAULT_RETENTION_INTERVAL_MS,
  DEFAULT_VISITS_RETENTION_DAYS,
  resolveRetentionConfig,
} from './retentionConfig.js';
import { createRetentionJob } from './retentionJob.js';
import { RETENTION_EXEMPT_TABLES, retentionRules } from './retentionRules.js';
import { KIOSK_REPORT_RETENTION_DAYS } from '../kioskReports/kioskReportStore.js';

const HOUR_MS = 60 * 60 * 1000;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-retention-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger('server', { level: 'debug', write: (line) => lines.push(line) }), lines };
}

/** A visit that joined `daysAgo` days before `now`, with its whole life and wrap-up notes. */
function seedVisit(store: Store, ticketId: string, now: number, daysAgo: number): void {
  const at = now - daysAgo * DAY_MS;
  store.visitJoined({ ticketId, siteId: 'site-1', kioskId: 'kiosk-a', serviceLine: 'pensions', language: 'fr', at });
  store.visitAccepted(ticketId, { callId: `call-${ticketId}`, agentId: 'agent-1', at: at + 1000 });
  store.visitEnded(ticketId, { reason: 'agent-ended', at: at + 60_000 });
  store.visitOutcome(ticketId, 'resolved', at + 90_000);
  store.visitNotes(ticketId, 'Visitor will come back with the form.', at + 90_000);
}

function seedHelp(store: Store, now: number, daysAgo: number): void {
  store.helpRequested({ kioskId: 'kiosk-a', siteId: 'site-1', step: 'triage', at: now - daysAgo * DAY_MS });
}

const STORES: { name: string; open: () => Store }[] = [
  { name: 'SQLite file', open: () => openSqliteStore(tempDir()) },
  { name: 'memory', open: () => createMemoryStore() },
];

describe('retention settings', () => {
  it('defaults to 400 days of visits, 90 days of help requests, checked every hour', () => {
    expect(resolveRetentionConfig(undefined)).toEqual({ visitsDays: 400, helpRequestsDays: 90, intervalMs: HOUR_MS });
    expect([DEFAULT_VISITS_RETENTION_DAYS, DEFAULT_HELP_REQUESTS_RETENTION_DAYS, DEFAULT_RETENTION_INTERVAL_MS]).toEqual([400, 90, HOUR_MS]);
    expect(parseConfig(testConfigInput({ retention: { visitsDays: 30 } })).retention).toEqual({
      visitsDays: 30,
      helpRequestsDays: 90,
      intervalMs: HOUR_MS,
    });
  });

  it('refuses periods and intervals that would be mistakes, naming the field', () => {
    expect(() => parseConfig(testConfigInput({ retention: { visitsDays: 0 } }))).toThrow(/retention\.visitsDays/);
    expect(() => parseConfig(testConfigInput({ retention: { helpRequestsDays: 36_500 } }))).toThrow(/retention\.helpRequestsDays/);
    expect(() => parseConfig(testConfigInput({ retention: { intervalMs: 10 } }))).toThrow(/retention\.intervalMs/);
  });
});

describe.each(STORES)('the retention job on a $name store', ({ open }) => {
  it('deletes kiosk out-of-service reports after KIOSK_REPORT_RETENTION_DAYS', () => {
    const store = open();
    const clock = new FakeClock();
    const report = { kioskId: 'kiosk-a', kind: 'out-of-service', crashCount: 2, reasons: ['crashed'], outOfServiceCount: 1 } as const;
    store.kioskReports?.record({ ...report, reasons: [...report.reasons], at: clock.now() - (KIOSK_REPORT_RETENTION_DAYS + 1) * DAY_MS });
    store.kioskReports?.record({ ...report, reasons: [...report.reasons], at: clock.now() - (KIOSK_REPORT_RETENTION_DAYS - 1) * DAY_MS });
    const { logger } = capturingLogger();
    const settings = resolveRetentionConfig({});
    const job = createRetentionJob({ rules: retentionRules(store, settings), intervalMs: settings.intervalMs, clock, logger });
    expect(job.runOnce()).toMatchObject({ kioskReports: 1 });
    expect(store.kioskReports?.list()).toHaveLength(1);
  });

  it('deletes what is past its period at start and on every interval, logging counts only', () => {
    const store = open();
    const clock = new FakeClock();
    const now = clock.now();
    seedVisit(store, 't-old', now, 401);
    seedVisit(store, 't-edge', now, 399);
    seedVisit(store, 't-new', now, 1);
    seedHelp(store, now, 91);
    seedHelp(store, now, 89.6);
    seedHelp(store, now, 2);
    const { logger, lines } = capturingLogger();
    const settings = resolveRetentionConfig({});
    const job = createRetentionJob({ rules: retentionRules(store, settings), intervalMs: settings.intervalMs, clock, logger });

    job.start();
    expect(store.listVisits().map((v) => v.ticketId)).toEqual(['t-edge', 't-new']);
    expect(store.getVisitNotes('t-old')).toBeUndefined();
    expect(store.getVisitNotes('t-edge')).toBeDefined();
    expect(store.listHelpRequests()).toHaveLength(2);

    // Half a day later the 89.6-day help request has passed 90 days: gone by the next hourly run.
    clock.advance(12 * HOUR_MS);
    expect(store.listHelpRequests()).toHaveLength(1);
    // Two days later the 399-day visit passes 400 days.
    clock.advance(36 * HOUR_MS);
    expect(store.listVisits().map((v) => v.ticketId)).toEqual(['t-new']);
    expect(store.getVisitNotes('t-edge')).toBeUndefined();

    job.stop();
    expect(clock.pendingTimers).toBe(0);

    const deletions = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['msg'] === 'retention: deleted old records');
    expect(deletions).toHaveLength(3);
    expect(deletions[0]).toMatchObject({ visits: 1, helpRequests: 1 });
    // Counts only: no ticket, call or kiosk id, no note text.
    for (const line of lines) expect(line).not.toMatch(/t-old|t-edge|call-|kiosk-a|form/);
    store.close();
  });

  it('keeps running the other rules when one fails', () => {
    const store = open();
    const clock = new FakeClock();
    seedHelp(store, clock.now(), 100);
    const { logger, lines } = capturingLogger();
    const failing = {
      name: 'broken',
      tables: [],
      keepMs: DAY_MS,
      deleteBefore: () => {
        throw new Error('disk I/O error');
      },
    };
    const job = createRetentionJob({ rules: [failing, ...retentionRules(store, resolveRetentionConfig({}))], intervalMs: HOUR_MS, clock, logger });
    expect(job.runOnce()).toEqual({ visits: 0, helpRequests: 1, callbacks: 0, kioskReports: 0 });
    expect(store.listHelpRequests()).toHaveLength(0);
    expect(lines.some((l) => l.includes('retention: deleting old records failed') && l.includes('broken'))).toBe(true);
    store.close();
  });
});

describe('retention covers every table', () => {
  it('names a rule (or a reason for exemption) for every table in the SQLite schema', () => {
    const dir = tempDir();
    const store = openSqliteStore(dir);
    const rules = retentionRules(store, resolveRetentionConfig({}));
    store.close();
    const db = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name);
    db.close();
    const covered = new Set([...rules.flatMap((r) => r.tables), ...Object.keys(RETENTION_EXEMPT_TABLES)]);
    // A table listed here holds data with no retention period: add a rule in retentionRules.ts,
    // or an entry in RETENTION_EXEMPT_TABLES saying why it holds no personal data.
    expect(tables.filter((t) => !covered.has(t))).toEqual([]);
    // And no rule names a table that does not exist (a typo would silently keep data).
    expect([...covered].filter((t) => !tables.includes(t))).toEqual([]);
  });
});

describe('the server runs the retention job', () => {
  it('at start and on its interval, with the configured periods, and stops on close', async () => {
    const store = openSqliteStore(tempDir());
    const clock = new FakeClock();
    seedVisit(store, 't-old', clock.now(), 31);
    seedVisit(store, 't-new', clock.now(), 29);
    const config = parseConfig(testConfigInput({ retention: { visitsDays: 30, intervalMs: HOUR_MS } }));
    const server = createServer({ config, store, clock, logger: silentLogger });
    expect(store.listVisits().map((v) => v.ticketId)).toEqual(['t-new']);

    clock.advance(DAY_MS + HOUR_MS);
    expect(store.listVisits()).toEqual([]);

    await server.close();
    seedVisit(store, 't-later', clock.now(), 31);
    clock.advance(2 * HOUR_MS);
    expect(store.listVisits().map((v) => v.ticketId)).toEqual(['t-later']);
    store.close();
  });
});
