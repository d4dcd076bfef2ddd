import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, SERVICE_LINES } from '../../../protocol/index.js';
import { estimateWaitMs } from '../estimate/waitEstimate.js';
import { buildQueueOverview, changeKey, linesFor, serves, type OverviewAgent, type WaitingTicket } from './queueOverview.js';

const NOW = 1_000_000;
const HANDLE_MS = 300_000;

const agent = (agentId: string, over: Partial<OverviewAgent> = {}): OverviewAgent => ({
  agentId,
  state: 'available',
  serviceLines: ['passport'],
  languages: ['en'],
  since: NOW - 5_000,
  absent: false,
  ...over,
});

const build = (waiting: { serviceLine: 'passport' | 'pensions'; language: 'en' | 'fr'; joinedAt: number }[], agents: OverviewAgent[]) =>
  buildQueueOverview({ now: NOW, waiting, agents, averageHandleMs: () => HANDLE_MS });

describe('buildQueueOverview', () => {
  it('counts each (service line, language) and reports its longest wait', () => {
    const { lines } = build(
      [
        { serviceLine: 'passport', language: 'fr', joinedAt: NOW - 90_000 },
        { serviceLine: 'passport', language: 'fr', joinedAt: NOW - 30_000 },
        { serviceLine: 'pensions', language: 'en', joinedAt: NOW - 10_000 },
      ],
      [],
    );
    // Catalogue order (SERVICE_LINES), not arrival order.
    expect(lines).toEqual([
      expect.objectContaining({ serviceLine: 'pensions', language: 'en', waiting: 1, longestWaitMs: 10_000 }),
      expect.objectContaining({ serviceLine: 'passport', language: 'fr', waiting: 2, longestWaitMs: 90_000 }),
    ]);
  });

  it('lists the empty lines agents serve, with no wait', () => {
    const { lines } = build([], [agent('a1', { languages: ['en', 'fr'] })]);
    expect(lines.map((l) => [l.serviceLine, l.language, l.waiting, l.longestWaitMs])).toEqual([
      ['passport', 'en', 0, 0],
      ['passport', 'fr', 0, 0],
    ]);
  });

  it('estimates for a newcomer from the agents who could take them: not away, not reconnecting', () => {
    const waiting = [1, 2, 3].map((n) => ({ serviceLine: 'passport' as const, language: 'en' as const, joinedAt: NOW - n }));
    const one = build(waiting, [agent('a1'), agent('a2', { state: 'away' }), agent('a3', { absent: true })]);
    // Fourth in line, one agent: four rounds.
    expect(one.lines[0]?.estimatedWaitMs).toBe(4 * HANDLE_MS);
    const two = build(waiting, [agent('a1'), agent('a2', { state: 'in-call' })]);
    expect(two.lines[0]?.estimatedWaitMs).toBe(2 * HANDLE_MS);
  });

  it('describes agents by id, state, reason only while away, and time in state', () => {
    const { agents } = build(
      [],
      [agent('a1', { state: 'away', awayReason: 'meal', since: NOW - 60_000 }), agent('a2', { state: 'in-call', awayReason: 'meal' })],
    );
    expect(agents).toEqual([
      { agentId: 'a1', state: 'away', awayReason: 'meal', serviceLines: ['passport'], languages: ['en'], sinceMs: 60_000 },
      { agentId: 'a2', state: 'in-call', serviceLines: ['passport'], languages: ['en'], sinceMs: 5_000 },
    ]);
  });
});

describe('linesFor', () => {
  it('keeps only the lines the agent serves: service line and language both', () => {
    const { lines } = build(
      [
        { serviceLine: 'passport', language: 'fr', joinedAt: NOW },
        { serviceLine: 'passport', language: 'en', joinedAt: NOW },
        { serviceLine: 'pensions', language: 'en', joinedAt: NOW },
      ],
      [],
    );
    const englishPassport = linesFor({ serviceLines: ['passport'], languages: ['en'] }, lines);
    expect(englishPassport.map((l) => `${l.serviceLine}/${l.language}`)).toEqual(['passport/en']);
  });
});

describe('changeKey', () => {
  it('ignores growing waits but not counts or states', () => {
    const before = build([{ serviceLine: 'passport', language: 'en', joinedAt: NOW - 1 }], [agent('a1')]);
    const later = buildQueueOverview({
      now: NOW + 5_000,
      waiting: [{ serviceLine: 'passport', language: 'en', joinedAt: NOW - 1 }],
      agents: [agent('a1')],
      averageHandleMs: () => HANDLE_MS,
    });
    expect(changeKey(later.lines, later.agents)).toBe(changeKey(before.lines, before.agents));
    const more = build(
      [
        { serviceLine: 'passport', language: 'en', joinedAt: NOW - 1 },
        { serviceLine: 'passport', language: 'en', joinedAt: NOW },
      ],
      [agent('a1')],
    );
    expect(changeKey(more.lines)).not.toBe(changeKey(before.lines));
    const away = build([{ serviceLine: 'passport', language: 'en', joinedAt: NOW - 1 }], [agent('a1', { state: 'away' })]);
    expect(changeKey(before.lines, away.agents)).not.toBe(changeKey(before.lines, before.agents));
  });
});

describe('buildQueueOverview counts in one pass', () => {
  /** The definition it replaced: for each line, filter every agent. */
  function referenceLines(waiting: WaitingTicket[], agents: OverviewAgent[]) {
    const lines = [];
    for (const serviceLine of SERVICE_LINES) {
      for (const language of LANGUAGES) {
        const line = { serviceLine, language };
        const here = waiting.filter((t) => t.serviceLine === serviceLine && t.language === language);
        if (here.length === 0 && !agents.some((a) => serves(a, line))) continue;
        const eligibleAgents = agents.filter((a) => a.state !== 'away' && !a.absent && serves(a, line)).length;
        lines.push({
          ...line,
          waiting: here.length,
          longestWaitMs: here.length ? Math.max(0, NOW - Math.min(...here.map((t) => t.joinedAt))) : 0,
          estimatedWaitMs: estimateWaitMs({ position: here.length + 1, eligibleAgents, averageHandleMs: HANDLE_MS }),
        });
      }
    }
    return lines;
  }

  it('gives the per-line filter’s counts and estimates for random queues and agents, repeated config entries included', () => {
    const line = fc.constantFrom(...SERVICE_LINES);
    const language = fc.constantFrom(...LANGUAGES);
    const ticket = fc.record({ serviceLine: line, language, joinedAt: fc.integer({ min: 0, max: NOW }) });
    const someAgent = fc.record({
      agentId: fc.string({ minLength: 1, maxLength: 4 }),
      state: fc.constantFrom('available', 'away', 'offered', 'in-call', 'wrap-up'),
      serviceLines: fc.array(line, { minLength: 1, maxLength: 4 }),
      languages: fc.array(language, { minLength: 1, maxLength: 3 }),
      since: fc.constant(NOW - 1_000),
      absent: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(ticket, { maxLength: 20 }), fc.array(someAgent, { maxLength: 12 }), (waiting, agents) => {
        const built = buildQueueOverview({ now: NOW, waiting, agents, averageHandleMs: () => HANDLE_MS });
        expect(built.lines).toEqual(referenceLines(waiting, agents));
        expect(built.agents).toHaveLength(agents.length);
      }),
      { numRuns: 500 },
    );
  });
});
