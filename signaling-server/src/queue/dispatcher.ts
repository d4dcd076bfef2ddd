import type { InterpreterLanguage, Language, ServiceLine } from '../../../protocol/index.js';
import { lineKey, type Ticket, type WaitingLine, type WaitingLines } from './ticketQueue.js';
import type { EscalationRules } from './routingConfig.js';

export interface AvailableAgent {
  agentId: string;
  languages: readonly Language[];
  serviceLines: readonly ServiceLine[];
  /** Languages served through an interpreter; a ticket that needs one goes only to these agents. */
  interpreterLanguages?: readonly InterpreterLanguage[] | undefined;
  /** When the agent last became available; the longest idle is offered first. */
  idleSince: number;
}

/** The rules that depend on time: priority with aging, and escalation (docs/routing.md). */
export interface RoutingPolicy {
  now: number;
  /** An urgent ticket counts as having arrived this much earlier; 0 = priority ignored. */
  maxPriorityLeadMs: number;
  escalation: EscalationRules;
}

/** No priority, no escalation: the plain first-come-first-served of before issue 4. */
export const PLAIN_POLICY: RoutingPolicy = { now: 0, maxPriorityLeadMs: 0, escalation: {} };

interface DispatchCommon {
  /** Agents free to take an offer (state available, no pending offer). */
  agents: readonly AvailableAgent[];
  /** Tickets already offered to someone: a ticket is offered to one agent at a time. */
  isOffered: (ticketId: string) => boolean;
  /** A recent decline: do not offer this ticket to this agent again yet. */
  isExcluded?: (ticketId: string, agentId: string) => boolean;
  policy?: RoutingPolicy;
}

export type DispatchInput = DispatchCommon &
  (
    | {
        /** The queue's lines: only their heads are read (the fast path, see docs/routing.md). */
        lines: WaitingLines;
        tickets?: never;
      }
    | {
        /** Waiting tickets in arrival order (ascending `seq`). Grouped into lines first: O(n). */
        tickets: readonly Ticket[];
        lines?: never;
      }
  );

export interface Pairing {
  ticketId: string;
  agentId: string;
}

export type Coverable = Pick<AvailableAgent, 'languages' | 'serviceLines' | 'interpreterLanguages'>;
export type Routable = Pick<Ticket, 'serviceLine' | 'language'> & Partial<Pick<Ticket, 'interpreterLanguage' | 'joinedAt'>>;

/** True once the ticket has waited long enough for its line's escalation rule (if any). */
export function isEscalated(ticket: Routable, policy: Pick<RoutingPolicy, 'now' | 'escalation'>): boolean {
  const rule = policy.escalation[ticket.serviceLine];
  return rule !== undefined && ticket.joinedAt !== undefined && policy.now - ticket.joinedAt >= rule.afterMs;
}

/**
 * The one place that decides who may take whom: the ticket's language, its interpreter need
 * (if any), and its service line, or, once escalated, one of the lines its rule widens to.
 */
export function agentCovers(agent: Coverable, ticket: Routable, policy: Pick<RoutingPolicy, 'now' | 'escalation'> = PLAIN_POLICY): boolean {
  if (!agent.languages.includes(ticket.language)) return false;
  if (ticket.interpreterLanguage !== undefined && !(agent.interpreterLanguages ?? []).includes(ticket.interpreterLanguage)) return false;
  if (agent.serviceLines.includes(ticket.serviceLine)) return true;
  const rule = policy.escalation[ticket.serviceLine];
  return rule !== undefined && isEscalated(ticket, policy) && rule.alsoServedBy.some((line) => agent.serviceLines.includes(line));
}

/**
 * The order tickets are considered in across lines: effective arrival time, then arrival order.
 * An urgent ticket counts as having arrived `maxPriorityLeadMs` earlier, so it passes normal
 * tickets that arrived less than that before it, and no others: the no-starvation bound.
 */
export function comesBefore(a: Ticket, b: Ticket, policy: Pick<RoutingPolicy, 'maxPriorityLeadMs'>): boolean {
  const lead = (t: Ticket) => (t.priority === 'urgent' ? policy.maxPriorityLeadMs : 0);
  const ea = a.joinedAt - lead(a);
  const eb = b.joinedAt - lead(b);
  return ea !== eb ? ea < eb : a.seq < b.seq;
}

/** A line being read from its head: `current` is its oldest ticket not yet looked at and not on offer. */
interface Cursor {
  line: WaitingLine;
  tickets: Iterator<Ticket>;
  current: Ticket | undefined;
}

