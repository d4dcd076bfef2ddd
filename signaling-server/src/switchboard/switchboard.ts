import type {
  AgentState,
  EndReason,
  Language,
  Outcome,
  HelpStep,
  Presence,
  Rating,
  ServerMessage,
  ServiceLine,
  TriageSummary,
} from '../../../protocol/index.js';
import type { Clock, TimerHandle } from '../clock.js';
import { CLOSE_CODES } from '../closeCodes.js';
import type { AgentConfig, KioskConfig } from '../config.js';
import type { IceSettings } from '../turn/turnCredentials.js';
import { randomId } from '../ids.js';
import type { Logger } from '../logger.js';
import { ProtocolError } from '../protocolError.js';
import { planOffers } from '../queue/dispatcher.js';
import { TicketQueue, type Ticket } from '../queue/ticketQueue.js';
import type { Store } from '../store/store.js';

/** After a decline, the same ticket is not offered to the same agent for this long. */
export const DECLINE_REOFFER_COOLDOWN_MS = 30_000;

/** What the switchboard needs of a connection: somewhere to send, a way to hang up. */
export interface Outbox {
  send(message: ServerMessage): void;
  close(code: number, reason: string): void;
}

/** Who sent a message, as established by hello. */
export type Party = { role: 'kiosk'; id: string } | { role: 'agent'; id: string };

interface KioskSession {
  kiosk: KioskConfig;
  outbox: Outbox;
  ticketId?: string;
  callId?: string;
}

interface AgentSession {
  agent: AgentConfig;
  outbox: Outbox;
  state: AgentState;
  idleSince: number;
  offerId?: string;
  callId?: string;
  /** The call awaiting this agent's outcome (state wrap-up). */
  wrapUp?: { callId: string; ticketId: string };
}

interface Offer {
  offerId: string;
  ticketId: string;
  agentId: string;
  timer: TimerHandle;
}

interface Call {
  callId: string;
  ticketId: string;
  kioskId: string;
  agentId: string;
}

export interface SwitchboardOptions {
  clock: Clock;
  store: Store;
  logger: Logger;
  offerTimeoutMs: number;
  /** ICE servers and policy for one client, minted now (TURN credentials expire). */
  iceSettingsFor?: (clientId: string) => IceSettings;
}

/**
 * The live state of one server: who is connected, who waits, who is offered what,
 * who is in a call with whom. Every state change goes through here; it speaks to
 * clients only through their Outbox, so it runs in tests without sockets.
 *
 * Disconnects enter through `partyLost`: a resume grace period (keep the ticket or
 * call for a while, re-attach on a new hello) belongs there.
 */
export class Switchboard {
  private readonly queue: TicketQueue;
  private readonly kiosks = new Map<string, KioskSession>();
  private readonly agents = new Map<string, AgentSession>();
  private readonly offers = new Map<string, Offer>();
  private readonly offerByTicket = new Map<string, string>();
  private readonly calls = new Map<string, Call>();
  /** ticketId → agentId → time until which that agent is not offered that ticket again. */
  private readonly declines = new Map<string, Map<string, number>>();
  private readonly cooldownTimers = new Set<TimerHandle>();
  /** After close() nothing new is offered: connections dropping at shutdown only get recorded. */
  private closed = false;
  private readonly clock: Clock;
  private readonly store: Store;
  private readonly log: Logger;
  private readonly offerTimeoutMs: number;
  private readonly iceSettingsFor: (clientId: string) => IceSettings | Record<string, never>;

  constructor(options: SwitchboardOptions) {
    this.clock = options.clock;
    this.store = options.store;
    this.log = options.logger;
    this.offerTimeoutMs = options.offerTimeoutMs;
    this.iceSettingsFor = options.iceSettingsFor ?? (() => ({}));
    this.queue = new TicketQueue(options.clock);
  }

  // ── attach / detach ──────────────────────────────────────────────────────

