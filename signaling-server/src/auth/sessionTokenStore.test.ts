import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqliteStore.js';
import type { Store } from '../store/store.js';
import { createMemorySessionTokenStore, type SessionTokenStore, type StoredSession } from './sessionTokenStore.js';

const NOW = 1_700_000_000_000;
const session = (digest: string, id: string, expiresAt: number): StoredSession => ({ digest, role: 'agent', id, stamp: `stamp-of-${id}`, expiresAt });

const opened: { store: Store; dir: string }[] = [];
afterEach(() => {
  for (const { store, dir } of opened.splice(0)) {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

function sqliteSessionTokens(): SessionTokenStore {
  const dir = mkdtempSync(join(tmpdir(), 'session-tokens-'));
  const store = openSqliteStore(dir);
  opened.push({ store, dir });
  return store.sessionTokens!;
}

// The same rules for both: the memory store stands in for SQLite in most server tests.
describe.each([
  ['memory', createMemorySessionTokenStore],
  ['SQLite', sqliteSessionTokens],
])('session token store (%s)', (_name, create) => {
  it('gives back the sessions not yet expired, earliest expiry first', () => {
    const store = create();
    store.save(session('c'.repeat(64), 'agent-3', NOW + 3_000));
    store.save(session('a'.repeat(64), 'agent-1', NOW + 1_000));
    store.save(session('b'.repeat(64), 'agent-2', NOW + 2_000));
    store.save(session('d'.repeat(64), 'agent-4', NOW));
    expect(store.load(NOW).map((s) => s.id)).toEqual(['agent-1', 'agent-2', 'agent-3']);
    expect(store.load(NOW)[0]).toEqual(session('a'.repeat(64), 'agent-1', NOW + 1_000));
  });

  it('deletes one session, a person’s every session, and the expired ones', () => {
    const store = create();
    store.save(session('a'.repeat(64), 'agent-1', NOW + 1_000));
    store.save(session('b'.repeat(64), 'agent-1', NOW + 5_000));
    store.save(session('c'.repeat(64), 'agent-2', NOW + 5_000));
    store.save(session('d'.repeat(64), 'agent-3', NOW + 5_000));
    store.delete('d'.repeat(64));
    store.deletePerson('agent-1');
    expect(store.load(NOW).map((s) => s.id)).toEqual(['agent-2']);
    store.save(session('e'.repeat(64), 'agent-4', NOW + 1_000));
    store.deleteExpired(NOW + 1_000);
    expect(store.load(0).map((s) => s.id)).toEqual(['agent-2']);
  });
});

describe('session token store (SQLite)', () => {
  it('keeps the sessions when the file is opened again, as after a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'session-tokens-'));
    try {
      const first = openSqliteStore(dir);
      first.sessionTokens!.save({ digest: 'a'.repeat(64), role: 'staff', id: 'staff-1', stamp: 'stamp', expiresAt: NOW + 1_000 });
      first.close();
      const second = openSqliteStore(dir);
      expect(second.sessionTokens!.load(NOW)).toEqual([{ digest: 'a'.repeat(64), role: 'staff', id: 'staff-1', stamp: 'stamp', expiresAt: NOW + 1_000 }]);
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
