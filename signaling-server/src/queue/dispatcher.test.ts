import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, SERVICE_LINES, type Language, type ServiceLine } from '../../../protocol/index.js';
import { FakeClock } from '../testing/fakeClock.js';
import { agentCovers, planOffers, type AvailableAgent, type DispatchInput, type Pairing } from './dispatcher.js';
import { TicketQueue, type Ticket, type WaitingLine, type WaitingLines } from './ticketQueue.js';

let seq = 0;
const ticket = (ticketId: string, over: Partial<Ticket> = {}): Ticket => ({
  ticketId,
  serviceLine: 'pensions',
  language: 'en',
  siteId: 's',
  kioskId: `k-${ticketId}`,
  joinedAt: 0,
  seq: seq++,
  ...over,
});
const agent = (agentId: string, idleSince: number, over: Partial<AvailableAgent> = {}): AvailableAgent => ({
  agentId,
  idleSince,
  languages: ['en', 'fr'],
  serviceLines: ['pensions', 'passport'],
  ...over,
});
const none = () => false;

/**
 * The planner as it was before lines were read from their heads: sort everything, walk
 * everything. Kept as the reference model the fast planner must agree with.
 */
function referencePlanOffers({ tickets, agents, isOffered, isExcluded = () => false }: Omit<DispatchInput, 'lines'> & { tickets: readonly Ticket[] }): Pairing[] {
  const free = [...agents].sort((a, b) => a.idleSince - b.idleSince);
  const pairings: Pairing[] = [];
  for (const t of [...tickets].sort((a, b) => a.seq - b.seq)) {
    if (free.length === 0) break;
    if (isOffered(t.ticketId)) continue;
    const index = free.findIndex((a) => agentCovers(a, t) && !isExcluded(t.ticketId, a.agentId));
    if (index === -1) continue;
    const [a] = free.splice(index, 1);
    if (a) pairings.push({ ticketId: t.ticketId, agentId: a.agentId });
  }
  return pairings;
}

/** One line of `count` tickets that counts how many of them the planner reads. */
function countingLine(count: number, serviceLine: ServiceLine = 'pensions', language: Language = 'en') {
  const tickets = Array.from({ length: count }, (_, i) => ticket(`${serviceLine}-${language}-${i}`, { serviceLine, language }));
  const line = {
    serviceLine,
    language,
    reads: 0,
    tickets,
    *inArrivalOrder(): Iterator<Ticket> {
      for (const t of tickets) {
        line.reads += 1;
        yield t;
      }
    },
  };
  return line;
}
const linesFrom = (...lines: WaitingLine[]): WaitingLines => ({ lines: () => lines });

describe('planOffers', () => {
  it('gives the longest-waiting ticket to the longest-idle matching agent', () => {
    const pairings = planOffers({
      tickets: [ticket('old'), ticket('new')],
      agents: [agent('recent', 200), agent('idle-longest', 100)],
      isOffered: none,
    });
    expect(pairings).toEqual([
      { ticketId: 'old', agentId: 'idle-longest' },
      { ticketId: 'new', agentId: 'recent' },
    ]);
  });

  it('skips agents who do not cover the line or language', () => {
    const pairings = planOffers({
      tickets: [ticket('fr-passport', { language: 'fr', serviceLine: 'passport' })],
      agents: [agent('en-only', 1, { languages: ['en'] }), agent('no-passport', 2, { serviceLines: ['pensions'] }), agent('ok', 3)],
      isOffered: none,
    });
    expect(pairings).toEqual([{ ticketId: 'fr-passport', agentId: 'ok' }]);
  });

  it('never offers a ticket already on offer, and gives each agent at most one', () => {
    const pairings = planOffers({
      tickets: [ticket('offered'), ticket('a'), ticket('b')],
      agents: [agent('only', 1)],
      isOffered: (id) => id === 'offered',
    });
    expect(pairings).toEqual([{ ticketId: 'a', agentId: 'only' }]);
  });

  it('passes over an excluded (recently declined) pairing to the next agent', () => {
    const pairings = planOffers({
      tickets: [ticket('t')],
      agents: [agent('decliner', 1), agent('next', 2)],
      isOffered: none,
      isExcluded: (t, a) => t === 't' && a === 'decliner',
    });
    expect(pairings).toEqual([{ ticketId: 't', agentId: 'next' }]);
  });

  it('returns nothing when no agent matches', () => {
    expect(planOffers({ tickets: [ticket('t', { serviceLine: 'my-account' })], agents: [agent('a', 1)], isOffered: none })).toEqual([]);
  });
});