  /** A kiosk authenticated. A previous connection for the same kiosk is closed and treated as lost. */
  attachKiosk(kiosk: KioskConfig, outbox: Outbox): void {
    const previous = this.kiosks.get(kiosk.id);
    if (previous) {
      this.log.info('kiosk connection replaced', { kioskId: kiosk.id });
      this.kioskLost(previous);
      previous.outbox.close(CLOSE_CODES.replaced, 'replaced by a newer connection');
    }
    this.kiosks.set(kiosk.id, { kiosk, outbox });
  }

  /** An agent authenticated; starts away until they say they are available. */
  attachAgent(agent: AgentConfig, outbox: Outbox): void {
    const previous = this.agents.get(agent.id);
    if (previous) {
      this.log.info('agent connection replaced', { agentId: agent.id });
      this.agentLost(previous);
      previous.outbox.close(CLOSE_CODES.replaced, 'replaced by a newer connection');
    }
    this.agents.set(agent.id, { agent, outbox, state: 'away', idleSince: this.clock.now() });
  }

  /** A connection closed. Ignored if that connection was already replaced by a newer one. */
  partyLost(party: Party, outbox: Outbox): void {
    if (party.role === 'kiosk') {
      const session = this.kiosks.get(party.id);
      if (session?.outbox === outbox) this.kioskLost(session);
    } else {
      const session = this.agents.get(party.id);
      if (session?.outbox === outbox) this.agentLost(session);
    }
  }

  private kioskLost(session: KioskSession): void {
    this.kiosks.delete(session.kiosk.id);
    if (session.ticketId) this.removeTicket(session, 'visitor-connection-lost');
    if (session.callId) this.finishCall(session.callId, 'visitor-connection-lost');
    this.dispatch();
  }

  private agentLost(session: AgentSession): void {
    this.agents.delete(session.agent.id);
    if (session.offerId) this.withdrawOffer(session.offerId);
    if (session.callId) this.finishCall(session.callId, 'agent-connection-lost');
    this.dispatch();
  }

  // ── kiosk: queue ─────────────────────────────────────────────────────────

  joinQueue(kioskId: string, serviceLine: ServiceLine, language: Language, triage?: TriageSummary): void {
    const session = this.requireKiosk(kioskId);
    if (session.ticketId || session.callId) throw new ProtocolError('ALREADY_QUEUED');
    const { ticket, position } = this.queue.join({
      ticketId: randomId('t'),
      serviceLine,
      language,
      siteId: session.kiosk.siteId,
      kioskId,
      ...(triage ? { triage } : {}),
    });
    session.ticketId = ticket.ticketId;
    this.record((s) =>
      s.visitJoined({
        ticketId: ticket.ticketId,
        siteId: ticket.siteId,
        kioskId,
        serviceLine,
        language,
        at: ticket.joinedAt,
      }),
    );
    this.log.info('ticket joined', { ticketId: ticket.ticketId, kioskId, serviceLine, language, position });
    this.sendQueueStatus(ticket, position);
    this.dispatch();
  }

  leaveQueue(kioskId: string): void {
    const session = this.requireKiosk(kioskId);
    if (!session.ticketId) throw new ProtocolError('NOT_QUEUED');
    const ticketId = session.ticketId;
    this.removeTicket(session, 'visitor-left-queue');
    session.outbox.send({ type: 'queue.left', ticketId, reason: 'visitor-left-queue' });
    this.dispatch();
  }

  // ── kiosk: help and feedback ─────────────────────────────────────────────

  /** Records that the visitor asked for the office's staff; the kiosk tells them someone is coming. */
  requestHelp(kioskId: string, step: HelpStep): void {
    const session = this.requireKiosk(kioskId);
    const at = this.clock.now();
    this.record((s) => s.helpRequested({ kioskId, siteId: session.kiosk.siteId, step, at }));
    this.log.info('help requested', { kioskId, siteId: session.kiosk.siteId, step });
    session.outbox.send({ type: 'help.requested', step });
  }

  /** The survey answer, only about a visit this kiosk had a call for. */
  recordFeedback(kioskId: string, ticketId: string, rating: Rating): void {
    this.requireKiosk(kioskId);
    const visit = this.store.getVisit(ticketId);
    if (!visit || visit.kioskId !== kioskId || visit.acceptedAt === undefined) {
      throw new ProtocolError('INVALID_STATE', 'ticketId: no call at this kiosk holds that ticket.');
    }
    this.record((s) => s.visitFeedback(ticketId, rating));
    this.log.info('visit feedback', { ticketId, rating });
  }

