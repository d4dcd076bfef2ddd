import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from './memoryStore.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore, SQLITE_FILE_NAME } from './sqliteStore.js';
import type { Store } from './store.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-store-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const joined = { ticketId: 't_1', siteId: 'site-1', kioskId: 'kiosk-1', serviceLine: 'pensions', language: 'fr', at: 1000 } as const;

function roundTrip(store: Store): void {
  store.visitJoined(joined);
  store.visitOffered('t_1', 2000);
  store.visitOffered('t_1', 2500); // the first offer time is the one kept
  store.visitAccepted('t_1', { callId: 'call_1', agentId: 'agent-1', at: 3000 });
  store.visitEnded('t_1', { reason: 'visitor-ended', at: 4000 });
  store.visitEnded('t_1', { reason: 'agent-connection-lost', at: 4500 }); // the first end wins
  store.visitOutcome('t_1', 'resolved', 5000);
  store.visitJoined({ ...joined, ticketId: 't_2', at: 6000 });
  store.visitEnded('t_2', { reason: 'visitor-left-queue', at: 7000 });
  store.visitOffered('unknown', 1); // updates to unknown tickets are ignored

  expect(store.getVisit('t_1')).toEqual({
    ticketId: 't_1',
    callId: 'call_1',
    siteId: 'site-1',
    kioskId: 'kiosk-1',
    agentId: 'agent-1',
    serviceLine: 'pensions',
    language: 'fr',
    joinedAt: 1000,
    offeredAt: 2000,
    acceptedAt: 3000,
    endedAt: 4000,
    endReason: 'visitor-ended',
    outcome: 'resolved',
    outcomeAt: 5000,
  });
  expect(store.getVisit('t_2')).toEqual({
    ticketId: 't_2',
    siteId: 'site-1',
    kioskId: 'kiosk-1',
    serviceLine: 'pensions',
    language: 'fr',
    joinedAt: 6000,
    endedAt: 7000,
    endReason: 'visitor-left-queue',
  });
  expect(store.getVisit('unknown')).toBeUndefined();
  expect(store.listVisits().map((v) => v.ticketId)).toEqual(['t_1', 't_2']);
}

describe('memory store', () => {
  it('round-trips a visit', () => roundTrip(createMemoryStore()));
});

describe('sqlite store', () => {
  it('round-trips a visit', () => {
    const store = openSqliteStore(tempDir());
    roundTrip(store);
    store.close();
  });

  it('creates the folder, uses WAL, and keeps records and schema across reopen (migrations idempotent)', () => {
    const dir = join(tempDir(), 'nested', 'data');
    const first = openSqliteStore(dir);
    first.visitJoined(joined);
    first.close();
    const second = openSqliteStore(dir);
    expect(second.getVisit('t_1')?.joinedAt).toBe(1000);
    second.close();

    const db = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(versions).toEqual(MIGRATIONS.map((_, i) => ({ version: i + 1 })));
    const row = db.prepare('SELECT * FROM visits').get() as Record<string, unknown>;
    expect(Object.keys(row).sort()).toEqual(
      [
        'ticket_id', 'call_id', 'site_id', 'kiosk_id', 'agent_id', 'service_line', 'language',
        'joined_at', 'offered_at', 'accepted_at', 'ended_at', 'end_reason', 'outcome', 'outcome_at', 'feedback',
        'predicted_wait_ms', 'actual_wait_ms',
      ].sort(),
    );
    db.close();
  });
});
