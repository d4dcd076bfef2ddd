import type { Language, ServiceLine } from '../../../protocol/index.js';
import type { Ticket, WaitingLine, WaitingLines } from './ticketQueue.js';

export interface AvailableAgent {
  agentId: string;
  languages: readonly Language[];
  serviceLines: readonly ServiceLine[];
  /** When the agent last became available; the longest idle is offered first. */
  idleSince: number;
}

interface DispatchCommon {
  /** Agents free to take an offer (state available, no pending offer). */
  agents: readonly AvailableAgent[];
  /** Tickets already offered to someone: a ticket is offered to one agent at a time. */
  isOffered: (ticketId: string) => boolean;
  /** A recent decline: do not offer this ticket to this agent again yet. */
  isExcluded?: (ticketId: string, agentId: string) => boolean;
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

type Coverable = Pick<AvailableAgent, 'languages' | 'serviceLines'>;

export function agentCovers(agent: Coverable, ticket: Pick<Ticket, 'serviceLine' | 'language'>): boolean {
  return agent.languages.includes(ticket.language) && agent.serviceLines.includes(ticket.serviceLine);
}

/** A line being read from its head: `current` is its oldest ticket not yet looked at and not on offer. */
interface Cursor {
  line: WaitingLine;
  tickets: Iterator<Ticket>;
  current: Ticket | undefined;
}

/**
 * Pure routing decision, with the outcome of walking every waiting ticket longest-waiting
 * first and giving each the longest-idle free agent who covers its service line and
 * language (and has not just declined it). Each agent gets at most one offer, each ticket
 * at most one agent.
 *
 * It gets there reading only the heads of the lines some free agent covers, merged by
 * arrival order. A line is read past its head only over tickets on offer, tickets paired
 * in this call, and tickets that every remaining agent for the line has just declined; it
 * is dropped once no remaining agent covers it. So one call reads at most
 * (pairings + tickets on offer + declined tickets + lines) tickets, whatever the number
 * waiting, and costs O(L·A) besides: docs/routing.md.
 */
export function planOffers(input: DispatchInput): Pairing[] {
  const { agents, isOffered, isExcluded = () => false } = input;
  // Stable sort: agents idle since the same moment keep the order they were given in.
  const free = [...agents].sort((a, b) => a.idleSince - b.idleSince);
  const covered = (line: WaitingLine) => free.some((agent) => agentCovers(agent, line));
  const advance = (cursor: Cursor): Ticket | undefined => {
    for (let next = cursor.tickets.next(); !next.done; next = cursor.tickets.next()) {
      if (!isOffered(next.value.ticketId)) return (cursor.current = next.value);
    }
    return (cursor.current = undefined);
  };

  const cursors: Cursor[] = [];
  for (const line of input.lines ? input.lines.lines() : linesOf(input.tickets)) {
    if (!covered(line)) continue;
    const cursor: Cursor = { line, tickets: line.inArrivalOrder(), current: undefined };
    if (advance(cursor)) cursors.push(cursor);
  }

  const pairings: Pairing[] = [];
  while (free.length > 0 && cursors.length > 0) {
    // The line whose current ticket arrived first: a merge of the lines by arrival order.
    let first = 0;
    for (let i = 1; i < cursors.length; i++) {
      if (cursors[i]!.current!.seq < cursors[first]!.current!.seq) first = i;
    }
    const cursor = cursors[first]!;
    const ticket = cursor.current!;
    const index = free.findIndex((agent) => agentCovers(agent, ticket) && !isExcluded(ticket.ticketId, agent.agentId));
    if (index !== -1) {
      const [agent] = free.splice(index, 1);
      pairings.push({ ticketId: ticket.ticketId, agentId: agent!.agentId });
    }
    // Paired, or declined by everyone left who could take it: the next one in its line.
    if (!covered(cursor.line) || !advance(cursor)) cursors.splice(first, 1);
  }
  return pairings;
}

/** Groups tickets already in arrival order into lines, keeping that order within each. */
function linesOf(tickets: readonly Ticket[]): WaitingLine[] {
  const byKey = new Map<string, { serviceLine: ServiceLine; language: Language; tickets: Ticket[] }>();
  for (const ticket of tickets) {
    const key = `${ticket.serviceLine}|${ticket.language}`;
    let line = byKey.get(key);
    if (!line) {
      line = { serviceLine: ticket.serviceLine, language: ticket.language, tickets: [] };
      byKey.set(key, line);
    }
    line.tickets.push(ticket);
  }
  return [...byKey.values()].map((line) => ({
    serviceLine: line.serviceLine,
    language: line.language,
    inArrivalOrder: () => line.tickets[Symbol.iterator](),
  }));
}