  /** Takes a waiting ticket out of the queue (not into a call): withdraws its offer, records the end. */
  private removeTicket(session: KioskSession, reason: EndReason): void {
    const ticketId = session.ticketId;
    if (!ticketId) return;
    session.ticketId = undefined;
    const offerId = this.offerByTicket.get(ticketId);
    if (offerId) this.withdrawOffer(offerId, 'visitor-left');
    this.dequeue(ticketId);
    this.record((s) => s.visitEnded(ticketId, { reason, at: this.clock.now() }));
    this.log.info('ticket left queue', { ticketId, reason });
  }

  private dequeue(ticketId: string): void {
    const removed = this.queue.remove(ticketId);
    this.declines.delete(ticketId);
    for (const { ticket, position } of removed?.moved ?? []) this.sendQueueStatus(ticket, position);
  }

  private sendQueueStatus(ticket: Ticket, position: number): void {
    this.kiosks.get(ticket.kioskId)?.outbox.send({
      type: 'queue.status',
      ticketId: ticket.ticketId,
      serviceLine: ticket.serviceLine,
      language: ticket.language,
      position,
      waitedMs: this.queue.waitedMs(ticket),
    });
  }

  // ── agent: presence and offers ───────────────────────────────────────────

  setPresence(agentId: string, status: Presence): void {
    const session = this.requireAgent(agentId);
    if (session.state !== 'available' && session.state !== 'away') {
      throw new ProtocolError('INVALID_STATE', `Presence cannot change while ${session.state}.`);
    }
    this.setAgentState(session, status);
    this.dispatch();
  }

  acceptOffer(agentId: string, offerId: string): void {
    const session = this.requireAgent(agentId);
    const offer = this.requireOwnOffer(session, offerId);
    this.clearOffer(offer);
    const ticket = this.queue.get(offer.ticketId);
    const kiosk = ticket && this.kiosks.get(ticket.kioskId);
    if (!ticket || !kiosk) {
      // Cannot happen while the bookkeeping is consistent: a leaving ticket withdraws its offer.
      this.setAgentState(session, 'available');
      throw new ProtocolError('NO_SUCH_OFFER');
    }
    const summary = this.queue.summary(ticket);
    this.dequeue(ticket.ticketId);
    const callId = randomId('call');
    this.calls.set(callId, { callId, ticketId: ticket.ticketId, kioskId: kiosk.kiosk.id, agentId });
    kiosk.ticketId = undefined;
    kiosk.callId = callId;
    session.callId = callId;
    this.record((s) => s.visitAccepted(ticket.ticketId, { callId, agentId, at: this.clock.now() }));
    this.log.info('call started', { callId, ticketId: ticket.ticketId, agentId, kioskId: kiosk.kiosk.id });
    // The kiosk initiates the WebRTC offer: its camera is already open.
    // Fresh TURN credentials per call: the ones from welcome may have expired on a long-connected kiosk.
    kiosk.outbox.send({ type: 'call.start', callId, initiator: true, peerRole: 'agent', ticket: summary, ...this.iceSettingsFor(kiosk.kiosk.id) });
    session.outbox.send({ type: 'call.start', callId, initiator: false, peerRole: 'kiosk', ticket: summary, ...this.iceSettingsFor(agentId) });
    this.setAgentState(session, 'in-call');
    this.dispatch();
  }

  declineOffer(agentId: string, offerId: string): void {
    const session = this.requireAgent(agentId);
    const offer = this.requireOwnOffer(session, offerId);
    this.clearOffer(offer);
    this.excludeFor(offer.ticketId, agentId);
    this.log.info('offer declined', { offerId, ticketId: offer.ticketId, agentId });
    this.setAgentState(session, 'available');
    this.dispatch();
  }

