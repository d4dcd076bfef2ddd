import type {
  AgentState,
  AwayReason,
  DeviceReport,
  ScreenContent,
  EndReason,
  Language,
  Outcome,
  HelpStep,
  InterpreterLanguage,
  Presence,
  Priority,
  Rating,
  ServerMessage,
  ServiceLine,
  TriageSummary,
} from '../../../protocol/index.js';
import type { Clock, TimerHandle } from '../clock.js';
import { CLOSE_CODES } from '../closeCodes.js';
import { DEFAULT_RESUME_GRACE_MS, type AgentConfig, type KioskConfig } from '../config.js';
import type { IceSettings } from '../turn/turnCredentials.js';
import { randomId } from '../ids.js';
import type { Logger } from '../logger.js';
import { CALLBACK_AFTER_FAILURE_WINDOW_MS } from '../../../protocol/index.js';
import { ProtocolError } from '../protocolError.js';
import { agentCovers, isEscalated, planOffers, type RoutingPolicy } from '../queue/dispatcher.js';
import { resolveRoutingConfig, type RoutingConfig } from '../queue/routingConfig.js';
import { lineKey, TicketQueue, type Ticket } from '../queue/ticketQueue.js';
import { estimateWaitMs, HandleTimes, QUEUE_STATUS_REFRESH_MS } from '../estimate/waitEstimate.js';
import { HeldOutbox, type HoldLimits } from '../resume/heldOutbox.js';
import { newResumeToken, resumeTokenMatches } from '../resume/resumeTokens.js';
import type { CallbackDesk } from '../callbacks/callbackDesk.js';
import type { LiveStateStore, PersistedTicket } from '../store/liveState.js';
import type { Store } from '../store/store.js';
import { buildQueueOverview, changeKey, linesFor, type OverviewAgent, type WaitingTicket } from '../overview/queueOverview.js';
import { OverviewSchedule } from '../overview/overviewSchedule.js';
import { devicesChanged, type KioskDeviceStatus } from '../devices/deviceStatusStore.js';

/** After a decline, the same ticket is not offered to the same agent for this long. */
export const DECLINE_REOFFER_COOLDOWN_MS = 30_000;

/** What the switchboard needs of a connection: somewhere to send, a way to hang up. */
export interface Outbox {
  send(message: ServerMessage): void;
  close(code: number, reason: string): void;
}

/** Who sent a message, as established by hello. */
export type Party = { role: 'kiosk'; id: string } | { role: 'agent'; id: string };

/** What a hello brings to attach: the resume token it holds, and how to say welcome before held messages. */
export interface AttachOptions {
  resumeToken?: string;
  /** Called once, before anything else is sent on the new connection. */
  greet?(result: AttachResult): void;
}
export interface AttachResult {
  /** The token to resume this session next time (a new one on every attach). */
  resumeToken: string;
  /** True when the previous session (queue place, call, held messages) was taken over. */
  resumed: boolean;
}

/** A party whose connection dropped: its messages are held while the grace timer runs. */
interface Absence {
  held: HeldOutbox;
  timer: TimerHandle;
}

interface KioskSession {
  kiosk: KioskConfig;
  outbox: Outbox;
  /** sha256 of the current resume token; empty when the session cannot be resumed. */
  resumeTokenHash: string;
  absent?: Absence;
  ticketId?: string;
  callId?: string;
}

interface AgentSession {
  agent: AgentConfig;
  outbox: Outbox;
  resumeTokenHash: string;
  absent?: Absence;
  state: AgentState;
  idleSince: number;
  offerId?: string;
  callId?: string;
  /** The call awaiting this agent's outcome (state wrap-up); `handle` times it for the estimates. */
  wrapUp?: { callId: string; ticketId: string; handle?: CallStart };
}

interface Offer {
  offerId: string;
  ticketId: string;
  agentId: string;
  timer: TimerHandle;
}

/** When a call was accepted, to learn handle times (accept → wrap-up done) per service line. */
interface CallStart {
  at: number;
  serviceLine: ServiceLine;
}

/** What a visitor asks for besides service line and language (issue 4). */
export interface JoinNeeds {
  priority?: Priority | undefined;
  interpreterLanguage?: InterpreterLanguage | undefined;
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
  /** 0 turns resuming off: a dropped party is gone at once. */
  resumeGraceMs?: number;
  holdLimits?: HoldLimits;
  /** Priority lead, escalation, estimate defaults; absent = every default (queue/routingConfig.ts). */
  routing?: RoutingConfig;
}

