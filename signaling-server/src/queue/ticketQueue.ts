import type { Handover, InterpreterLanguage, Language, Priority, ServiceLine, TicketSummary, TriageSummary } from '../../../protocol/index.js';
import type { Clock } from '../clock.js';
import { Fenwick } from './fenwick.js';

export interface Ticket {
  ticketId: string;
  serviceLine: ServiceLine;
  language: Language;
  siteId: string;
  kioskId: string;
  /** The visitor's triage answers, passed through to the agent untouched. */
  triage?: TriageSummary;
  /** Urgent tickets go first, within the bound of docs/routing.md. */
  priority: Priority;
  /** Only agents who serve through this interpreter may take the ticket. */
  interpreterLanguage?: InterpreterLanguage;
  /**
   * Set on a warm transfer's request: the visitor is already in this call with the first agent,
   * so accepting joins that call instead of starting one. Never persisted (docs/routing.md).
   */
  transfer?: TransferRequest;
  joinedAt: number;
  /** Arrival order across every line: the truth for "who came first", even within one millisecond. */
  seq: number;
}

export interface TransferRequest {
  callId: string;
  fromAgentId: string;
  /** Only this colleague is offered it. */
  pinnedAgentId?: string;
  handover?: Handover;
}

export type NewTicket = Omit<Ticket, 'joinedAt' | 'seq' | 'priority'> & { priority?: Priority };

export interface QueuePosition {
  ticket: Ticket;
  /** 1 = next to be offered in its (service line, language) queue. */
  position: number;
}

/**
 * One FIFO line as the dispatcher sees it: read from the head, only as far as needed. Its
 * tickets are interchangeable for routing (same service line, language, priority, interpreter).
 */
export interface WaitingLine {
  readonly serviceLine: ServiceLine;
  readonly language: Language;
  readonly priority: Priority;
  readonly interpreterLanguage?: InterpreterLanguage | undefined;
  /** The waiting tickets from the head, in arrival order (ascending `seq`). Lazy. */
  inArrivalOrder(): Iterator<Ticket>;
}

/** The non-empty lines, in no particular order. */
export interface WaitingLines {
  lines(): Iterable<WaitingLine>;
}

type LineKind = Pick<Ticket, 'serviceLine' | 'language' | 'priority' | 'interpreterLanguage'>;
/** Everything routing matches on: tickets with the same key are interchangeable, so only a line's head matters. */
export const lineKey = (t: LineKind) => `${t.serviceLine}|${t.language}|${t.priority}|${t.interpreterLanguage ?? ''}`;

/**
 * Dead slots a line's position tree may carry beyond its live tickets before it is renumbered.
 * Renumbering costs O(live), and happens at most once per (live + slack) removals: O(1) amortized.
 */
const LINE_COMPACT_SLACK = 64;

interface Node {
  ticket: Ticket;
  /** This ticket's slot in its line's position tree. */
  slot: number;
  prev: Node | undefined;
  next: Node | undefined;
}

/** A doubly linked list in arrival order, plus a Fenwick tree over slots for O(log n) positions. */
class Line implements WaitingLine {
  head: Node | undefined;
  private tail: Node | undefined;
  size = 0;
  private readonly present = new Fenwick();

  readonly serviceLine: ServiceLine;
  readonly language: Language;
  readonly priority: Priority;
  readonly interpreterLanguage: InterpreterLanguage | undefined;

  constructor(kind: LineKind) {
    this.serviceLine = kind.serviceLine;
    this.language = kind.language;
    this.priority = kind.priority;
    this.interpreterLanguage = kind.interpreterLanguage;
  }

  append(ticket: Ticket): Node {
    if (this.present.length > 2 * this.size + LINE_COMPACT_SLACK) this.renumber();
    const node: Node = { ticket, slot: this.present.append(1), prev: this.tail, next: undefined };
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
    this.size += 1;
    return node;
  }

  /** 1-based place in the line: the waiting tickets in slots up to this one. */
  positionOf(node: Node): number {
    return this.present.prefix(node.slot);
  }

  unlink(node: Node): void {
    if (node.prev) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    this.present.add(node.slot, -1);
    this.size -= 1;
  }

  *inArrivalOrder(): Iterator<Ticket> {
    for (let node = this.head; node; node = node.next) yield node.ticket;
  }