  private requireOwnOffer(session: AgentSession, offerId: string): Offer {
    const offer = this.offers.get(offerId);
    if (!offer || offer.agentId !== session.agent.id) throw new ProtocolError('NO_SUCH_OFFER');
    return offer;
  }

  private excludeFor(ticketId: string, agentId: string): void {
    const until = this.clock.now() + DECLINE_REOFFER_COOLDOWN_MS;
    const perAgent = this.declines.get(ticketId) ?? new Map<string, number>();
    perAgent.set(agentId, until);
    this.declines.set(ticketId, perAgent);
    // When the cooldown ends the pairing becomes possible again: look once more.
    const timer = this.clock.setTimeout(() => {
      this.cooldownTimers.delete(timer);
      this.dispatch();
    }, DECLINE_REOFFER_COOLDOWN_MS);
    this.cooldownTimers.add(timer);
  }

  private isExcluded(ticketId: string, agentId: string): boolean {
    const until = this.declines.get(ticketId)?.get(agentId);
    return until !== undefined && until > this.clock.now();
  }

  /** Removes an offer's bookkeeping and timer; the ticket keeps its place in the queue. */
  private clearOffer(offer: Offer): void {
    this.clock.clearTimeout(offer.timer);
    this.offers.delete(offer.offerId);
    this.offerByTicket.delete(offer.ticketId);
    const agent = this.agents.get(offer.agentId);
    if (agent?.offerId === offer.offerId) agent.offerId = undefined;
  }

  /**
   * Takes an offer back. `reason` is told to the agent; without one the agent is gone.
   * Visitor left → agent available again; expired → agent away (probably not at the desk).
   */
  private withdrawOffer(offerId: string, reason?: 'visitor-left' | 'expired'): void {
    const offer = this.offers.get(offerId);
    if (!offer) return;
    this.clearOffer(offer);
    this.log.info('offer withdrawn', { offerId, ticketId: offer.ticketId, agentId: offer.agentId, reason: reason ?? 'agent-gone' });
    const agent = this.agents.get(offer.agentId);
    if (!agent || !reason) return;
    agent.outbox.send({ type: 'call.offer-withdrawn', offerId, reason });
    this.setAgentState(agent, reason === 'expired' ? 'away' : 'available');
  }

  /** Offers every waiting ticket that has a free matching agent. Run after every change. */
  dispatch(): void {
    if (this.closed) return;
    const free = [...this.agents.values()]
      .filter((a) => a.state === 'available' && !a.offerId)
      .map((a) => ({
        agentId: a.agent.id,
        languages: a.agent.languages,
        serviceLines: a.agent.serviceLines,
        idleSince: a.idleSince,
      }));
    if (free.length === 0 || this.queue.size === 0) return;
    const pairings = planOffers({
      tickets: this.queue.waitingOldestFirst(),
      agents: free,
      isOffered: (ticketId) => this.offerByTicket.has(ticketId),
      isExcluded: (ticketId, agentId) => this.isExcluded(ticketId, agentId),
    });
    for (const { ticketId, agentId } of pairings) this.makeOffer(ticketId, agentId);
  }

  private makeOffer(ticketId: string, agentId: string): void {
    const ticket = this.queue.get(ticketId);
    const agent = this.agents.get(agentId);
    if (!ticket || !agent) return;
    const offerId = randomId('offer');
    const timer = this.clock.setTimeout(() => {
      this.withdrawOffer(offerId, 'expired');
      this.dispatch();
    }, this.offerTimeoutMs);
    this.offers.set(offerId, { offerId, ticketId, agentId, timer });
    this.offerByTicket.set(ticketId, offerId);
    agent.offerId = offerId;
    this.record((s) => s.visitOffered(ticketId, this.clock.now()));
    this.log.info('offer made', { offerId, ticketId, agentId });
    agent.outbox.send({ type: 'call.offer', offerId, ticket: this.queue.summary(ticket), expiresInMs: this.offerTimeoutMs });
    this.setAgentState(agent, 'offered');
  }

  // ── calls ───────────────────────────────────────────────────────────────

