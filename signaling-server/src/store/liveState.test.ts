import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PersistedTicket } from './liveState.js';
import { createMemoryStore } from './memoryStore.js';
import { openSqliteStore } from './sqliteStore.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ticket = (ticketId: string, joinedAt: number, seq: number): PersistedTicket => ({
  ticketId,
  siteId: 'site-1',
  kioskId: `kiosk-${ticketId}`,
  serviceLine: 'pensions',
  language: 'fr',
  joinedAt,
  seq,
});

describe.each([
  ['memory', () => ({ open: () => createMemoryStore(), reopens: false })],
  [
    'sqlite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'kiosk-live-'));
      dirs.push(dir);
      return { open: () => openSqliteStore(dir), reopens: true };
    },
  ],
] as const)('%s live state', (_name, make) => {
  it('keeps tickets in arrival order, calls, session hashes and wrap-ups, and forgets deleted rows', () => {
    const { open, reopens } = make();
    const store = open();
    const live = store.live;
    if (!live) throw new Error('no live state');
    live.saveTicket(ticket('t-b', 1000, 2));
    const triage: NonNullable<PersistedTicket['triage']> = {
      catalogueVersion: '1.0',
      path: [{ questionId: 'q-1', optionId: 'o-2' }],
      outcomeId: 'o-1',
      serviceLine: 'pensions',
      interpreter: false,
      language: 'fr',
    };
    live.saveTicket({ ...ticket('t-a', 1000, 1), triage });
    live.saveTicket(ticket('t-c', 900, 3));
    live.saveTicket(ticket('t-gone', 800, 0));
    live.deleteTicket('t-gone');
    live.saveCall({ callId: 'c-1', ticketId: 't-x', kioskId: 'k', agentId: 'a' });
    live.saveCall({ callId: 'c-2', ticketId: 't-y', kioskId: 'k2', agentId: 'a2' });
    live.deleteCall('c-2');
    live.saveSession({ role: 'kiosk', partyId: 'k', resumeTokenHash: 'a'.repeat(64) });
    live.saveSession({ role: 'kiosk', partyId: 'k', resumeTokenHash: 'b'.repeat(64) });
    live.saveSession({ role: 'agent', partyId: 'a', resumeTokenHash: 'c'.repeat(64) });
    live.deleteSession('agent', 'a');
    live.saveWrapUp({ agentId: 'a3', callId: 'c-3', ticketId: 't-z' });
    live.saveWrapUp({ agentId: 'a4', callId: 'c-4', ticketId: 't-w' });
    live.deleteWrapUp('a4');

    const reread = reopens ? (store.close(), open()) : store;
    const state = reread.live?.load();
    expect(state?.tickets.map((t) => t.ticketId)).toEqual(['t-c', 't-a', 't-b']);
    expect(state?.tickets[1]?.triage).toEqual(triage);
    expect(state?.calls).toEqual([{ callId: 'c-1', ticketId: 't-x', kioskId: 'k', agentId: 'a' }]);
    expect(state?.sessions).toEqual([{ role: 'kiosk', partyId: 'k', resumeTokenHash: 'b'.repeat(64) }]);
    expect(state?.wrapUps).toEqual([{ agentId: 'a3', callId: 'c-3', ticketId: 't-z' }]);
    reread.close();
  });
});
