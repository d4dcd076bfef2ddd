import { beforeEach, describe, expect, it } from 'vitest';
import type { AgentConfig } from '../config.js';
import { silentLogger } from '../logger.js';
import { OVERVIEW_MIN_INTERVAL_MS, OVERVIEW_REFRESH_MS } from '../overview/overviewSchedule.js';
import { createMemoryStore } from '../store/memoryStore.js';
import { FakeClock } from '../testing/fakeClock.js';
import { agentConfig as sharedAgentConfig, FakeOutbox, kioskConfig } from '../testing/switchboardFixture.js';
import { Switchboard } from './switchboard.js';


/** This file's agents: English, benefits, unless a test says otherwise. */
const agentConfig = (id: string, over: Partial<AgentConfig> = {}): AgentConfig => sharedAgentConfig(id, { ...{ username: `user-${id}`, languages: ['en'], serviceLines: ['benefits'] }, ...over });

describe('Switchboard queue overview', () => {
  let clock: FakeClock;
  let board: Switchboard;

  beforeEach(() => {
    clock = new FakeClock();
    board = new Switchboard({ clock, store: createMemoryStore(), logger: silentLogger, offerTimeoutMs: 20_000 });
    board.useQueueOverview();
  });

  const addAgent = (id: string, over: Partial<AgentConfig> = {}) => {
    const outbox = new FakeOutbox();
    board.attachAgent(agentConfig(id, over), outbox);
    return outbox;
  };
  const join = (kioskId: string, language: 'en' | 'fr' = 'en') => {
    board.attachKiosk(kioskConfig(kioskId), new FakeOutbox());
    board.joinQueue(kioskId, 'benefits', language);
  };

  it('sends a new agent its lines once the burst settles, then at most once a second however busy', () => {
    const agent = addAgent('a1');
    expect(agent.ofType('queue.overview')).toHaveLength(0); // coalesced: nothing inside the same turn
    clock.advance(0);
    expect(agent.ofType('queue.overview')).toEqual([
      { type: 'queue.overview', lines: [expect.objectContaining({ serviceLine: 'benefits', language: 'en', waiting: 0 })] },
    ]);
    // Ten visitors in the next second: one more push, a second after the first, with all ten.
    for (let n = 0; n < 10; n += 1) {
      join(`k${n}`);
      clock.advance(OVERVIEW_MIN_INTERVAL_MS / 10 - 1);
      expect(agent.ofType('queue.overview')).toHaveLength(1);
    }
    clock.advance(10);
    expect(agent.ofType('queue.overview')).toHaveLength(2);
    expect(agent.ofType('queue.overview')[1]?.lines[0]).toMatchObject({ waiting: 10 });
  });

  it('pushes nothing when nothing it shows changed, and refreshes every 15 s with the waits grown', () => {
    const agent = addAgent('a1');
    join('k1');
    clock.advance(0);
    expect(agent.ofType('queue.overview')).toHaveLength(1);
    // A second agent going away changes no count nor estimate on this agent's line.
    addAgent('a2', { serviceLines: ['pensions'] });
    clock.advance(OVERVIEW_MIN_INTERVAL_MS);
    expect(agent.ofType('queue.overview')).toHaveLength(1);
    clock.advance(OVERVIEW_REFRESH_MS - OVERVIEW_MIN_INTERVAL_MS - 1);
    expect(agent.ofType('queue.overview')).toHaveLength(1);
    clock.advance(1);
    const refreshed = agent.ofType('queue.overview');
    expect(refreshed).toHaveLength(2);
    expect(refreshed[1]?.lines[0]).toMatchObject({ waiting: 1, longestWaitMs: OVERVIEW_REFRESH_MS });
  });

  it('skips the refresh for an agent nobody waits for: its view does not move', () => {
    const agent = addAgent('a1');
    clock.advance(OVERVIEW_REFRESH_MS * 4);
    expect(agent.ofType('queue.overview')).toHaveLength(1);
  });

  it('never shows an agent a line it does not serve', () => {
    const english = addAgent('en-only');
    const french = addAgent('fr-only', { languages: ['fr'] });
    join('k1', 'fr');
    clock.advance(OVERVIEW_REFRESH_MS * 2);
    const seen = (outbox: FakeOutbox) => outbox.ofType('queue.overview').flatMap((m) => m.lines.map((l) => l.language));
    expect(seen(english).length).toBeGreaterThan(0);
    expect(seen(english).every((language) => language === 'en')).toBe(true);
    expect(french.ofType('queue.overview').at(-1)?.lines).toEqual([expect.objectContaining({ language: 'fr', waiting: 1 })]);
  });

  it('gives supervisors every line and every agent by id, and nobody else', () => {
    const supervisor = addAgent('sup', { supervisor: true });
    const plain = addAgent('a1', { languages: ['fr'], serviceLines: ['pensions'] });
    board.setPresence('a1', 'available');
    join('k1', 'en');
    board.setPresence('sup', 'away');
    board.noteAwayReason('sup', 'training');
    clock.advance(OVERVIEW_MIN_INTERVAL_MS * 3);
    const snapshot = supervisor.ofType('supervisor.snapshot').at(-1);
    expect(snapshot?.lines.map((l) => `${l.serviceLine}/${l.language}/${l.waiting}`)).toEqual(['pensions/fr/0', 'benefits/en/1']);
    expect(snapshot?.agents).toEqual([
      expect.objectContaining({ agentId: 'sup', state: 'away', awayReason: 'training' }),
      expect.objectContaining({ agentId: 'a1', state: 'available', serviceLines: ['pensions'], languages: ['fr'] }),
    ]);
    expect(JSON.stringify(supervisor.sent)).not.toContain('user-');
    expect(plain.ofType('supervisor.snapshot')).toHaveLength(0);
  });

  it('counts time in a state from the change, and stops its timers when the last agent leaves', () => {
    const supervisor = addAgent('sup', { supervisor: true });
    clock.advance(0);
    clock.advance(40_000);
    board.setPresence('sup', 'available');
    clock.advance(OVERVIEW_MIN_INTERVAL_MS + 10_000);
    expect(supervisor.ofType('supervisor.snapshot').at(-1)?.agents[0]).toMatchObject({ state: 'available' });
    clock.advance(OVERVIEW_REFRESH_MS);
    const latest = supervisor.ofType('supervisor.snapshot').at(-1)?.agents[0];
    expect(latest?.sinceMs).toBeGreaterThanOrEqual(10_000);
    expect(latest?.sinceMs).toBeLessThan(40_000);
    board.partyLost({ role: 'agent', id: 'sup' }, supervisor, { deliberate: true });
    clock.advance(OVERVIEW_REFRESH_MS);
    expect(clock.pendingTimers).toBe(0);
  });
});