  /** Relays an opaque WebRTC payload to the other member of the call, and only to them. */
  relaySignal(from: Party, callId: string, data: Record<string, unknown>): void {
    const call = this.requireMember(from, callId);
    const target = from.role === 'kiosk' ? this.agents.get(call.agentId) : this.kiosks.get(call.kioskId);
    target?.outbox.send({ type: 'signal', callId, data });
  }

  endCall(from: Party, callId: string): void {
    this.requireMember(from, callId);
    this.finishCall(callId, from.role === 'kiosk' ? 'visitor-ended' : 'agent-ended');
    this.dispatch();
  }

  /** Ends a call for both members still connected; the agent, if still here, moves to wrap-up. */
  private finishCall(callId: string, reason: EndReason): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.calls.delete(callId);
    this.record((s) => s.visitEnded(call.ticketId, { reason, at: this.clock.now() }));
    this.log.info('call ended', { callId, ticketId: call.ticketId, reason });
    const kiosk = this.kiosks.get(call.kioskId);
    if (kiosk?.callId === callId) {
      kiosk.callId = undefined;
      kiosk.outbox.send({ type: 'call.ended', callId, reason });
    }
    const agent = this.agents.get(call.agentId);
    if (agent?.callId === callId) {
      agent.callId = undefined;
      agent.wrapUp = { callId, ticketId: call.ticketId };
      agent.outbox.send({ type: 'call.ended', callId, reason });
      this.setAgentState(agent, 'wrap-up');
    }
  }

  wrapUp(agentId: string, callId: string, outcome: Outcome): void {
    const session = this.requireAgent(agentId);
    if (session.state !== 'wrap-up' || !session.wrapUp) {
      throw new ProtocolError('INVALID_STATE', 'There is no call waiting for an outcome.');
    }
    if (session.wrapUp.callId !== callId) throw new ProtocolError('NOT_IN_CALL');
    const { ticketId } = session.wrapUp;
    session.wrapUp = undefined;
    this.record((s) => s.visitOutcome(ticketId, outcome, this.clock.now()));
    this.log.info('call wrapped up', { callId, ticketId, outcome });
    this.setAgentState(session, 'available');
    this.dispatch();
  }

  private requireMember(from: Party, callId: string): Call {
    const call = this.calls.get(callId);
    const member = from.role === 'kiosk' ? call?.kioskId === from.id : call?.agentId === from.id;
    if (!call || !member) throw new ProtocolError('NOT_IN_CALL');
    return call;
  }

  // ── helpers ─────────────────────────────────────────────────────────────

  private setAgentState(session: AgentSession, state: AgentState): void {
    if (state === 'available' && session.state !== 'available') session.idleSince = this.clock.now();
    session.state = state;
    session.outbox.send({ type: 'presence.status', state });
  }

  private requireKiosk(kioskId: string): KioskSession {
    const session = this.kiosks.get(kioskId);
    if (!session) throw new ProtocolError('NOT_AUTHENTICATED');
    return session;
  }

  private requireAgent(agentId: string): AgentSession {
    const session = this.agents.get(agentId);
    if (!session) throw new ProtocolError('NOT_AUTHENTICATED');
    return session;
  }

  /** Records are evidence, not control flow: a failing write is logged and the call goes on. */
  private record(write: (store: Store) => void): void {
    try {
      write(this.store);
    } catch (error) {
      this.log.error('visit record write failed', { error });
    }
  }

  /** Read-only view for health and tests. */
  snapshot(): { kiosks: number; agents: number; waiting: number; offers: number; calls: number } {
    return {
      kiosks: this.kiosks.size,
      agents: this.agents.size,
      waiting: this.queue.size,
      offers: this.offers.size,
      calls: this.calls.size,
    };
  }

  agentState(agentId: string): AgentState | undefined {
    return this.agents.get(agentId)?.state;
  }

  /** Stops every timer; connections are closed by the server. */
  close(): void {
    this.closed = true;
    for (const offer of this.offers.values()) this.clock.clearTimeout(offer.timer);
    for (const timer of this.cooldownTimers) this.clock.clearTimeout(timer);
    this.offers.clear();
    this.offerByTicket.clear();
    this.cooldownTimers.clear();
  }
}