describe('planOffers reads only the heads of the lines', () => {
  it('reads one ticket of a long line for one free agent', () => {
    const line = countingLine(10_000);
    expect(planOffers({ lines: linesFrom(line), agents: [agent('a', 1)], isOffered: none })).toEqual([{ ticketId: line.tickets[0]!.ticketId, agentId: 'a' }]);
    expect(line.reads).toBe(1);
  });

  it('steps over an offered head and a head the only agent declined, without walking the rest', () => {
    const line = countingLine(10_000);
    const [offered, declined, next] = line.tickets;
    const pairings = planOffers({
      lines: linesFrom(line),
      agents: [agent('a', 1)],
      isOffered: (id) => id === offered!.ticketId,
      isExcluded: (t, a) => t === declined!.ticketId && a === 'a',
    });
    expect(pairings).toEqual([{ ticketId: next!.ticketId, agentId: 'a' }]);
    expect(line.reads).toBe(3);
  });

  it('gives a head one agent declined to another agent, and the next ticket to the decliner', () => {
    const line = countingLine(1_000);
    const [head, second] = line.tickets;
    const pairings = planOffers({
      lines: linesFrom(line),
      agents: [agent('decliner', 1), agent('other', 2)],
      isOffered: none,
      isExcluded: (t, a) => t === head!.ticketId && a === 'decliner',
    });
    expect(pairings).toEqual([
      { ticketId: head!.ticketId, agentId: 'other' },
      { ticketId: second!.ticketId, agentId: 'decliner' },
    ]);
    expect(line.reads).toBe(2);
  });

  it('never opens a line no free agent covers, and stops reading a line once its agents are taken', () => {
    const pensions = countingLine(5_000, 'pensions');
    const insurance = countingLine(5_000, 'employment-insurance');
    const pairings = planOffers({ lines: linesFrom(insurance, pensions), agents: [agent('a', 1), agent('b', 2)], isOffered: none });
    expect(pairings.map((p) => p.ticketId)).toEqual([pensions.tickets[0]!.ticketId, pensions.tickets[1]!.ticketId]);
    expect(insurance.reads).toBe(0);
    expect(pensions.reads).toBe(2);
  });

  it('merges the lines by arrival order: the oldest head across lines goes first', () => {
    const queue = new TicketQueue(new FakeClock());
    queue.join({ ticketId: 'fr-first', serviceLine: 'pensions', language: 'fr', siteId: 's', kioskId: 'k1' });
    queue.join({ ticketId: 'en-second', serviceLine: 'pensions', language: 'en', siteId: 's', kioskId: 'k2' });
    queue.join({ ticketId: 'fr-third', serviceLine: 'pensions', language: 'fr', siteId: 's', kioskId: 'k3' });
    expect(planOffers({ lines: queue, agents: [agent('a', 1)], isOffered: none })).toEqual([{ ticketId: 'fr-first', agentId: 'a' }]);
    expect(planOffers({ lines: queue, agents: [agent('a', 1), agent('b', 2)], isOffered: (id) => id === 'fr-first' })).toEqual([
      { ticketId: 'en-second', agentId: 'a' },
      { ticketId: 'fr-third', agentId: 'b' },
    ]);
  });
});

describe('planOffers agrees with the reference planner', () => {
  const subset = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });
  const scenario = fc.record({
    joins: fc.array(fc.record({ serviceLine: fc.constantFrom(...SERVICE_LINES.slice(0, 3)), language: fc.constantFrom(...LANGUAGES), gapMs: fc.nat(3) }), {
      maxLength: 40,
    }),
    /** Indices (mod the number joined) of tickets that leave before the plan. */
    leaves: fc.array(fc.nat(), { maxLength: 10 }),
    agents: fc.array(
      fc.record({ languages: subset(LANGUAGES), serviceLines: subset(SERVICE_LINES.slice(0, 3)), idleSince: fc.nat(5) }),
      { maxLength: 8 },
    ),
    offered: fc.array(fc.nat(), { maxLength: 10 }),
    declines: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }),
  });

  it('makes the same pairings, in the same order, on random queues and agents', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const clock = new FakeClock();
        const queue = new TicketQueue(clock);
        s.joins.forEach((j, i) => {
          clock.advance(j.gapMs);
          queue.join({ ticketId: `t${i}`, serviceLine: j.serviceLine, language: j.language, siteId: 's', kioskId: `k${i}` });
        });
        for (const leave of s.leaves) if (s.joins.length > 0) queue.remove(`t${leave % s.joins.length}`);
        const agents = s.agents.map((a, i) => ({ agentId: `a${i}`, ...a }));
        const ids = (n: number) => `t${s.joins.length === 0 ? 0 : n % s.joins.length}`;
        const offered = new Set(s.offered.map(ids));
        const declined = new Set(s.declines.map(([t, a]) => `${ids(t)}/a${agents.length === 0 ? 0 : a % agents.length}`));
        const common = { agents, isOffered: (id: string) => offered.has(id), isExcluded: (t: string, a: string) => declined.has(`${t}/${a}`) };

        const expected = referencePlanOffers({ tickets: queue.waitingOldestFirst(), ...common });
        expect(planOffers({ lines: queue, ...common })).toEqual(expected);
        expect(planOffers({ tickets: queue.waitingOldestFirst(), ...common })).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