  /** Gives the live tickets slots 1…size again, dropping the slots of those who left. */
  private renumber(): void {
    let slot = 1;
    for (let node = this.head; node; node = node.next) node.slot = slot++;
    this.present.resetToOnes(this.size);
  }
}

/**
 * FIFO queues, one per (service line, language). Pure bookkeeping: no sockets,
 * no timers; time only from the injected clock. Join, remove and position cost
 * O(log n) at most; nothing here sorts or walks a whole line except `remove`'s list
 * of the tickets that moved up (they all need telling) and `waitingOldestFirst`.
 * See docs/routing.md.
 */
export class TicketQueue implements WaitingLines {
  private readonly byKey = new Map<string, Line>();
  private readonly byId = new Map<string, { line: Line; node: Node }>();
  private nextSeq = 0;
  /** The latest arrival time given out: a clock stepped back does not make anyone arrive earlier. */
  private lastJoinedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly clock: Clock) {}

  get size(): number {
    return this.byId.size;
  }

  join(ticket: NewTicket): QueuePosition {
    return this.append(ticket, Math.max(this.clock.now(), this.lastJoinedAt));
  }

  /**
   * Puts back a ticket persisted before a restart, keeping when it joined (its wait goes on).
   * Call in the original order (oldest first): it is appended to its line like a join.
   */
  restore(ticket: NewTicket & { joinedAt: number }): QueuePosition {
    return this.append(ticket, ticket.joinedAt);
  }

  /** Puts the ticket at the end of its line; arrival order (`seq`) is the order of these calls. */
  private append(ticket: NewTicket, joinedAt: number): QueuePosition {
    if (this.byId.has(ticket.ticketId)) throw new Error('ticket already queued');
    // Object.assign, not `{ ...ticket, joinedAt, … }`: see the spread rule in eslint.config.js.
    const queued: Ticket = Object.assign({}, ticket, { joinedAt, priority: ticket.priority ?? 'normal', seq: this.nextSeq++ });
    this.lastJoinedAt = Math.max(this.lastJoinedAt, queued.joinedAt);
    const key = lineKey(queued);
    let line = this.byKey.get(key);
    if (!line) {
      line = new Line(queued);
      this.byKey.set(key, line);
    }
    this.byId.set(queued.ticketId, { line, node: line.append(queued) });
    return { ticket: queued, position: line.size };
  }

  get(ticketId: string): Ticket | undefined {
    return this.byId.get(ticketId)?.node.ticket;
  }

  position(ticketId: string): number | undefined {
    const entry = this.byId.get(ticketId);
    return entry && entry.line.positionOf(entry.node);
  }

  /**
   * Removes the ticket; returns the tickets behind it, whose positions just moved up.
   * Finding and unlinking it is O(log n); the `moved` list is as long as the line behind it.
   */
  remove(ticketId: string): { ticket: Ticket; moved: QueuePosition[] } | undefined {
    const entry = this.byId.get(ticketId);
    if (!entry) return undefined;
    const { line, node } = entry;
    const position = line.positionOf(node);
    line.unlink(node);
    this.byId.delete(ticketId);
    if (line.size === 0) this.byKey.delete(lineKey(line));
    const moved: QueuePosition[] = [];
    let next = position;
    for (let behind = node.next; behind; behind = behind.next) moved.push({ ticket: behind.ticket, position: next++ });
    return { ticket: node.ticket, moved };
  }

  /** Every waiting ticket with its position, line by line from the head: O(n), for the periodic status refresh. */
  *withPositions(): Iterable<QueuePosition> {
    for (const line of this.byKey.values()) {
      let position = 1;
      for (let node = line.head; node; node = node.next) yield { ticket: node.ticket, position: position++ };
    }
  }

  /** The non-empty lines, for the dispatcher: it reads only their heads. */
  lines(): Iterable<WaitingLine> {
    return this.byKey.values();
  }

  /**
   * Every waiting ticket in arrival order, across all lines. O(n log n): for tests and
   * overviews, never for routing. Arrival order, not the clock: a clock stepped back must
   * not reorder anyone.
   */
  waitingOldestFirst(): Ticket[] {
    return [...this.byId.values()].map((e) => e.node.ticket).sort((a, b) => a.seq - b.seq);
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
      ...(ticket.interpreterLanguage ? { interpreterLanguage: ticket.interpreterLanguage } : {}),
    };
  }
}
