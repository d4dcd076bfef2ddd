import type { Language, ServiceLine, TicketSummary, TriageSummary } from '../../../protocol/index.js';
import type { Clock } from '../clock.js';

export interface Ticket {
  ticketId: string;
  serviceLine: ServiceLine;
  language: Language;
  siteId: string;
  kioskId: string;
  /** The visitor's triage answers, passed through to the agent untouched. */
  triage?: TriageSummary;
  joinedAt: number;
  /** Tie-breaker for tickets joined in the same millisecond: arrival order is the truth. */
  seq: number;
}

export type NewTicket = Omit<Ticket, 'joinedAt' | 'seq'>;

export interface QueuePosition {
  ticket: Ticket;
  /** 1 = next to be offered in its (service line, language) queue. */
  position: number;
}

const lineKey = (serviceLine: ServiceLine, language: Language) => `${serviceLine}|${language}`;

/**
 * FIFO queues, one per (service line, language). Pure bookkeeping: no sockets,
 * no timers; time only from the injected clock.
 */
export class TicketQueue {
  private readonly lines = new Map<string, Ticket[]>();
  private readonly byId = new Map<string, Ticket>();
  private nextSeq = 0;

  constructor(private readonly clock: Clock) {}

  get size(): number {
    return this.byId.size;
  }

  join(ticket: NewTicket): QueuePosition {
    if (this.byId.has(ticket.ticketId)) throw new Error('ticket already queued');
    const queued: Ticket = { ...ticket, joinedAt: this.clock.now(), seq: this.nextSeq++ };
    const key = lineKey(queued.serviceLine, queued.language);
    const line = this.lines.get(key) ?? [];
    line.push(queued);
    this.lines.set(key, line);
    this.byId.set(queued.ticketId, queued);
    return { ticket: queued, position: line.length };
  }

  get(ticketId: string): Ticket | undefined {
    return this.byId.get(ticketId);
  }

  position(ticketId: string): number | undefined {
    const ticket = this.byId.get(ticketId);
    if (!ticket) return undefined;
    const line = this.lines.get(lineKey(ticket.serviceLine, ticket.language)) ?? [];
    return line.indexOf(ticket) + 1;
  }

  /** Removes the ticket; returns the tickets behind it, whose positions just moved up. */
  remove(ticketId: string): { ticket: Ticket; moved: QueuePosition[] } | undefined {
    const ticket = this.byId.get(ticketId);
    if (!ticket) return undefined;
    const key = lineKey(ticket.serviceLine, ticket.language);
    const line = this.lines.get(key) ?? [];
    const index = line.indexOf(ticket);
    line.splice(index, 1);
    if (line.length === 0) this.lines.delete(key);
    this.byId.delete(ticketId);
    const moved = line.slice(index).map((t, i) => ({ ticket: t, position: index + i + 1 }));
    return { ticket, moved };
  }

  /** Every waiting ticket, longest-waiting first, across all queues. */
  waitingOldestFirst(): Ticket[] {
    return [...this.byId.values()].sort((a, b) => a.joinedAt - b.joinedAt || a.seq - b.seq);
  }

  waitedMs(ticket: Ticket): number {
    return Math.max(0, this.clock.now() - ticket.joinedAt);
  }

  summary(ticket: Ticket): TicketSummary {
    return {
      ticketId: ticket.ticketId,
      serviceLine: ticket.serviceLine,
      language: ticket.language,
      siteId: ticket.siteId,
      kioskId: ticket.kioskId,
      waitedMs: this.waitedMs(ticket),
      ...(ticket.triage ? { triage: ticket.triage } : {}),
    };
  }
}
