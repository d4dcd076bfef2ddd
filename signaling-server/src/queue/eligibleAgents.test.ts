import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INTERPRETER_LANGUAGES, LANGUAGES, SERVICE_LINES } from '../../../protocol/index.js';
import { agentCovers, isEscalated, type Coverable, type Routable, type RoutingPolicy } from './dispatcher.js';
import { EligibleAgentCounts } from './eligibleAgents.js';

const LINES = SERVICE_LINES.slice(0, 3);
const INTERPRETING = INTERPRETER_LANGUAGES.slice(0, 2);

const agent = fc.record({
  languages: fc.subarray([...LANGUAGES], { minLength: 1 }),
  serviceLines: fc.subarray([...LINES]),
  interpreterLanguages: fc.subarray([...INTERPRETING]),
});
const ticket = fc.record({
  serviceLine: fc.constantFrom(...LINES),
  language: fc.constantFrom(...LANGUAGES),
  interpreterLanguage: fc.option(fc.constantFrom(...INTERPRETING), { nil: undefined }),
  joinedAt: fc.nat(100),
});
/** Agents coming and going (by index into a pool) and estimates asked for, in any order. */
const step = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), who: fc.nat(7), present: fc.boolean() }),
  fc.record({ kind: fc.constant('count' as const), ticket, now: fc.nat(200) }),
);

describe('eligible agent counts', () => {
  it('always equal a count over every present agent, whatever the order of changes and questions', () => {
    fc.assert(
      fc.property(fc.array(agent, { minLength: 8, maxLength: 8 }), fc.array(step, { maxLength: 60 }), fc.nat(120), (pool, steps, afterMs) => {
        const escalation: RoutingPolicy['escalation'] = { [LINES[0]!]: { afterMs, alsoServedBy: [LINES[1]!] } };
        const counts = new EligibleAgentCounts(escalation);
        const present = new Map<number, Coverable>();
        for (const s of steps) {
          if (s.kind === 'set') {
            counts.set(`agent-${s.who}`, pool[s.who]!, s.present);
            if (s.present) present.set(s.who, pool[s.who]!);
            else present.delete(s.who);
            continue;
          }
          const policy = { now: s.now, escalation };
          const routable: Routable = { ...s.ticket, ...(s.ticket.interpreterLanguage === undefined ? { interpreterLanguage: undefined } : {}) };
          const expected = [...present.values()].filter((a) => agentCovers(a, routable, policy)).length;
          expect(counts.countFor(routable, isEscalated(routable, policy))).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('counts an agent with the coverage it had when it started to count', () => {
    const counts = new EligibleAgentCounts({});
    const ticket = { serviceLine: LINES[0]!, language: LANGUAGES[0]! };
    counts.set('a', { languages: [LANGUAGES[0]!], serviceLines: [LINES[0]!] }, true);
    expect(counts.countFor(ticket, false)).toBe(1);
    // Saying "not present" with a different (say reloaded) config still takes away the one counted.
    counts.set('a', { languages: [LANGUAGES[1]!], serviceLines: [] }, false);
    expect(counts.countFor(ticket, false)).toBe(0);
    counts.set('a', { languages: [LANGUAGES[0]!], serviceLines: [LINES[0]!] }, false);
    expect(counts.countFor(ticket, false)).toBe(0);
  });
});
