import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INTERPRETER_LANGUAGES, LANGUAGES, SERVICE_LINES, type Language, type ServiceLine } from '../../../protocol/index.js';
import { FakeClock } from '../testing/fakeClock.js';
import { agentCovers, PLAIN_POLICY, planOffers, type AvailableAgent, type DispatchInput, type Pairing, type RoutingPolicy } from './dispatcher.js';
import { TicketQueue, type Ticket, type WaitingLine, type WaitingLines } from './ticketQueue.js';

let seq = 0;
const ticket = (ticketId: string, over: Partial<Ticket> = {}): Ticket => ({
  ticketId,
  serviceLine: 'pensions',
  language: 'en',
  siteId: 's',
  kioskId: `k-${ticketId}`,
  priority: 'normal',
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
 * everything. Kept as the reference model the fast planner must agree with. Priority is the
 * documented rule written out plainly: an urgent ticket counts as having arrived
 * `maxPriorityLeadMs` earlier, arrival order breaking ties.
 */
function referencePlanOffers({
  tickets,
  agents,
  isOffered,
  isExcluded = () => false,
  policy = PLAIN_POLICY,
}: Omit<DispatchInput, 'lines'> & { tickets: readonly Ticket[] }): Pairing[] {
  const free = [...agents].sort((a, b) => a.idleSince - b.idleSince);
  const effective = (t: Ticket) => t.joinedAt - (t.priority === 'urgent' ? policy.maxPriorityLeadMs : 0);
  const pairings: Pairing[] = [];
  for (const t of [...tickets].sort((a, b) => effective(a) - effective(b) || a.seq - b.seq)) {
    if (free.length === 0) break;
    if (isOffered(t.ticketId)) continue;
    const index = free.findIndex((a) => agentCovers(a, t, policy) && !isExcluded(t.ticketId, a.agentId));
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
    priority: 'normal' as const,
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

describe('skills, priority and escalation', () => {
  const MIN = 60_000;
  const policy = (over: Partial<RoutingPolicy> = {}): RoutingPolicy => ({ now: 0, maxPriorityLeadMs: 5 * MIN, escalation: {}, ...over });

  it('matches language, service line and interpreter together', () => {
    const needsAsl = ticket('asl', { interpreterLanguage: 'asl' });
    const plain = agent('plain', 1);
    const lsq = agent('lsq', 2, { interpreterLanguages: ['lsq'] });
    const asl = agent('asl', 3, { interpreterLanguages: ['asl'] });
    expect(agentCovers(plain, needsAsl)).toBe(false);
    expect(agentCovers(lsq, needsAsl)).toBe(false);
    expect(agentCovers(asl, needsAsl)).toBe(true);
    // An interpreter-capable agent still serves visitors who need none.
    expect(agentCovers(asl, ticket('none'))).toBe(true);
    expect(agentCovers(asl, ticket('fr-asl', { interpreterLanguage: 'asl', language: 'fr' }))).toBe(true);
    expect(agentCovers(agent('en-asl', 4, { languages: ['en'], interpreterLanguages: ['asl'] }), ticket('x', { interpreterLanguage: 'asl', language: 'fr' }))).toBe(false);
    expect(planOffers({ tickets: [needsAsl], agents: [plain, lsq, asl], isOffered: none })).toEqual([{ ticketId: 'asl', agentId: 'asl' }]);
  });

  it('serves an urgent ticket before normal ones that arrived less than the lead before it', () => {
    const normal = ticket('normal', { joinedAt: 0 });
    const urgent = ticket('urgent', { joinedAt: 4 * MIN, priority: 'urgent' });
    expect(planOffers({ tickets: [normal, urgent], agents: [agent('a', 1)], isOffered: none, policy: policy({ now: 4 * MIN }) })).toEqual([
      { ticketId: 'urgent', agentId: 'a' },
    ]);
  });

  it('never lets an urgent ticket pass a normal one that had already waited the lead (no starvation)', () => {
    const normal = ticket('normal', { joinedAt: 0 });
    const lateUrgent = ticket('urgent-late', { joinedAt: 5 * MIN + 1, priority: 'urgent' });
    const atLead = ticket('urgent-at-lead', { joinedAt: 5 * MIN, priority: 'urgent' });
    const p = policy({ now: 6 * MIN });
    expect(planOffers({ tickets: [normal, lateUrgent], agents: [agent('a', 1)], isOffered: none, policy: p })).toEqual([{ ticketId: 'normal', agentId: 'a' }]);
    // Equal effective time: arrival order decides, and the normal ticket arrived first.
    expect(planOffers({ tickets: [normal, atLead], agents: [agent('a', 1)], isOffered: none, policy: p })).toEqual([{ ticketId: 'normal', agentId: 'a' }]);
  });

  it('bounds how long a stream of urgent tickets can hold a normal one back', () => {
    // One agent; an urgent ticket arrives every minute forever; each call takes a minute.
    const lead = 5 * MIN;
    const waiting: Ticket[] = [ticket('normal', { joinedAt: 0 })];
    let servedNormalAt: number | undefined;
    for (let minute = 0; minute < 60 && servedNormalAt === undefined; minute++) {
      const now = minute * MIN;
      waiting.push(ticket(`u${minute}`, { priority: 'urgent', joinedAt: now }));
      const [pairing] = planOffers({ tickets: waiting, agents: [agent('a', 1)], isOffered: none, policy: policy({ now, maxPriorityLeadMs: lead }) });
      if (pairing!.ticketId === 'normal') servedNormalAt = now;
      waiting.splice(waiting.findIndex((t) => t.ticketId === pairing!.ticketId), 1);
    }
    // Urgent tickets arriving in its first `lead` ms (6, one a minute from 0 to 5 min) go first, then it does.
    expect(servedNormalAt).toBeDefined();
    expect(servedNormalAt!).toBeLessThanOrEqual(lead + MIN);
  });

  it('escalates to the configured wider lines only after the configured wait', () => {
    const escalation = { passport: { afterMs: 2 * MIN, alsoServedBy: ['pensions' as const] } };
    const t = ticket('p', { serviceLine: 'passport', joinedAt: 0 });
    const pensionsOnly = agent('pensions-only', 1, { serviceLines: ['pensions'] });
    expect(planOffers({ tickets: [t], agents: [pensionsOnly], isOffered: none, policy: policy({ now: 2 * MIN - 1, escalation }) })).toEqual([]);
    expect(planOffers({ tickets: [t], agents: [pensionsOnly], isOffered: none, policy: policy({ now: 2 * MIN, escalation }) })).toEqual([
      { ticketId: 'p', agentId: 'pensions-only' },
    ]);
    // Escalation widens the service line only, never the language or the interpreter.
    const frAgent = agent('fr', 1, { serviceLines: ['pensions'], languages: ['fr'] });
    expect(planOffers({ tickets: [t], agents: [frAgent], isOffered: none, policy: policy({ now: 3 * MIN, escalation }) })).toEqual([]);
  });

  it('reads past an escalated head only as far as tickets are escalated', () => {
    const escalation = { passport: { afterMs: 2 * MIN, alsoServedBy: ['pensions' as const] } };
    const clock = new FakeClock(0);
    const queue = new TicketQueue(clock);
    queue.join({ ticketId: 'old', serviceLine: 'passport', language: 'en', siteId: 's', kioskId: 'k1' });
    clock.advance(MIN);
    queue.join({ ticketId: 'young', serviceLine: 'passport', language: 'en', siteId: 's', kioskId: 'k2' });
    const agents = [agent('x', 1, { serviceLines: ['pensions'] }), agent('y', 2, { serviceLines: ['pensions'] })];
    expect(planOffers({ lines: queue, agents, isOffered: none, policy: policy({ now: 2 * MIN, escalation }) })).toEqual([{ ticketId: 'old', agentId: 'x' }]);
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
    joins: fc.array(
      fc.record({
        serviceLine: fc.constantFrom(...SERVICE_LINES.slice(0, 3)),
        language: fc.constantFrom(...LANGUAGES),
        gapMs: fc.nat(3),
        urgent: fc.boolean(),
        interpreter: fc.option(fc.constantFrom(...INTERPRETER_LANGUAGES.slice(0, 2)), { nil: undefined }),
      }),
      { maxLength: 40 },
    ),
    leadMs: fc.nat(6),
    /** Escalation: the first line widens to the second after this wait, when set. */
    escalateAfterMs: fc.option(fc.nat(60), { nil: undefined }),
    /** Indices (mod the number joined) of tickets that leave before the plan. */
    leaves: fc.array(fc.nat(), { maxLength: 10 }),
    agents: fc.array(
      fc.record({
        languages: subset(LANGUAGES),
        serviceLines: subset(SERVICE_LINES.slice(0, 3)),
        interpreterLanguages: fc.subarray([...INTERPRETER_LANGUAGES.slice(0, 2)]),
        idleSince: fc.nat(5),
      }),
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
          queue.join({
            ticketId: `t${i}`,
            serviceLine: j.serviceLine,
            language: j.language,
            siteId: 's',
            kioskId: `k${i}`,
            priority: j.urgent ? 'urgent' : 'normal',
            ...(j.interpreter ? { interpreterLanguage: j.interpreter } : {}),
          });
        });
        for (const leave of s.leaves) if (s.joins.length > 0) queue.remove(`t${leave % s.joins.length}`);
        const agents = s.agents.map((a, i) => ({ agentId: `a${i}`, ...a }));
        const ids = (n: number) => `t${s.joins.length === 0 ? 0 : n % s.joins.length}`;
        const offered = new Set(s.offered.map(ids));
        const declined = new Set(s.declines.map(([t, a]) => `${ids(t)}/a${agents.length === 0 ? 0 : a % agents.length}`));
        const escalation =
          s.escalateAfterMs === undefined ? {} : { [SERVICE_LINES[0]]: { afterMs: s.escalateAfterMs, alsoServedBy: [SERVICE_LINES[1]] } };
        const policy: RoutingPolicy = { now: clock.now(), maxPriorityLeadMs: s.leadMs, escalation };
        const common = {
          agents,
          isOffered: (id: string) => offered.has(id),
          isExcluded: (t: string, a: string) => declined.has(`${t}/${a}`),
          policy,
        };

        const expected = referencePlanOffers({ tickets: queue.waitingOldestFirst(), ...common });
        expect(planOffers({ lines: queue, ...common })).toEqual(expected);
        expect(planOffers({ tickets: queue.waitingOldestFirst(), ...common })).toEqual(expected);
      }),
      { numRuns: 800 },
    );
  });
});
