import { agentCovers, type Coverable, type Routable, type RoutingPolicy } from './dispatcher.js';

/** One kind of ticket and how many present agents cover it. */
interface Tally {
  /** A ticket of this kind, escalated when the kind is: what each agent's coverage is judged against. */
  probe: Routable;
  count: number;
}

/**
 * How many present agents (signed in, not away, connected) cover each kind of ticket, for the
 * wait estimate. Kept up to date as agents come and go, O(kinds seen) per change, instead of
 * counted over every agent for each estimate: at 5,000 agents that count was most of a
 * visitor's queue.join (docs/performance.md).
 *
 * A kind is line × language × interpreter language × escalated: priority does not change who
 * covers a ticket, and whether it is escalated is decided by the caller (`isEscalated`).
 */
export class EligibleAgentCounts {
  private readonly present = new Map<string, Coverable>();
  private readonly tallies = new Map<string, Tally>();
  /** Under this policy a probe with `joinedAt: 0` is escalated whenever its line has a rule. */
  private readonly escalatedPolicy: Pick<RoutingPolicy, 'now' | 'escalation'>;

  constructor(escalation: RoutingPolicy['escalation']) {
    this.escalatedPolicy = { now: Number.POSITIVE_INFINITY, escalation };
  }

  /** Whether agent `id` counts now. Idempotent; an agent's coverage is read when it starts to count. */
  set(id: string, agent: Coverable, present: boolean): void {
    if (present === this.present.has(id)) return;
    const counted = present ? agent : this.present.get(id)!;
    if (present) this.present.set(id, agent);
    else this.present.delete(id);
    const delta = present ? 1 : -1;
    for (const tally of this.tallies.values()) if (agentCovers(counted, tally.probe, this.escalatedPolicy)) tally.count += delta;
  }

  /** Present agents who cover this ticket's kind, escalated or not. */
  countFor(ticket: Routable, escalated: boolean): number {
    const key = `${ticket.serviceLine}|${ticket.language}|${ticket.interpreterLanguage ?? ''}|${escalated}`;
    let tally = this.tallies.get(key);
    if (tally === undefined) {
      // First time this kind is asked about: one count over the present agents, then kept.
      const probe: Routable = {
        serviceLine: ticket.serviceLine,
        language: ticket.language,
        ...(ticket.interpreterLanguage !== undefined ? { interpreterLanguage: ticket.interpreterLanguage } : {}),
        ...(escalated ? { joinedAt: 0 } : {}),
      };
      let count = 0;
      for (const agent of this.present.values()) if (agentCovers(agent, probe, this.escalatedPolicy)) count += 1;
      tally = { probe, count };
      this.tallies.set(key, tally);
    }
    return tally.count;
  }
}