/**
 * Pure routing decision, with the outcome of walking every waiting ticket in `comesBefore`
 * order (longest-waiting first, urgent with a bounded head start) and giving each the
 * longest-idle free agent who covers it (`agentCovers`: language, interpreter, service line
 * or its escalation) and has not just declined it. Each agent gets at most one offer, each
 * ticket at most one agent.
 *
 * It gets there reading only the heads of the lines some free agent covers, merged by
 * effective arrival. A line is read past its head only over tickets on offer, tickets paired
 * in this call, and tickets that every remaining agent for the line has just declined; it
 * is dropped once no remaining agent covers it. So one call reads at most
 * (pairings + tickets on offer + declined tickets + lines) tickets, whatever the number
 * waiting, and costs O(L·A) besides: docs/routing.md.
 */
export function planOffers(input: DispatchInput): Pairing[] {
  const { agents, isOffered, isExcluded = () => false, policy = PLAIN_POLICY } = input;
  // Stable sort: agents idle since the same moment keep the order they were given in.
  const free = [...agents].sort((a, b) => a.idleSince - b.idleSince);
  // Coverage only shrinks along a line (later tickets are no more escalated), so when nobody
  // left covers a line's current ticket, nobody covers any ticket behind it either.
  const covered = (ticket: Ticket) => free.some((agent) => agentCovers(agent, ticket, policy));
  const advance = (cursor: Cursor): Ticket | undefined => {
    for (let next = cursor.tickets.next(); !next.done; next = cursor.tickets.next()) {
      if (!isOffered(next.value.ticketId)) return (cursor.current = next.value);
    }
    return (cursor.current = undefined);
  };

  const cursors: Cursor[] = [];
  for (const line of input.lines ? input.lines.lines() : linesOf(input.tickets)) {
    // Cheap check before reading the line: could anyone take its head, were it escalated already?
    const longWaiting = lineKind(line, Number.NEGATIVE_INFINITY);
    if (!free.some((agent) => agentCovers(agent, longWaiting, policy))) continue;
    const cursor: Cursor = { line, tickets: line.inArrivalOrder(), current: undefined };
    if (advance(cursor) && covered(cursor.current!)) cursors.push(cursor);
  }

  const pairings: Pairing[] = [];
  while (free.length > 0 && cursors.length > 0) {
    // The line whose current ticket comes first: a merge of the lines by effective arrival.
    let first = 0;
    for (let i = 1; i < cursors.length; i++) {
      if (comesBefore(cursors[i]!.current!, cursors[first]!.current!, policy)) first = i;
    }
    const cursor = cursors[first]!;
    const ticket = cursor.current!;
    const index = free.findIndex((agent) => agentCovers(agent, ticket, policy) && !isExcluded(ticket.ticketId, agent.agentId));
    if (index !== -1) {
      const [agent] = free.splice(index, 1);
      pairings.push({ ticketId: ticket.ticketId, agentId: agent!.agentId });
    }
    // Paired, or declined by everyone left who could take it: the next one in its line.
    if (!covered(ticket) || !advance(cursor) || !covered(cursor.current!)) cursors.splice(first, 1);
  }
  return pairings;
}

/** What routing needs of a line's tickets, as if one had joined at `joinedAt`. */
function lineKind(line: WaitingLine, joinedAt: number): Routable {
  // Its fields listed, not `{ ...kind, joinedAt }`: see the spread rule in eslint.config.js.
  return {
    serviceLine: line.serviceLine,
    language: line.language,
    joinedAt,
    ...(line.interpreterLanguage !== undefined ? { interpreterLanguage: line.interpreterLanguage } : {}),
  };
}

/** Groups tickets already in arrival order into lines, keeping that order within each. */
function linesOf(tickets: readonly Ticket[]): WaitingLine[] {
  const byKey = new Map<string, { kind: Ticket; tickets: Ticket[] }>();
  for (const ticket of tickets) {
    const key = lineKey(ticket);
    let line = byKey.get(key);
    if (!line) {
      line = { kind: ticket, tickets: [] };
      byKey.set(key, line);
    }
    line.tickets.push(ticket);
  }
  return [...byKey.values()].map(({ kind, tickets: lineTickets }) => ({
    serviceLine: kind.serviceLine,
    language: kind.language,
    priority: kind.priority,
    interpreterLanguage: kind.interpreterLanguage,
    inArrivalOrder: () => lineTickets[Symbol.iterator](),
  }));
}
