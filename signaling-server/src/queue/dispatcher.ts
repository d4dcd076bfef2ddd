import type { Language, ServiceLine } from '../../../protocol/index.js';
import type { Ticket } from './ticketQueue.js';

export interface AvailableAgent {
  agentId: string;
  languages: readonly Language[];
  serviceLines: readonly ServiceLine[];
  /** When the agent last became available; the longest idle is offered first. */
  idleSince: number;
}

export interface DispatchInput {
  /** Waiting tickets, longest-waiting first. */
  tickets: readonly Ticket[];
  /** Agents free to take an offer (state available, no pending offer). */
  agents: readonly AvailableAgent[];
  /** Tickets already offered to someone: a ticket is offered to one agent at a time. */
  isOffered: (ticketId: string) => boolean;
  /** A recent decline: do not offer this ticket to this agent again yet. */
  isExcluded?: (ticketId: string, agentId: string) => boolean;
}

export interface Pairing {
  ticketId: string;
  agentId: string;
}

export function agentCovers(agent: Pick<AvailableAgent, 'languages' | 'serviceLines'>, ticket: Ticket): boolean {
  return agent.languages.includes(ticket.language) && agent.serviceLines.includes(ticket.serviceLine);
}

/**
 * Pure routing decision: walk the tickets longest-waiting first and give each the
 * longest-idle free agent who covers its service line and language. Each agent
 * gets at most one offer, each ticket at most one agent.
 */
export function planOffers({ tickets, agents, isOffered, isExcluded = () => false }: DispatchInput): Pairing[] {
  const free = [...agents].sort((a, b) => a.idleSince - b.idleSince);
  const pairings: Pairing[] = [];
  for (const ticket of tickets) {
    if (free.length === 0) break;
    if (isOffered(ticket.ticketId)) continue;
    const index = free.findIndex((agent) => agentCovers(agent, ticket) && !isExcluded(ticket.ticketId, agent.agentId));
    if (index === -1) continue;
    const [agent] = free.splice(index, 1);
    if (agent) pairings.push({ ticketId: ticket.ticketId, agentId: agent.agentId });
  }
  return pairings;
}