/**
 * The live state of one server: who is connected, who waits, who is offered what,
 * who is in a call with whom. Every state change goes through here; it speaks to
 * clients only through their Outbox, so it runs in tests without sockets.
 *
 * Disconnects enter through `partyLost`: the party keeps its ticket or call for the resume
 * grace period, its messages are held, and a hello with its resume token takes it all back
 * (docs/recovery.md). Live state is written to `store.live` so a restart keeps it too.
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
  private readonly resumeGraceMs: number;
  private readonly holdLimits: HoldLimits | undefined;
  private readonly live: LiveStateStore | undefined;
  private readonly routing: RoutingConfig;
  private readonly handleTimes: HandleTimes;
  /** callId → when it was accepted; moved to the agent's wrap-up when the call ends. */
  private readonly callStarts = new Map<string, CallStart>();
  /** Re-sends every waiting kiosk its status every QUEUE_STATUS_REFRESH_MS; runs only while someone waits. */
  private statusRefresh: TimerHandle | undefined;
  /** ticketId → the estimate its kiosk was last told, so a presence change re-sends only the estimates it changed. */
  private readonly lastEstimate = new Map<string, number>();
  /** The next moment a line's head escalates, so a wider agent is offered it on time. */
  private escalationTimer: TimerHandle | undefined;

  constructor(options: SwitchboardOptions) {
    this.clock = options.clock;
    this.store = options.store;
    this.log = options.logger;
    this.offerTimeoutMs = options.offerTimeoutMs;
    this.iceSettingsFor = options.iceSettingsFor ?? (() => ({}));
    this.queue = new TicketQueue(options.clock);
    this.resumeGraceMs = options.resumeGraceMs ?? DEFAULT_RESUME_GRACE_MS;
    this.holdLimits = options.holdLimits;
    this.live = options.store.live;
    this.routing = options.routing ?? resolveRoutingConfig(undefined);
    this.handleTimes = new HandleTimes(options.clock);
  }

  // ── attach / detach ──────────────────────────────────────────────────────

  /**
   * A kiosk authenticated. With the token of its current session it resumes it; otherwise the
   * previous session (if any) is closed and treated as lost, and a fresh one starts.
   */
  attachKiosk(kiosk: KioskConfig, outbox: Outbox, options: AttachOptions = {}): AttachResult {
    const previous = this.kiosks.get(kiosk.id);
    if (previous && resumeTokenMatches(options.resumeToken, previous.resumeTokenHash)) {
      const result = this.takeOver(previous, outbox, { role: 'kiosk', id: kiosk.id }, options);
      this.afterKioskResumed(previous);
      return result;
    }
    if (previous) {
      this.log.info('kiosk connection replaced', { kioskId: kiosk.id });
      const old = previous.outbox;
      this.kioskLost(previous);
      old.close(CLOSE_CODES.replaced, 'replaced by a newer connection');
    }
    const { token, hash } = newResumeToken();
    this.kiosks.set(kiosk.id, { kiosk, outbox, resumeTokenHash: hash });
    this.persist((live) => live.saveSession({ role: 'kiosk', partyId: kiosk.id, resumeTokenHash: hash }));
    const result = { resumeToken: token, resumed: false };
    options.greet?.(result);
    return result;
  }

  /** An agent authenticated; starts away until they say they are available (or resumes, as a kiosk does). */
  attachAgent(agent: AgentConfig, outbox: Outbox, options: AttachOptions = {}): AttachResult {
    this.overviewAttached(agent.id);
    const previous = this.agents.get(agent.id);
    if (previous && resumeTokenMatches(options.resumeToken, previous.resumeTokenHash)) {
      const result = this.takeOver(previous, outbox, { role: 'agent', id: agent.id }, options);
      this.afterAgentResumed(previous);
      return result;
    }
    if (previous) {
      this.log.info('agent connection replaced', { agentId: agent.id });
      const old = previous.outbox;
      this.agentLost(previous);
      old.close(CLOSE_CODES.replaced, 'replaced by a newer connection');
    }
    const { token, hash } = newResumeToken();
    this.agents.set(agent.id, { agent, outbox, state: 'away', idleSince: this.clock.now(), resumeTokenHash: hash });
    this.persist((live) => live.saveSession({ role: 'agent', partyId: agent.id, resumeTokenHash: hash }));
    const result = { resumeToken: token, resumed: false };
    options.greet?.(result);
    return result;
  }

  /**
   * A connection closed. Ignored if that connection was already replaced by a newer one.
   * A drop (network, heartbeat) starts the grace period; a deliberate close (the client said
   * goodbye, or the server hung up on it) ends the session at once.
   */
  partyLost(party: Party, outbox: Outbox, how: { deliberate?: boolean } = {}): void {
    // At shutdown the live state stays as persisted: the next start resumes it.
    if (this.closed) return;
    const session = party.role === 'kiosk' ? this.kiosks.get(party.id) : this.agents.get(party.id);
    if (!session || session.outbox !== outbox) return;
    if (how.deliberate || this.resumeGraceMs <= 0) {
      if (party.role === 'kiosk') this.kioskLost(session as KioskSession);
      else this.agentLost(session as AgentSession);
      return;
    }
    if (party.role === 'kiosk') this.kioskAbsent(session as KioskSession);
    else this.agentAbsent(session as AgentSession);
  }

  /** Replaces the outbox with a held one and starts the grace timer; the session stays. */
  private startAbsence(session: KioskSession | AgentSession, expire: () => void): void {
    const held = new HeldOutbox(this.holdLimits);
    session.outbox = held;
    session.absent = { held, timer: this.clock.setTimeout(expire, this.resumeGraceMs) };
  }

  private kioskAbsent(session: KioskSession): void {
    const kioskId = session.kiosk.id;
    this.log.info('kiosk connection dropped, holding its place', { kioskId, graceMs: this.resumeGraceMs });
    this.startAbsence(session, () => {
      if (this.kiosks.get(kioskId) !== session) return;
      this.log.info('kiosk did not come back in time', { kioskId });
      this.kioskLost(session);
    });
    // Nobody is there to answer: the offer goes back, the ticket keeps its place and is not offered meanwhile.
    const offerId = session.ticketId ? this.offerByTicket.get(session.ticketId) : undefined;
    if (offerId) this.withdrawOffer(offerId, 'visitor-left');
    const call = session.callId ? this.calls.get(session.callId) : undefined;
    if (call) this.agents.get(call.agentId)?.outbox.send({ type: 'peer.status', callId: call.callId, state: 'reconnecting' });
    this.dispatch();
  }

  private agentAbsent(session: AgentSession): void {
    const agentId = session.agent.id;
    this.log.info('agent connection dropped, holding the session', { agentId, graceMs: this.resumeGraceMs });
    this.startAbsence(session, () => {
      if (this.agents.get(agentId) !== session) return;
      this.log.info('agent did not come back in time', { agentId });
      this.agentLost(session);
    });
    // An offer cannot wait for an absent agent: it lapses (the agent comes back away) and goes to someone else.
    if (session.offerId) this.withdrawOffer(session.offerId, 'expired');
    const call = session.callId ? this.calls.get(session.callId) : undefined;
    if (call) this.kiosks.get(call.kioskId)?.outbox.send({ type: 'peer.status', callId: call.callId, state: 'reconnecting' });
    this.dispatch();
  }

  /** The new connection takes the session: welcome, then what was held (in order), then a gap notice. */
  private takeOver(session: KioskSession | AgentSession, outbox: Outbox, party: Party, options: AttachOptions): AttachResult {
    const previousOutbox = session.outbox;
    const absence = session.absent;
    if (absence) {
      this.clock.clearTimeout(absence.timer);
      session.absent = undefined;
    }
    session.outbox = outbox;
    const { token, hash } = newResumeToken();
    session.resumeTokenHash = hash;
    this.persist((live) => live.saveSession({ role: party.role, partyId: party.id, resumeTokenHash: hash }));
    // The old connection, if the server had not noticed it die yet, is hung up; its close is then ignored.
    if (!absence) previousOutbox.close(CLOSE_CODES.replaced, 'resumed on a newer connection');
    const result = { resumeToken: token, resumed: true };
    options.greet?.(result);
    for (const message of absence?.held.drain() ?? []) outbox.send(message);
    const dropped = absence?.held.dropped ?? 0;
    if (dropped > 0) outbox.send({ type: 'resume.gap', dropped });
    this.log.info('session resumed', { role: party.role, id: party.id, dropped });
    return result;
  }

  private afterKioskResumed(session: KioskSession): void {
    const ticket = session.ticketId ? this.queue.get(session.ticketId) : undefined;
    const position = ticket && this.queue.position(ticket.ticketId);
    if (ticket && position) this.sendQueueStatus(ticket, position);
    const call = session.callId ? this.calls.get(session.callId) : undefined;
    if (call) this.tellCallPeers(call, 'kiosk');
    this.dispatch();
  }

  private afterAgentResumed(session: AgentSession): void {
    session.outbox.send({ type: 'presence.status', state: session.state });
    const call = session.callId ? this.calls.get(session.callId) : undefined;
    if (call) this.tellCallPeers(call, 'agent');
    this.dispatch();
  }

  /** After `who` resumed in a call: the other member hears it is back; `who` hears if the other is still away. */
  private tellCallPeers(call: Call, who: 'kiosk' | 'agent'): void {
    const kiosk = this.kiosks.get(call.kioskId);
    const agent = this.agents.get(call.agentId);
    const [self, other] = who === 'kiosk' ? [kiosk, agent] : [agent, kiosk];
    other?.outbox.send({ type: 'peer.status', callId: call.callId, state: 'back' });
    if (other?.absent) self?.outbox.send({ type: 'peer.status', callId: call.callId, state: 'reconnecting' });
  }

  private kioskLost(session: KioskSession): void {
    if (session.absent) this.clock.clearTimeout(session.absent.timer);
    session.absent = undefined;
    this.kiosks.delete(session.kiosk.id);
    this.persist((live) => live.deleteSession('kiosk', session.kiosk.id));
    if (session.ticketId) this.removeTicket(session, 'visitor-connection-lost');
    if (session.callId) this.finishCall(session.callId, 'visitor-connection-lost');
    this.dispatch();
  }

  private agentLost(session: AgentSession): void {
    if (session.absent) this.clock.clearTimeout(session.absent.timer);
    session.absent = undefined;
    this.agents.delete(session.agent.id);
    this.persist((live) => live.deleteSession('agent', session.agent.id));
    if (session.offerId) this.withdrawOffer(session.offerId);
    if (session.callId) this.finishCall(session.callId, 'agent-connection-lost');
    this.dispatch();
  }

  // ── kiosk: queue ─────────────────────────────────────────────────────────

  joinQueue(kioskId: string, serviceLine: ServiceLine, language: Language, triage?: TriageSummary, needs: JoinNeeds = {}): void {
    const session = this.requireKiosk(kioskId);
    if (session.ticketId || session.callId) throw new ProtocolError('ALREADY_QUEUED');
    const { ticket, position } = this.queue.join({
      ticketId: randomId('t'),
      serviceLine,
      language,
      siteId: session.kiosk.siteId,
      kioskId,
      ...(triage ? { triage } : {}),
      priority: needs.priority ?? 'normal',
      ...(needs.interpreterLanguage ? { interpreterLanguage: needs.interpreterLanguage } : {}),
    });
    session.ticketId = ticket.ticketId;
    this.persist((live) => live.saveTicket(persistedTicket(ticket)));
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
    this.log.info('ticket joined', { ticketId: ticket.ticketId, kioskId, serviceLine, language, position, priority: ticket.priority });
    const predicted = this.sendQueueStatus(ticket, position);
    this.record((s) => s.visitWaitPredicted(ticket.ticketId, predicted));
    this.startStatusRefresh();
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
    this.lastEstimate.delete(ticketId);
    this.persist((live) => live.deleteTicket(ticketId));
    const eligible = new Map<string, number>();
    for (const { ticket, position } of removed?.moved ?? []) this.sendQueueStatus(ticket, position, eligible);
    if (this.queue.size === 0) this.stopStatusRefresh();
  }

  /**
   * Tells the kiosk its place, its wait so far and the estimate of what remains; returns the
   * estimate. `eligibleMemo` shares the agent count between tickets of one line in a batch.
   */
  private sendQueueStatus(ticket: Ticket, position: number, eligibleMemo?: Map<string, number>, onlyIfChanged = false): number {
    const estimatedWaitMs = this.estimateFor(ticket, position, eligibleMemo);
    if (onlyIfChanged && this.lastEstimate.get(ticket.ticketId) === estimatedWaitMs) return estimatedWaitMs;
    this.lastEstimate.set(ticket.ticketId, estimatedWaitMs);
    this.kiosks.get(ticket.kioskId)?.outbox.send({
      type: 'queue.status',
      ticketId: ticket.ticketId,
      serviceLine: ticket.serviceLine,
      language: ticket.language,
      position,
      waitedMs: this.queue.waitedMs(ticket),
      estimatedWaitMs,
      // The callback desk decides whether callbacks exist at all; routing says whether the wait is long.
      callbackOffered: this.callbackOffered(estimatedWaitMs > this.routing.callbackOfferAboveMs),
    });
    return estimatedWaitMs;
  }

  /** EWT = ceil(position / max(1, eligible agents)) × recent average handle time (docs/routing.md). */
  private estimateFor(ticket: Ticket, position: number, eligibleMemo?: Map<string, number>): number {
    const policy = this.policy();
    const key = `${lineKey(ticket)}|${isEscalated(ticket, policy)}`;
    let eligibleAgents = eligibleMemo?.get(key);
    if (eligibleAgents === undefined) {
      eligibleAgents = 0;
      for (const agent of this.agents.values()) {
        if (agent.state !== 'away' && !agent.absent && agentCovers(agent.agent, ticket, policy)) eligibleAgents += 1;
      }
      eligibleMemo?.set(key, eligibleAgents);
    }
    const averageHandleMs = this.handleTimes.averageMs(ticket.serviceLine, this.routing.defaultHandleTimeMs);
    return estimateWaitMs({ position, eligibleAgents, averageHandleMs });
  }

  /**
   * Every connected waiting kiosk hears its status again (waited time, a fresh estimate), or with
   * `onlyIfChanged` only those whose estimate moved. O(waiting) estimates, O(lines × agents) counts.
   */
  private refreshQueueStatus(onlyIfChanged = false): void {
    const eligible = new Map<string, number>();
    for (const { ticket, position } of this.queue.withPositions()) {
      // A reconnecting kiosk gets its status when it resumes; holding every refresh would only fill its outbox.
      if (this.kiosks.get(ticket.kioskId)?.absent) continue;
      this.sendQueueStatus(ticket, position, eligible, onlyIfChanged);
    }
  }

  private startStatusRefresh(): void {
    if (this.statusRefresh !== undefined || this.closed) return;
    this.statusRefresh = this.clock.setInterval(() => this.refreshQueueStatus(), QUEUE_STATUS_REFRESH_MS);
  }

  private stopStatusRefresh(): void {
    if (this.statusRefresh === undefined) return;
    this.clock.clearInterval(this.statusRefresh);
    this.statusRefresh = undefined;
  }

  private policy(): RoutingPolicy {
    return { now: this.clock.now(), maxPriorityLeadMs: this.routing.maxPriorityLeadMs, escalation: this.routing.escalation };
  }

  // ── agent: presence and offers ───────────────────────────────────────────

  setPresence(agentId: string, status: Presence): void {
    const session = this.requireAgent(agentId);
    if (session.state !== 'available' && session.state !== 'away') {
      throw new ProtocolError('INVALID_STATE', `Presence cannot change while ${session.state}.`);
    }
    this.setAgentState(session, status);
    this.dispatch();
    // Who can take each request changed: the estimates that moved are sent now, not at the next tick.
    this.refreshQueueStatus(true);
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
    const call = { callId, ticketId: ticket.ticketId, kioskId: kiosk.kiosk.id, agentId };
    this.calls.set(callId, call);
    this.persist((live) => live.saveCall(call));
    kiosk.ticketId = undefined;
    kiosk.callId = callId;
    session.callId = callId;
    this.record((s) => s.visitAccepted(ticket.ticketId, { callId, agentId, at: this.clock.now() }));
    this.record((s) => s.visitWaitActual(ticket.ticketId, this.queue.waitedMs(ticket)));
    this.callStarts.set(callId, { at: this.clock.now(), serviceLine: ticket.serviceLine });
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
    this.overviewChanged();
    if (this.closed) return;
    const free = [...this.agents.values()]
      .filter((a) => a.state === 'available' && !a.offerId && !a.absent)
      .map((a) => ({
        agentId: a.agent.id,
        languages: a.agent.languages,
        serviceLines: a.agent.serviceLines,
        interpreterLanguages: a.agent.interpreterLanguages,
        idleSince: a.idleSince,
      }));
    if (free.length === 0 || this.queue.size === 0) return;
    const policy = this.policy();
    this.scheduleEscalation(policy);
    const pairings = planOffers({
      lines: this.queue,
      agents: free,
      policy,
      // A ticket whose kiosk is reconnecting keeps its place but is passed over: nobody would answer.
      isOffered: (ticketId) => this.offerByTicket.has(ticketId) || this.kioskAbsentFor(ticketId),
      isExcluded: (ticketId, agentId) => this.isExcluded(ticketId, agentId),
    });
    for (const { ticketId, agentId } of pairings) this.makeOffer(ticketId, agentId);
  }

  /**
   * One timer for the earliest line head still to escalate: only a head can be the first of its
   * line to cross its line's `afterMs`. O(lines). When it fires, dispatch looks again (and
   * schedules the next). Runs only while an agent is free: otherwise nobody could take it anyway,
   * and the next agent to become free dispatches.
   */
  private scheduleEscalation(policy: RoutingPolicy): void {
    if (this.escalationTimer !== undefined) this.clock.clearTimeout(this.escalationTimer);
    this.escalationTimer = undefined;
    let next = Number.POSITIVE_INFINITY;
    for (const line of this.queue.lines()) {
      const rule = policy.escalation[line.serviceLine];
      const head = rule && line.inArrivalOrder().next();
      if (!rule || !head || head.done) continue;
      const at = head.value.joinedAt + rule.afterMs;
      if (at > policy.now && at < next) next = at;
    }
    if (next === Number.POSITIVE_INFINITY) return;
    this.escalationTimer = this.clock.setTimeout(() => {
      this.escalationTimer = undefined;
      this.dispatch();
    }, next - policy.now);
  }

  private kioskAbsentFor(ticketId: string): boolean {
    const ticket = this.queue.get(ticketId);
    return ticket !== undefined && this.kiosks.get(ticket.kioskId)?.absent !== undefined;
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

  /** `technicalFailure`: the kiosk's recovery ladder gave up (only a kiosk knows; an agent's is refused). */
  endCall(from: Party, callId: string, technicalFailure = false): void {
    this.requireMember(from, callId);
    if (technicalFailure && from.role !== 'kiosk') {
      throw new ProtocolError('FORBIDDEN', 'reason: only the kiosk reports that a call failed for technical reasons.');
    }
    this.finishCall(callId, technicalFailure ? 'technical-failure' : from.role === 'kiosk' ? 'visitor-ended' : 'agent-ended');
    this.dispatch();
  }

  /** Ends a call for both members still connected; the agent, if still here, moves to wrap-up. */
  private finishCall(callId: string, reason: EndReason): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.calls.delete(callId);
    const handle = this.callStarts.get(callId);
    this.callStarts.delete(callId);
    this.persist((live) => live.deleteCall(callId));
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
      agent.wrapUp = { callId, ticketId: call.ticketId, ...(handle ? { handle } : {}) };
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
    const { ticketId, handle } = session.wrapUp;
    session.wrapUp = undefined;
    if (handle) this.handleTimes.record(handle.serviceLine, this.clock.now() - handle.at);
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
    this.overviewChanged();
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

  /** Live-state writes are best effort like records: a failure costs resumability after a restart, not the call. */
  private persist(write: (live: LiveStateStore) => void): void {
    if (!this.live) return;
    try {
      write(this.live);
    } catch (error) {
      this.log.error('live state write failed', { error });
    }
  }

  // ── restart ─────────────────────────────────────────────────────────────

  /**
   * Reads back the live state a previous process persisted. Everyone is disconnected after a
   * restart, so every party with a ticket or a call starts its grace period now; a hello with
   * its resume token takes it back. Parties no longer in the config are let go (recorded).
   */
  restore(known: { kiosks: readonly KioskConfig[]; agents: readonly AgentConfig[] }): { tickets: number; calls: number } {
    const live = this.live;
    if (!live) return { tickets: 0, calls: 0 };
    const state = live.load();
    const kioskConfigs = new Map(known.kiosks.map((k) => [k.id, k]));
    const agentConfigs = new Map(known.agents.map((a) => [a.id, a]));
    const tokenHash = (role: string, id: string) =>
      state.sessions.find((s) => s.role === role && s.partyId === id)?.resumeTokenHash ?? '';
    const kioskFor = (id: string): KioskSession | undefined => {
      const existing = this.kiosks.get(id);
      if (existing) return existing;
      const config = kioskConfigs.get(id);
      if (!config) return undefined;
      const session: KioskSession = { kiosk: config, outbox: new HeldOutbox(), resumeTokenHash: tokenHash('kiosk', id) };
      this.kiosks.set(id, session);
      this.startAbsence(session, () => {
        if (this.kiosks.get(id) === session) this.kioskLost(session);
      });
      return session;
    };
    const agentFor = (id: string): AgentSession | undefined => {
      const existing = this.agents.get(id);
      if (existing) return existing;
      const config = agentConfigs.get(id);
      if (!config) return undefined;
      const session: AgentSession = {
        agent: config,
        outbox: new HeldOutbox(),
        state: 'in-call',
        idleSince: this.clock.now(),
        resumeTokenHash: tokenHash('agent', id),
      };
      this.agents.set(id, session);
      this.startAbsence(session, () => {
        if (this.agents.get(id) === session) this.agentLost(session);
      });
      return session;
    };
    const letGo = (ticketId: string, reason: EndReason) =>
      this.record((s) => s.visitEnded(ticketId, { reason, at: this.clock.now() }));

    let tickets = 0;
    for (const persisted of state.tickets) {
      const session = kioskFor(persisted.kioskId);
      if (!session || session.ticketId || this.queue.get(persisted.ticketId)) {
        this.persist((l) => l.deleteTicket(persisted.ticketId));
        letGo(persisted.ticketId, 'visitor-connection-lost');
        continue;
      }
      const { seq: _arrival, ...ticket } = persisted;
      this.queue.restore(ticket);
      session.ticketId = persisted.ticketId;
      tickets += 1;
      this.startStatusRefresh();
    }
    let calls = 0;
    for (const call of state.calls) {
      const kiosk = kioskFor(call.kioskId);
      const agent = agentFor(call.agentId);
      if (!kiosk || !agent || kiosk.callId || kiosk.ticketId || agent.callId) {
        this.persist((l) => l.deleteCall(call.callId));
        letGo(call.ticketId, kiosk ? 'agent-connection-lost' : 'visitor-connection-lost');
        continue;
      }
      this.calls.set(call.callId, { ...call });
      kiosk.callId = call.callId;
      agent.callId = call.callId;
      calls += 1;
    }
    // Sessions created for a call that could not be restored hold nothing: let them go now.
    for (const session of [...this.kiosks.values()]) if (session.absent && !session.ticketId && !session.callId) this.kioskLost(session);
    for (const session of [...this.agents.values()]) if (session.absent && !session.callId) this.agentLost(session);
    this.log.info('live state restored', { tickets, calls });
    return { tickets, calls };
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
    this.stopStatusRefresh();
    this.overviewSchedule?.stop();
    if (this.escalationTimer !== undefined) this.clock.clearTimeout(this.escalationTimer);
    this.escalationTimer = undefined;
    for (const offer of this.offers.values()) this.clock.clearTimeout(offer.timer);
    for (const timer of this.cooldownTimers) this.clock.clearTimeout(timer);
    for (const session of [...this.kiosks.values(), ...this.agents.values()]) {
      if (session.absent) this.clock.clearTimeout(session.absent.timer);
    }
    this.offers.clear();
    this.offerByTicket.clear();
    this.cooldownTimers.clear();
  }

  // ── in-call tools: chat, screen push, wrap-up notes, away reason ─────────
  // Kept together at the end of the class; they only read the call bookkeeping above.

  /** callId → last chat sequence number; entries for finished calls are dropped on the next line. */
  private readonly chatSeqByCall = new Map<string, number>();
  /** agentId → why they are away; read only while the agent is actually away. */
  private readonly awayReasons = new Map<string, AwayReason>();

  /**
   * A chat line to both members of the call, the sender included (its delivery confirmation).
   * The text is never logged and never stored: only that a line passed, by whom.
   */
  relayChat(from: Party, callId: string, text: string): void {
    const call = this.requireMember(from, callId);
    for (const id of this.chatSeqByCall.keys()) if (!this.calls.has(id)) this.chatSeqByCall.delete(id);
    const seq = (this.chatSeqByCall.get(callId) ?? 0) + 1;
    this.chatSeqByCall.set(callId, seq);
    const message: ServerMessage = { type: 'chat.message', callId, from: from.role, text, seq };
    this.kiosks.get(call.kioskId)?.outbox.send(message);
    this.agents.get(call.agentId)?.outbox.send(message);
  }

  /** The agent shows a link, a QR code or instructions on the kiosk of their call, and only there. */
  pushToKiosk(from: Party, callId: string, content: ScreenContent): void {
    if (from.role !== 'agent') throw new ProtocolError('FORBIDDEN');
    const call = this.requireMember(from, callId);
    const kiosk = this.kiosks.get(call.kioskId);
    if (kiosk?.callId !== callId) throw new ProtocolError('NOT_IN_CALL');
    this.log.info('screen pushed', { callId, kind: content.kind });
    kiosk.outbox.send({ type: 'screen.pushed', callId, content });
  }

  /**
   * Agent-only notes for the call awaiting this agent's outcome; call before `wrapUp`, which
   * clears it. Checks the same things as `wrapUp`, so a refusal leaves nothing half written.
   */
  recordWrapUpNotes(agentId: string, callId: string, notes: string): void {
    const session = this.requireAgent(agentId);
    if (session.state !== 'wrap-up' || !session.wrapUp) {
      throw new ProtocolError('INVALID_STATE', 'There is no call waiting for an outcome.');
    }
    if (session.wrapUp.callId !== callId) throw new ProtocolError('NOT_IN_CALL');
    const { ticketId } = session.wrapUp;
    this.record((s) => s.visitNotes(ticketId, notes, this.clock.now()));
    // The length only: notes may hold anything the agent typed.
    this.log.info('wrap-up notes recorded', { callId, ticketId, chars: notes.length });
  }

  /** A coarse reason (break, meal…) kept in memory only, for a supervisor's live view. */
  noteAwayReason(agentId: string, reason: AwayReason | undefined): void {
    if (reason === undefined) this.awayReasons.delete(agentId);
    else this.awayReasons.set(agentId, reason);
  }

  awayReasonOf(agentId: string): AwayReason | undefined {
    return this.agentState(agentId) === 'away' ? this.awayReasons.get(agentId) : undefined;
  }

  // ── callbacks (callbacks/callbackDesk.ts) ────────────────────────────────
  // The desk holds the sealed numbers; the switchboard only takes the visitor out of the queue.

  private callbackDesk: CallbackDesk | undefined;
  private callbackAlwaysOffer = false;

  /** Turns callbacks on (a field key is configured); `alwaysOffer` is for tests and demos. */
  useCallbackDesk(desk: CallbackDesk | undefined, options: { alwaysOffer?: boolean } = {}): void {
    this.callbackDesk = desk;
    this.callbackAlwaysOffer = desk !== undefined && options.alwaysOffer === true;
  }

  /** The desk for agents' callback messages; refuses when callbacks are off. */
  callbacks(): CallbackDesk {
    if (!this.callbackDesk) throw new ProtocolError('INVALID_STATE', 'Callbacks are not enabled on this server.');
    return this.callbackDesk;
  }

  /**
   * What `queue.status.callbackOffered` says: never while callbacks are off (no key), otherwise
   * whether the estimate is above the routing threshold, or always with `callbacks.alwaysOffer`.
   */
  callbackOffered(estimateAboveThreshold: boolean): boolean {
    if (!this.callbackDesk) return false;
    return this.callbackAlwaysOffer || estimateAboveThreshold;
  }

  /**
   * The visitor chose a callback instead of waiting: the number is sealed and stored first, then
   * the ticket leaves the queue with reason `callback-requested` (so a failed write keeps the place).
   */
  requestCallback(kioskId: string, phoneDigits: string, language: Language, failedTicketId?: string): void {
    if (failedTicketId !== undefined) {
      this.requestCallbackAfterFailure(kioskId, phoneDigits, language, failedTicketId);
      return;
    }
    const desk = this.callbacks();
    const session = this.requireKiosk(kioskId);
    const ticketId = session.ticketId;
    const ticket = ticketId ? this.queue.get(ticketId) : undefined;
    if (!ticketId || !ticket) throw new ProtocolError('NOT_QUEUED', 'A callback replaces a place in the queue: join it first.');
    const callbackId = desk.request(
      {
        siteId: session.kiosk.siteId,
        kioskId,
        ticketId,
        serviceLine: ticket.serviceLine,
        language,
        ...(ticket.triage ? { triage: ticket.triage } : {}),
      },
      phoneDigits,
    );
    this.removeTicket(session, 'callback-requested');
    session.outbox.send({ type: 'queue.left', ticketId, reason: 'callback-requested' });
    session.outbox.send({ type: 'callback.requested', callbackId });
    this.dispatch();
  }

  /** kioskId → the failed visit it already asked a callback for: one callback per failed call. */
  private readonly failureCallbacks = new Map<string, string>();

  /**
   * The visitor's call failed (the kiosk ended it `technical-failure`) and they ask to be called
   * back. Only the kiosk that held the visit may ask (FORBIDDEN otherwise, so one kiosk cannot
   * probe another's tickets), once, within CALLBACK_AFTER_FAILURE_WINDOW_MS of the end, and only
   * while it has no newer visit waiting or in a call. The visit record keeps `technical-failure`.
   */
  private requestCallbackAfterFailure(kioskId: string, phoneDigits: string, language: Language, ticketId: string): void {
    const desk = this.callbacks();
    const session = this.requireKiosk(kioskId);
    if (session.ticketId || session.callId) {
      throw new ProtocolError('ALREADY_QUEUED', 'ticketId: this kiosk has a newer visit; a callback after a failure is for the last one.');
    }
    const visit = this.store.getVisit(ticketId);
    if (!visit || visit.kioskId !== kioskId) throw new ProtocolError('FORBIDDEN', 'ticketId: that visit was not at this kiosk.');
    if (visit.endReason !== 'technical-failure' || visit.endedAt === undefined) {
      throw new ProtocolError('INVALID_STATE', 'ticketId: that visit did not end with a technical failure.');
    }
    if (this.clock.now() - visit.endedAt > CALLBACK_AFTER_FAILURE_WINDOW_MS) {
      throw new ProtocolError('INVALID_STATE', `ticketId: too late; a callback after a failed call must be asked for within ${CALLBACK_AFTER_FAILURE_WINDOW_MS / 60_000} minutes.`);
    }
    if (this.failureCallbacks.get(kioskId) === ticketId) {
      throw new ProtocolError('INVALID_STATE', 'ticketId: a callback was already requested for that visit.');
    }
    const callbackId = desk.request(
      { siteId: session.kiosk.siteId, kioskId, ticketId, serviceLine: visit.serviceLine, language },
      phoneDigits,
    );
    this.failureCallbacks.set(kioskId, ticketId);
    session.outbox.send({ type: 'callback.requested', callbackId });
  }
  // ── kiosk devices (devices/deviceStatusStore.ts) ─────────────────────────
  // The latest check per kiosk, kept in memory and in the store, for the staff console.

  private readonly deviceStatuses = new Map<string, KioskDeviceStatus>();

  /** A kiosk's device check: stamped now, kept, logged only when a state changed, confirmed. */
  reportDevices(kioskId: string, report: DeviceReport): void {
    const session = this.requireKiosk(kioskId);
    const status: KioskDeviceStatus = { ...report, checkedAt: this.clock.now() };
    const previous = this.deviceStatusOf(kioskId);
    this.deviceStatuses.set(kioskId, status);
    this.record((s) => s.devices?.save(kioskId, status));
    if (devicesChanged(previous, report)) {
      // `mic`, not `microphone`: the logger redacts any key containing "phone".
      const { camera, microphone: mic, speaker } = report;
      this.log.info('kiosk devices changed', { kioskId, siteId: session.kiosk.siteId, camera, mic, speaker });
    }
    session.outbox.send({ type: 'device.status.recorded' });
  }

  /** The latest check this server has for a kiosk, from memory or (after a restart) the store. */
  deviceStatusOf(kioskId: string): KioskDeviceStatus | undefined {
    const held = this.deviceStatuses.get(kioskId);
    if (held) return { ...held };
    try {
      return this.store.devices?.get(kioskId);
    } catch (error) {
      this.log.error('device status read failed', { error });
      return undefined;
    }
  }

  // ── queue overview and supervisor view (overview/) ────────────────────────
  // Counts and waits per line for agents, agents' states for supervisors: pushed, throttled.

  /** Off until `useQueueOverview()`: a switchboard built bare (most unit tests) runs no overview timers. */
  private overviewOn = false;
  private overviewSchedule: OverviewSchedule | undefined;
  /** agentId → what its last `queue.overview` (or `supervisor.snapshot`) showed, to push only changes. */
  private readonly overviewSent = new Map<string, string>();
  private readonly supervisorSent = new Map<string, string>();
  /** agentId → its state and since when, for the supervisor's "for how long". */
  private readonly stateSince = new Map<string, { state: AgentState; since: number }>();

  /** Turns the pushes on (the server does, at start); connected agents get one at the next flush. */
  useQueueOverview(): void {
    this.overviewOn = true;
    this.overviewChanged();
  }

  /** Something the overview shows may have changed; the schedule coalesces and throttles the push. */
  private overviewChanged(): void {
    if (this.closed || !this.overviewOn) return;
    this.trackAgentStates();
    this.overviewSchedule ??= new OverviewSchedule(this.clock, (full) => this.publishOverview(full));
    this.overviewSchedule.changed();
  }

  /** A (re)connecting agent has seen nothing on this connection: its next flush includes it. */
  private overviewAttached(agentId: string): void {
    this.overviewSent.delete(agentId);
    this.supervisorSent.delete(agentId);
    this.overviewChanged();
  }

  private trackAgentStates(): void {
    const now = this.clock.now();
    for (const [agentId, session] of this.agents) {
      if (this.stateSince.get(agentId)?.state !== session.state) this.stateSince.set(agentId, { state: session.state, since: now });
    }
    for (const agentId of this.stateSince.keys()) {
      if (this.agents.has(agentId)) continue;
      this.stateSince.delete(agentId);
      this.overviewSent.delete(agentId);
      this.supervisorSent.delete(agentId);
    }
  }

  /**
   * Each connected agent gets the lines it serves when they changed, or on `full` (the periodic
   * refresh) while someone waits on them; supervisors also get every line and every agent. Counts only: no ticket, no kiosk,
   * no username. A reconnecting agent is skipped (its next connection gets a fresh one).
   */
  private publishOverview(full: boolean): void {
    if (this.agents.size === 0) {
      this.overviewSchedule?.stop();
      return;
    }
    this.trackAgentStates();
    const now = this.clock.now();
    const agents: OverviewAgent[] = [...this.agents.values()].map((session) => ({
      agentId: session.agent.id,
      state: session.state,
      awayReason: this.awayReasons.get(session.agent.id),
      serviceLines: session.agent.serviceLines,
      languages: session.agent.languages,
      since: this.stateSince.get(session.agent.id)?.since ?? now,
      absent: session.absent !== undefined,
    }));
    const queue = this.queue;
    function* waiting(): Iterable<WaitingTicket> {
      for (const { ticket } of queue.withPositions()) yield ticket;
    }
    const overview = buildQueueOverview({
      now,
      waiting: waiting(),
      agents,
      averageHandleMs: (line) => this.handleTimes.averageMs(line, this.routing.defaultHandleTimeMs),
    });
    for (const session of this.agents.values()) {
      if (session.absent) continue;
      const agentId = session.agent.id;
      const lines = linesFor(session.agent, overview.lines);
      const key = changeKey(lines);
      // A refresh only moves the longest waits: with nobody waiting on its lines, an agent has nothing new.
      const waitsMoved = full && lines.some((line) => line.waiting > 0);
      if (waitsMoved || this.overviewSent.get(agentId) !== key) {
        this.overviewSent.set(agentId, key);
        session.outbox.send({ type: 'queue.overview', lines });
      }
      if (session.agent.supervisor !== true) continue;
      const supervisorKey = changeKey(overview.lines, overview.agents);
      if (full || this.supervisorSent.get(agentId) !== supervisorKey) {
        this.supervisorSent.set(agentId, supervisorKey);
        session.outbox.send({ type: 'supervisor.snapshot', lines: overview.lines, agents: overview.agents });
      }
    }
  }
}

function persistedTicket(ticket: Ticket): PersistedTicket {
  return {
    ticketId: ticket.ticketId,
    siteId: ticket.siteId,
    kioskId: ticket.kioskId,
    serviceLine: ticket.serviceLine,
    language: ticket.language,
    ...(ticket.triage ? { triage: ticket.triage } : {}),
    joinedAt: ticket.joinedAt,
    seq: ticket.seq,
  };
}
