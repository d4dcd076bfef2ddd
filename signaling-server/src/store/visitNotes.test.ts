import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from './memoryStore.js';
import { openSqliteStore } from './sqliteStore.js';
import type { Store } from './store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function sqlite(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'visit-notes-'));
  dirs.push(dir);
  return openSqliteStore(dir);
}

describe.each([
  ['memory', createMemoryStore],
  ['sqlite', sqlite],
])('%s store: wrap-up notes', (_, open) => {
  it('keeps the latest notes per ticket, apart from the visit record', () => {
    const store = open();
    expect(store.getVisitNotes('t_1')).toBeUndefined();
    store.visitNotes('t_1', 'first draft', 1000);
    store.visitNotes('t_1', 'Line one\nLine two', 2000);
    store.visitNotes('t_2', 'other', 3000);
    expect(store.getVisitNotes('t_1')).toEqual({ ticketId: 't_1', notes: 'Line one\nLine two', at: 2000 });
    expect(store.getVisitNotes('t_2')?.notes).toBe('other');
    expect(store.getVisit('t_1')).toBeUndefined();
    store.close();
  });
});
