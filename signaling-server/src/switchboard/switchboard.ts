import type {
  AgentState,
  AwayReason,
  DeviceReport,
  ScreenContent,
  EndReason,
  Language,
  LineOverview,
  Outcome,
  HelpStep,
  InterpreterLanguage,
  Presence,
  Priority,
  Role,
  Rating,
  ServerMessage,
  ServiceLine,
  TicketSummary,
  TriageSummary,
  Handover,
} from '../../../protocol/index.js';
import type { Clock, TimerHandle } from '../clock.js';
import { CLOSE_CODES } from '../closeCodes.js';
import { DEFAULT_RESUME_GRACE_MS, type AgentConfig, type KioskConfig, type StaffConfig } from '../config.js';
import type { IceSettings } from '../turn/turnCredentials.js';
import { randomId } from '../ids.js';
import type { Logger } from '../logger.js';
import { CALLBACK_AFTER_FAILURE_WINDOW_MS, SUPERVISOR_MAX_AGENTS, type Colleague } from '../../../protocol/index.js';
import { ProtocolError } from '../protocolError.js';
import { isEscalated, planOffers, type AvailableAgent, type RoutingPolicy } from '../queue/dispatcher.js';
import { resolveRoutingConfig, type RoutingConfig } from '../queue/routingConfig.js';
import { EligibleAgentCounts } from '../queue/eligibleAgents.js';
import { TicketQueue, type Ticket, type TransferRequest } from '../queue/ticketQueue.js';
import { StatusPacer } from '../queue/statusPacer.js';
import { estimateWaitMs, HandleTimes, QUEUE_STATUS_MIN_INTERVAL_MS, QUEUE_STATUS_REFRESH_MS } from '../estimate/waitEstimate.js';
import { HeldOutbox, type HoldLimits } from '../resume/heldOutbox.js';
import { newResumeToken, resumeTokenMatches } from '../resume/resumeTokens.js';
import type { CallbackDesk } from '../callbacks/callbackDesk.js';
import type { LiveStateStore, PersistedCall, PersistedTicket } from '../store/liveState.js';
import type { Store } from '../store/store.js';
import { buildQueueOverview, changeKey, linesFor, type OverviewAgent, type WaitingTicket } from '../overview/queueOverview.js';
import { OverviewSchedule } from '../overview/overviewSchedule.js';
import { devicesChanged, type KioskDeviceStatus } from '../devices/deviceStatusStore.js';
import { SiteDesk, type KioskLiveView, type SiteDeskOptions } from '../site/siteDesk.js';
import type { KioskAdministration } from '../enrolment/kioskAdministration.js';
import { CallRoster, type CallMember } from './callRoster.js';

/** After a decline, the same ticket is not offered to the same agent for this long. */
export const DECLINE_REOFFER_COOLDOWN_MS = 30_000;

/** What the switchboard needs of a connection: somewhere to send, a way to hang up. */
export interface Outbox {
  send(message: ServerMessage): void;
  close(code: number, reason: string): void;
}

/** Who sent a message, as established by hello. */
export interface Party {
  role: Role;
  id: string;
}

/** People who join calls; interpreters are agent sessions that are never offered visitors. */
export type CallPersonRole = 'agent' | 'interpreter';

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
  role: CallPersonRole;
  outbox: Outbox;
  resumeTokenHash: string;
  absent?: Absence;
  state: AgentState;
  /** When the agent entered `state`: the supervisor's "for how long". */
  stateSince: number;
  idleSince: number;
  /**
   * What this connection's last `queue.overview` and `supervisor.snapshot` showed, to push only
   * changes. Agents who serve the same lines share one key string (publishOverview).
   */
  overviewKey?: string;
  supervisorKey?: string;
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
  /** The agent who owns the call: the one who accepted it, or after a warm transfer the colleague. */
  agentId: string;
  /** Everyone in the call with their per-call member ids (callRoster.ts). */
  roster: CallRoster;
  /** What the visitor told the kiosk: travels to a colleague or an interpreter who joins. */
  summary: TicketSummary;
  /** A warm transfer in progress: its ticket waits in the queue until a colleague accepts. */
  transfer?: { ticketId: string; fromAgentId: string; pinnedAgentId?: string };
  /** An interpreter invitation in progress or an interpreter in the call. */
  interpreter?: InterpreterSeat;
  /** When it was accepted, for handle times; absent on a call restored after a restart. */
  started?: CallStart;
}

/** The interpreter side of a call: the language, who was asked already, the open invitation. */
interface InterpreterSeat {
  language: InterpreterLanguage;
  tried: Set<string>;
  offer?: { offerId: string; interpreterId: string; timer: TimerHandle };
  /** Set once an interpreter accepted. */
  interpreterId?: string;
}

/**
 * An agent's lines as a key, cached per config object, and one string per distinct set of lines
 * (most agents of a program serve the same ones).
 */
const servedLinesKeys = new WeakMap<AgentConfig, string>();
const distinctLineKeys = new Map<string, string>();
function servedLinesKey(agent: AgentConfig): string {
  let key = servedLinesKeys.get(agent);
  if (key === undefined) {
    const made = `${agent.serviceLines.join(',')}|${agent.languages.join(',')}`;
    key = distinctLineKeys.get(made) ?? made;
    distinctLineKeys.set(key, key);
    servedLinesKeys.set(agent, key);
  }
  return key;
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
  /** Re-sends every waiting kiosk its status every QUEUE_STATUS_REFRESH_MS; runs only while someone waits. */
  private statusRefresh: TimerHandle | undefined;
  /**
   * A place or estimate that moved reaches the kiosk at most once per QUEUE_STATUS_MIN_INTERVAL_MS;
   * it also remembers the estimate each kiosk was last told, so a presence change re-sends only
   * the estimates it changed.
   */
  private readonly statusPacer: StatusPacer;
  /** The next moment a line's head escalates, so a wider agent is offered it on time. */
  private escalationTimer: TimerHandle | undefined;
  /** Present agents per kind of ticket, for the estimates; kept in step by notePresence. */
  private readonly eligible: EligibleAgentCounts;

  constructor(options: SwitchboardOptions) {
    this.clock = options.clock;
    this.store = options.store;
    this.log = options.logger;
    this.offerTimeoutMs = options.offerTimeoutMs;
    this.iceSettingsFor = options.iceSettingsFor ?? (() => ({}));
    this.queue = new TicketQueue(options.clock);
    this.statusPacer = new StatusPacer(options.clock, QUEUE_STATUS_MIN_INTERVAL_MS, (ticketId) => this.sendCurrentQueueStatus(ticketId));
    this.resumeGraceMs = options.resumeGraceMs ?? DEFAULT_RESUME_GRACE_MS;
    this.holdLimits = options.holdLimits;
    this.live = options.store.live;
    this.routing = options.routing ?? resolveRoutingConfig(undefined);
    this.eligible = new EligibleAgentCounts(this.routing.escalation);
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
    this.siteDesk?.kioskSeen(kiosk.id);
    const result = { resumeToken: token, resumed: false };
    options.greet?.(result);
    return result;
  }

  /** An agent authenticated; starts away until they say they are available (or resumes, as a kiosk does). */
  attachAgent(agent: AgentConfig, outbox: Outbox, options: AttachOptions = {}, role: CallPersonRole = 'agent'): AttachResult {
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
    const now = this.clock.now();
    const session: AgentSession = { agent, role, outbox, state: 'away', stateSince: now, idleSince: now, resumeTokenHash: hash };
    this.agents.set(agent.id, session);
    this.notePresence(session);
    this.persist((live) => live.saveSession({ role, partyId: agent.id, resumeTokenHash: hash }));
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
    if (this.staffLost(party, outbox)) return;
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
    if ('agent' in session) this.notePresence(session);
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
    // The kiosk's "your agent is reconnecting" is about the agent holding the call, not an interpreter or a colleague joining.
    if (call?.agentId === agentId && session.role === 'agent') {
      this.kiosks.get(call.kioskId)?.outbox.send({ type: 'peer.status', callId: call.callId, state: 'reconnecting' });
    }
    this.dispatch();
  }

  /** The new connection takes the session: welcome, then what was held (in order), then a gap notice. */
  private takeOver(session: KioskSession | AgentSession, outbox: Outbox, party: Party, options: AttachOptions): AttachResult {
    const previousOutbox = session.outbox;
    const absence = session.absent;
    if (absence) {
      this.clock.clearTimeout(absence.timer);
      session.absent = undefined;
      if ('agent' in session) this.notePresence(session);
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
    if (call?.agentId === session.agent.id && session.role === 'agent') this.tellCallPeers(call, 'agent');
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
    this.notePresence(session);
    this.persist((live) => live.deleteSession(session.role, session.agent.id));
    // An agent who leaves without recording the outcome leaves the visit without one, as before a restart.
    if (session.wrapUp) this.persist((live) => live.deleteWrapUp(session.agent.id));
    if (session.offerId) this.withdrawOffer(session.offerId);
    if (session.callId) this.personLostFromCall(session, session.callId);
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
    this.siteDesk?.helpRequested(kioskId, step);
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
    this.statusPacer.forget(ticketId);
    this.persist((live) => live.deleteTicket(ticketId));
    // Everyone behind moved up: each hears it, paced (a burst of departures is one status).
    for (const { ticket } of removed?.moved ?? []) this.statusPacer.request(ticket.ticketId);
    if (this.queue.size === 0) this.stopStatusRefresh();
  }

  /** The paced send (StatusPacer): the ticket's status as it is when its turn comes, if it still waits. */
  private sendCurrentQueueStatus(ticketId: string): void {
    const ticket = this.queue.get(ticketId);
    const position = this.queue.position(ticketId);
    if (ticket && position) this.sendQueueStatus(ticket, position);
  }

  /**
   * Tells the kiosk its place, its wait so far and the estimate of what remains, now; returns the
   * estimate.
   */
  private sendQueueStatus(ticket: Ticket, position: number): number {
    const estimatedWaitMs = this.estimateFor(ticket, position);
    // A transfer's visitor is in a call, not waiting: the first agent hears the progress instead.
    if (ticket.transfer) return estimatedWaitMs;
    this.statusPacer.sent(ticket.ticketId, estimatedWaitMs);
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
  private estimateFor(ticket: Ticket, position: number): number {
    const eligibleAgents = this.eligible.countFor(ticket, isEscalated(ticket, this.policy()));
    const averageHandleMs = this.handleTimes.averageMs(ticket.serviceLine, this.routing.defaultHandleTimeMs);
    return estimateWaitMs({ position, eligibleAgents, averageHandleMs });
  }

  /**
   * Every connected waiting kiosk hears its status again (waited time, a fresh estimate), or with
   * `onlyIfChanged` only those whose estimate moved, paced. O(waiting): the agent counts are kept (EligibleAgentCounts).
   */
  private refreshQueueStatus(onlyIfChanged = false): void {
    for (const { ticket, position } of this.queue.withPositions()) {
      // A reconnecting kiosk gets its status when it resumes; holding every refresh would only fill its outbox.
      if (this.kiosks.get(ticket.kioskId)?.absent) continue;
      if (!onlyIfChanged) this.sendQueueStatus(ticket, position);
      else if (!ticket.transfer && this.statusPacer.lastEstimate(ticket.ticketId) !== this.estimateFor(ticket, position)) this.statusPacer.request(ticket.ticketId);
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
    if (ticket?.transfer) {
      this.joinByTransfer(session, ticket, ticket.transfer);
      return;
    }
    const kiosk = ticket && this.kiosks.get(ticket.kioskId);
    if (!ticket || !kiosk) {
      // Cannot happen while the bookkeeping is consistent: a leaving ticket withdraws its offer.
      this.setAgentState(session, 'available');
      throw new ProtocolError('NO_SUCH_OFFER');
    }
    const summary = this.queue.summary(ticket);
    this.dequeue(ticket.ticketId);
    const callId = randomId('call');
    const roster = new CallRoster();
    const kioskMember = roster.add('kiosk', kiosk.kiosk.id);
    const agentMember = roster.add('agent', agentId);
    const call: Call = { callId, ticketId: ticket.ticketId, kioskId: kiosk.kiosk.id, agentId, roster, summary };
    this.calls.set(callId, call);
    this.persist((live) => live.saveCall(persistedCall(call)));
    kiosk.ticketId = undefined;
    kiosk.callId = callId;
    session.callId = callId;
    this.record((s) => s.visitAccepted(ticket.ticketId, { callId, agentId, at: this.clock.now() }));
    this.record((s) => s.visitWaitActual(ticket.ticketId, this.queue.waitedMs(ticket)));
    call.started = { at: this.clock.now(), serviceLine: ticket.serviceLine };
    this.log.info('call started', { callId, ticketId: ticket.ticketId, agentId, kioskId: kiosk.kiosk.id });
    // The kiosk initiates the WebRTC offer: its camera is already open.
    // Fresh TURN credentials per call: the ones from welcome may have expired on a long-connected kiosk.
    for (const member of [kioskMember, agentMember]) this.sendCallStart(call, member);
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
    this.transferOfferLapsed(offer.ticketId, 'declined');
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
    if (this.interpreterInvites.has(offerId)) {
      this.withdrawInterpreterOffer(offerId, reason);
      return;
    }
    const offer = this.offers.get(offerId);
    if (!offer) return;
    this.clearOffer(offer);
    this.log.info('offer withdrawn', { offerId, ticketId: offer.ticketId, agentId: offer.agentId, reason: reason ?? 'agent-gone' });
    const agent = this.agents.get(offer.agentId);
    if (agent && reason) {
      agent.outbox.send({ type: 'call.offer-withdrawn', offerId, reason });
      this.setAgentState(agent, reason === 'expired' ? 'away' : 'available');
    }
    if (reason !== 'visitor-left') this.transferOfferLapsed(offer.ticketId, reason ?? 'unavailable');
  }

  /** Offers every waiting ticket that has a free matching agent. Run after every change. */
  dispatch(): void {
    this.overviewChanged();
    this.siteChanged();
    if (this.closed) return;
    if (this.queue.size === 0) return;
    // One pass that keeps only the free: most agents are busy, so no copy of every session per dispatch.
    const free: AvailableAgent[] = [];
    for (const a of this.agents.values()) {
      if (a.state !== 'available' || a.offerId || a.absent) continue;
      const { id: agentId, languages, serviceLines, interpreterLanguages } = a.agent;
      free.push({ agentId, languages, serviceLines, interpreterLanguages, idleSince: a.idleSince });
    }
    if (free.length === 0) return;
    const policy = this.policy();
    this.scheduleEscalation(policy);
    const pairings = planOffers({
      lines: this.queue,
      agents: free,
      policy,
      // A ticket whose kiosk is reconnecting keeps its place but is passed over: nobody would answer.
      isOffered: (ticketId) => this.offerByTicket.has(ticketId) || this.kioskAbsentFor(ticketId),
      isExcluded: (ticketId, agentId) => this.isExcluded(ticketId, agentId) || this.transferExcludes(ticketId, agentId),
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
    const transfer = ticket.transfer;
    if (!transfer) this.record((s) => s.visitOffered(ticketId, this.clock.now()));
    this.log.info('offer made', { offerId, ticketId, agentId, transfer: transfer !== undefined });
    agent.outbox.send({
      type: 'call.offer',
      offerId,
      ticket: this.queue.summary(ticket),
      expiresInMs: this.offerTimeoutMs,
      ...(transfer ? { handover: transfer.handover ?? {} } : this.iceSettingsFor(agentId)),
    });
    const transferCall = transfer && this.calls.get(transfer.callId);
    if (transferCall) this.tellTransferState(transferCall, 'offered');
    // Both sides prepare the call while the agent's console rings (fresh TURN credentials: the
    // offer lasts seconds): the kiosk its offer, which it sends the console (ring.signal), and the
    // console its answer. A transfer's kiosk is in its call already.
    else this.kiosks.get(ticket.kioskId)?.outbox.send({ type: 'call.ringing', ticketId, offerId, ...this.iceSettingsFor(ticket.kioskId) });
    this.setAgentState(agent, 'offered');
  }

  // ── calls ───────────────────────────────────────────────────────────────

  /**
   * Relays an opaque WebRTC payload to one other member of the same call, and only to them:
   * `to` names it, or with two members the other one. The hottest path: nothing is allocated but the message.
   */
  relaySignal(from: Party, callId: string, data: Record<string, unknown>, to?: string): void {
    const call = this.calls.get(callId);
    const member = call && memberIn(call.roster, from);
    if (!call || !member) throw new ProtocolError('NOT_IN_CALL');
    let target: CallMember | undefined;
    if (to === undefined) {
      target = call.roster.soleOther(member);
      if (!target) throw new ProtocolError('INVALID_STATE', 'to: this call has more than two members; say which one the signal is for.');
    } else {
      target = to === member.memberId ? undefined : call.roster.get(to);
      if (!target) throw new ProtocolError('INVALID_STATE', 'to: no other member of this call has that id.');
    }
    this.outboxOf(target)?.send({ type: 'signal', callId, from: member.memberId, data });
  }

  /**
   * The kiosk's ready-made offer and candidates, to the console that rings for its visitor, before
   * any call exists. Only that kiosk may send for that offer (another kiosk's is NO_SUCH_OFFER, as
   * another agent's offer is to `call.accept`); one that ended meanwhile (declined, withdrawn,
   * accepted) takes the signal with it without an error, as a call that ended does.
   */
  relayRingSignal(from: Party, offerId: string, data: Record<string, unknown>): void {
    const offer = this.offers.get(offerId);
    if (!offer) return;
    if (this.queue.get(offer.ticketId)?.kioskId !== from.id) {
      throw new ProtocolError('NO_SUCH_OFFER', "offerId: that offer is not for this kiosk's visitor.");
    }
    this.agents.get(offer.agentId)?.outbox.send({ type: 'ring.signal', offerId, data });
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
    const handle = call.started;
    this.persist((live) => live.deleteCall(callId));
    this.record((s) => s.visitEnded(call.ticketId, { reason, at: this.clock.now() }));
    this.log.info('call ended', { callId, ticketId: call.ticketId, reason });
    // A transfer or an interpreter still being asked for goes with the call.
    if (call.transfer) this.endTransfer(call, 'failed', 'call-ended');
    this.dropInterpreterInvite(call);
    const kiosk = this.kiosks.get(call.kioskId);
    if (kiosk?.callId === callId) {
      kiosk.callId = undefined;
      kiosk.outbox.send({ type: 'call.ended', callId, reason });
    }
    for (const member of call.roster.all()) {
      if (member.role === 'kiosk') continue;
      const person = this.agents.get(member.partyId);
      if (person?.callId !== callId) continue;
      person.callId = undefined;
      person.outbox.send({ type: 'call.ended', callId, reason });
      // The owner records the outcome; a colleague mid-transfer or an interpreter is simply free again.
      if (member.partyId === call.agentId && member.role === 'agent') {
        person.wrapUp = { callId, ticketId: call.ticketId, ...(handle ? { handle } : {}) };
        this.persist((live) => live.saveWrapUp({ agentId: person.agent.id, callId, ticketId: call.ticketId }));
        this.setAgentState(person, 'wrap-up');
      } else {
        this.setAgentState(person, 'available');
      }
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
    this.persist((live) => live.deleteWrapUp(agentId));
    if (handle) this.handleTimes.record(handle.serviceLine, this.clock.now() - handle.at);
    this.record((s) => s.visitOutcome(ticketId, outcome, this.clock.now()));
    this.log.info('call wrapped up', { callId, ticketId, outcome });
    this.setAgentState(session, 'available');
    this.dispatch();
  }

  private requireMember(from: Party, callId: string): Call {
    return this.memberOf(from, callId).call;
  }

  /** The call and the sender's place in it; NOT_IN_CALL for anyone else (no hint whether the call exists). */
  private memberOf(from: Party, callId: string): { call: Call; member: CallMember } {
    const call = this.calls.get(callId);
    const member = call && memberIn(call.roster, from);
    if (!call || !member) throw new ProtocolError('NOT_IN_CALL');
    return { call, member };
  }

  private outboxOf(member: CallMember): Outbox | undefined {
    return member.role === 'kiosk' ? this.kiosks.get(member.partyId)?.outbox : this.agents.get(member.partyId)?.outbox;
  }

  private sendToMembers(call: Call, message: ServerMessage, exceptMemberId?: string): void {
    for (const member of call.roster.all()) if (member.memberId !== exceptMemberId) this.outboxOf(member)?.send(message);
  }

  /** `call.start` for one member: who it is in the call, whom to link to, fresh ICE settings. */
  private sendCallStart(call: Call, member: CallMember, extra: { handover?: Handover; interpreterLanguage?: InterpreterLanguage } = {}): void {
    this.outboxOf(member)?.send({
      type: 'call.start',
      callId: call.callId,
      selfId: member.memberId,
      peers: call.roster.peersOf(member),
      ticket: call.summary,
      ...extra,
      // Fresh TURN credentials per call: the ones from welcome may have expired on a long-connected kiosk.
      ...this.iceSettingsFor(member.partyId),
    });
  }

  // ── helpers ─────────────────────────────────────────────────────────────

  /**
   * Keeps the eligible-agent counts in step with this session: call after its state, its absence
   * or its place in `agents` changed. A replaced or ended session no longer counts.
   */
  private notePresence(session: AgentSession): void {
    const present = this.agents.get(session.agent.id) === session && session.state !== 'away' && session.absent === undefined;
    this.eligible.set(session.agent.id, session.agent, present);
  }

  private setAgentState(session: AgentSession, state: AgentState): void {
    if (state === 'available' && session.state !== 'available') session.idleSince = this.clock.now();
    // The supervisor's "for how long" counts from the change itself, not from the (throttled) push.
    if (session.state !== state) session.stateSince = this.clock.now();
    session.state = state;
    this.notePresence(session);
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
    const agentFor = (id: string, state: 'in-call' | 'wrap-up' = 'in-call'): AgentSession | undefined => {
      const existing = this.agents.get(id);
      if (existing) return existing;
      const config = agentConfigs.get(id);
      if (!config) return undefined;
      const session: AgentSession = {
        agent: config,
        role: 'agent',
        outbox: new HeldOutbox(),
        state,
        stateSince: this.clock.now(),
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
      // A restored call has its kiosk and owner; a transfer or an interpreter in progress was not kept.
      const roster = new CallRoster();
      roster.add('kiosk', call.kioskId);
      roster.add('agent', call.agentId);
      this.calls.set(call.callId, Object.assign({}, call, { roster, summary: this.summaryAfterRestart(call.ticketId, call.kioskId) }));
      kiosk.callId = call.callId;
      agent.callId = call.callId;
      calls += 1;
    }
    let wrapUps = 0;
    for (const persisted of state.wrapUps) {
      const agent = agentFor(persisted.agentId, 'wrap-up');
      // Gone from the config, or in a restored call (one row per agent, so never two wrap-ups): let go, the visit keeps no outcome.
      if (!agent || agent.callId) {
        this.persist((l) => l.deleteWrapUp(persisted.agentId));
        continue;
      }
      // No handle time: the accept was before the restart, and a guessed one would skew the estimates.
      agent.wrapUp = { callId: persisted.callId, ticketId: persisted.ticketId };
      wrapUps += 1;
    }
    // Sessions created for a call that could not be restored hold nothing: let them go now.
    for (const session of [...this.kiosks.values()]) if (session.absent && !session.ticketId && !session.callId) this.kioskLost(session);
    for (const session of [...this.agents.values()]) if (session.absent && !session.callId && !session.wrapUp) this.agentLost(session);
    this.log.info('live state restored', { tickets, calls, wrapUps });
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
    this.statusPacer.close();
    this.stopStatusRefresh();
    this.overviewSchedule?.stop();
    this.siteDesk?.close();
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
    const message: ServerMessage = { type: 'chat.message', callId, from: from.role === 'kiosk' ? 'kiosk' : 'agent', text, seq };
    // Everyone in the call reads the chat: a colleague joining by transfer, an interpreter.
    this.sendToMembers(call, message);
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

  /** Turns callbacks on (a field key is configured). */
  useCallbackDesk(desk: CallbackDesk | undefined): void {
    this.callbackDesk = desk;
  }

  /** Told to kiosks in `welcome`, so a kiosk never offers a callback this server would refuse. */
  callbacksEnabled(): boolean {
    return this.callbackDesk !== undefined;
  }

  /** The desk for agents' callback messages; refuses when callbacks are off. */
  callbacks(): CallbackDesk {
    if (!this.callbackDesk) throw new ProtocolError('INVALID_STATE', 'Callbacks are not enabled on this server.');
    return this.callbackDesk;
  }

  /**
   * What `queue.status.callbackOffered` says: never while callbacks are off (no key), otherwise
   * whether the estimate is above the routing threshold.
   */
  callbackOffered(estimateAboveThreshold: boolean): boolean {
    return this.callbackDesk !== undefined && estimateAboveThreshold;
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
    const status: KioskDeviceStatus = Object.assign({}, report, { checkedAt: this.clock.now() });
    const previous = this.deviceStatusOf(kioskId);
    this.deviceStatuses.set(kioskId, status);
    this.siteChanged();
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
  /** Turns the pushes on (the server does, at start); connected agents get one at the next flush. */
  useQueueOverview(): void {
    this.overviewOn = true;
    this.overviewChanged();
  }

  /** Something the overview shows may have changed; the schedule coalesces and throttles the push. */
  private overviewChanged(): void {
    if (this.closed || !this.overviewOn) return;
    // O(1) per change: states are noted where they change (setAgentState); the walk over every
    // agent happens once per (throttled) push, in publishOverview.
    this.overviewSchedule ??= new OverviewSchedule(this.clock, (full) => this.publishOverview(full));
    this.overviewSchedule.changed();
  }

  /** A (re)connecting agent has seen nothing on this connection: its next flush includes it. */
  private overviewAttached(agentId: string): void {
    const session = this.agents.get(agentId);
    if (session) {
      session.overviewKey = undefined;
      session.supervisorKey = undefined;
    }
    this.overviewChanged();
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
    const now = this.clock.now();
    const agents: OverviewAgent[] = [...this.agents.values()].map((session) => ({
      agentId: session.agent.id,
      state: session.state,
      awayReason: this.awayReasons.get(session.agent.id),
      serviceLines: session.agent.serviceLines,
      languages: session.agent.languages,
      since: session.stateSince,
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
    // Agents who serve the same lines see the same overview: it is filtered and keyed once per set
    // of lines, and those agents share the key string instead of holding one each.
    const views = new Map<string, { lines: LineOverview[]; key: string; anyWaiting: boolean }>();
    let supervisorKey: string | undefined;
    for (const session of this.agents.values()) {
      if (session.absent) continue;
      const profile = servedLinesKey(session.agent);
      let view = views.get(profile);
      if (!view) {
        const lines = linesFor(session.agent, overview.lines);
        view = { lines, key: changeKey(lines), anyWaiting: lines.some((line) => line.waiting > 0) };
        views.set(profile, view);
      }
      // A refresh only moves the longest waits: with nobody waiting on its lines, an agent has nothing new.
      if ((full && view.anyWaiting) || session.overviewKey !== view.key) {
        session.overviewKey = view.key;
        session.outbox.send({ type: 'queue.overview', lines: view.lines });
      }
      if (session.agent.supervisor !== true) continue;
      supervisorKey ??= changeKey(overview.lines, overview.agents);
      if (full || session.supervisorKey !== supervisorKey) {
        session.supervisorKey = supervisorKey;
        session.outbox.send({ type: 'supervisor.snapshot', lines: overview.lines, agents: overview.agents });
      }
    }
  }


  // ── calls with more members: warm transfer and interpreters (protocol/callParty.ts) ──
  // A colleague or an interpreter joins the running call (mesh media, callRoster.ts); the visitor
  // keeps their call throughout and is never asked again: the summary travels with them.

  /** Interpreter invitations in flight: offerId → callId. */
  private readonly interpreterInvites = new Map<string, string>();

  /**
   * The owner asks for a colleague: a ticket for the line (urgent, so it goes to the head within
   * the priority bound) that only routing's usual rules decide, or pinned to one colleague.
   */
  transferCall(agentId: string, callId: string, request: { serviceLine: ServiceLine; language?: Language | undefined; agentId?: string | undefined; handover?: Handover | undefined }): void {
    const { call } = this.memberOf({ role: 'agent', id: agentId }, callId);
    if (call.agentId !== agentId) throw new ProtocolError('INVALID_STATE', 'Only the agent who holds the call can transfer it.');
    if (call.transfer || call.roster.count('agent') > 1) throw new ProtocolError('INVALID_STATE', 'A transfer is already under way in this call.');
    const pinned = request.agentId;
    if (pinned !== undefined) {
      const colleague = this.agents.get(pinned);
      if (pinned === agentId || !colleague || colleague.role !== 'agent') {
        throw new ProtocolError('INVALID_STATE', 'agentId: that colleague is not signed in.');
      }
      if (!colleague.agent.serviceLines.includes(request.serviceLine)) {
        throw new ProtocolError('INVALID_STATE', 'agentId: that colleague does not serve this service line.');
      }
    }
    const kiosk = this.requireKiosk(call.kioskId);
    const { ticket } = this.queue.join({
      ticketId: randomId('tx'),
      serviceLine: request.serviceLine,
      language: request.language ?? call.summary.language,
      siteId: kiosk.kiosk.siteId,
      kioskId: call.kioskId,
      ...(call.summary.triage ? { triage: call.summary.triage } : {}),
      priority: 'urgent',
      transfer: {
        callId,
        fromAgentId: agentId,
        ...(pinned !== undefined ? { pinnedAgentId: pinned } : {}),
        ...(request.handover ? { handover: request.handover } : {}),
      },
    });
    call.transfer = { ticketId: ticket.ticketId, fromAgentId: agentId, ...(pinned !== undefined ? { pinnedAgentId: pinned } : {}) };
    // The note's length only: it may hold anything the agent typed.
    this.log.info('transfer requested', { callId, serviceLine: request.serviceLine, pinned: pinned !== undefined, noteChars: request.handover?.note?.length ?? 0 });
    this.tellTransferState(call, 'waiting');
    this.dispatch();
  }

  /**
   * Who the holder could name in `call.transfer`: signed-in agents but themselves (interpreters are
   * invited, not transferred to), free ones first, then by name. Work names only, never usernames.
   */
  colleaguesFor(agentId: string, callId: string): Colleague[] {
    const { call } = this.memberOf({ role: 'agent', id: agentId }, callId);
    if (call.agentId !== agentId) throw new ProtocolError('INVALID_STATE', 'Only the agent who holds the call can transfer it.');
    const colleagues: Colleague[] = [];
    for (const session of this.agents.values()) {
      const { agent } = session;
      if (session.role !== 'agent' || agent.id === agentId || session.absent !== undefined) continue;
      colleagues.push({
        agentId: agent.id,
        displayName: agent.displayName ?? agent.id,
        state: session.state,
        serviceLines: agent.serviceLines,
        languages: agent.languages,
      });
    }
    const freeFirst = (colleague: Colleague) => (colleague.state === 'available' ? 0 : 1);
    colleagues.sort((a, b) => freeFirst(a) - freeFirst(b) || a.displayName.localeCompare(b.displayName));
    return colleagues.slice(0, SUPERVISOR_MAX_AGENTS);
  }

  cancelTransfer(agentId: string, callId: string): void {
    const { call } = this.memberOf({ role: 'agent', id: agentId }, callId);
    if (!call.transfer || call.transfer.fromAgentId !== agentId) throw new ProtocolError('INVALID_STATE', 'There is no transfer waiting in this call.');
    this.endTransfer(call, 'cancelled');
    this.dispatch();
  }

  /** Transfer tickets are offered only to the colleague they are pinned to, if any. */
  private transferExcludes(ticketId: string, agentId: string): boolean {
    const pinned = this.queue.get(ticketId)?.transfer?.pinnedAgentId;
    return pinned !== undefined && pinned !== agentId;
  }

  /** To the agent who asked for the transfer (it may be called while the call is being finished). */
  private tellTransferState(call: Call, state: 'waiting' | 'offered' | 'joined' | 'failed' | 'cancelled', reason?: 'declined' | 'expired' | 'unavailable' | 'call-ended'): void {
    const fromAgentId = call.transfer?.fromAgentId ?? call.agentId;
    this.agents.get(fromAgentId)?.outbox.send({ type: 'call.transfer.status', callId: call.callId, state, ...(reason ? { reason } : {}) });
  }


  /** An offer of a transfer ticket lapsed: a pinned transfer has failed; a line's goes back to waiting. */
  private transferOfferLapsed(ticketId: string, reason: 'declined' | 'expired' | 'unavailable'): void {
    const transfer = this.queue.get(ticketId)?.transfer;
    const call = transfer && this.calls.get(transfer.callId);
    if (!transfer || !call?.transfer) return;
    if (transfer.pinnedAgentId !== undefined) this.endTransfer(call, 'failed', reason);
    else this.tellTransferState(call, 'waiting');
  }

  /** Takes a transfer's ticket (and its offer) back; the visitor stays with the first agent. */
  private endTransfer(call: Call, state: 'failed' | 'cancelled', reason?: 'declined' | 'expired' | 'unavailable' | 'call-ended'): void {
    const transfer = call.transfer;
    if (!transfer) return;
    const offerId = this.offerByTicket.get(transfer.ticketId);
    if (offerId) this.withdrawOffer(offerId, 'visitor-left');
    this.dequeue(transfer.ticketId);
    this.tellTransferState(call, state, reason);
    call.transfer = undefined;
    this.log.info('transfer ended', { callId: call.callId, state, reason });
  }

  /** The colleague accepted: they join the call; the first agent stays until they leave with `call.leave`. */
  private joinByTransfer(session: AgentSession, ticket: Ticket, transfer: TransferRequest): void {
    const call = this.calls.get(transfer.callId);
    this.dequeue(ticket.ticketId);
    if (!call || call.transfer?.ticketId !== ticket.ticketId) {
      this.setAgentState(session, 'available');
      throw new ProtocolError('NO_SUCH_OFFER');
    }
    const member = call.roster.add('agent', session.agent.id);
    session.callId = call.callId;
    this.tellTransferState(call, 'joined');
    call.transfer = undefined;
    this.sendToMembers(call, { type: 'call.member', callId: call.callId, memberId: member.memberId, role: 'agent', state: 'joined' }, member.memberId);
    this.sendCallStart(call, member, { handover: transfer.handover ?? {} });
    this.record((s) => s.visitTransferred(call.ticketId, { fromAgentId: transfer.fromAgentId, toAgentId: session.agent.id, at: this.clock.now() }));
    this.log.info('transfer joined', { callId: call.callId, fromAgentId: transfer.fromAgentId, toAgentId: session.agent.id });
    this.setAgentState(session, 'in-call');
    this.dispatch();
  }

  /**
   * Leaving a call that goes on: an interpreter, or an agent while a colleague is in the call (the
   * end of a warm transfer: the colleague then holds the call). The last agent ends it instead.
   */
  leaveCall(from: Party, callId: string): void {
    const { call, member } = this.memberOf(from, callId);
    if (member.role === 'agent' && call.roster.count('agent') < 2) {
      throw new ProtocolError('INVALID_STATE', 'You are the only agent in this call: end it with call.end.');
    }
    this.removeMember(call, member, member.role === 'agent' ? 'transferred' : 'left');
    this.dispatch();
  }

  /** Someone in a call was lost for good: the call goes on without an interpreter or a second agent; otherwise it ends. */
  private personLostFromCall(session: AgentSession, callId: string): void {
    const call = this.calls.get(callId);
    const member = call?.roster.find(session.role, session.agent.id);
    if (call && member && (member.role === 'interpreter' || call.roster.count('agent') > 1)) {
      this.removeMember(call, member, 'left');
      return;
    }
    this.finishCall(callId, 'agent-connection-lost');
  }

  private removeMember(call: Call, member: CallMember, reason: 'left' | 'removed' | 'transferred'): void {
    call.roster.remove(member.memberId);
    const person = this.agents.get(member.partyId);
    this.sendToMembers(call, { type: 'call.member', callId: call.callId, memberId: member.memberId, role: member.role, state: 'left' });
    if (member.role === 'interpreter') {
      const language = call.interpreter?.language;
      call.interpreter = undefined;
      if (language) this.agents.get(call.agentId)?.outbox.send({ type: 'interpreter.status', callId: call.callId, interpreterLanguage: language, state: 'left' });
    } else if (member.partyId === call.agentId) {
      // The colleague who joined holds the call now: its outcome, its handle time.
      const next = call.roster.all().find((m) => m.role === 'agent');
      if (next) call.agentId = next.partyId;
      this.persist((live) => live.saveCall(persistedCall(call)));
    }
    this.log.info('call member left', { callId: call.callId, role: member.role, reason });
    if (person?.callId === call.callId) {
      person.callId = undefined;
      person.outbox.send({ type: 'call.left', callId: call.callId, reason });
      this.setAgentState(person, 'available');
    }
  }

  // Interpreters: the owner invites one for a language; the longest-idle free interpreter of that
  // language is asked, then the next, until one accepts or none is left.

  inviteInterpreter(agentId: string, callId: string, language: InterpreterLanguage): void {
    const { call } = this.memberOf({ role: 'agent', id: agentId }, callId);
    if (call.agentId !== agentId) throw new ProtocolError('INVALID_STATE', 'Only the agent who holds the call can invite an interpreter.');
    if (call.interpreter) throw new ProtocolError('INVALID_STATE', 'This call already has an interpreter, or one is being asked.');
    call.interpreter = { language, tried: new Set() };
    this.offerToNextInterpreter(call);
  }

  removeInterpreter(agentId: string, callId: string): void {
    const { call } = this.memberOf({ role: 'agent', id: agentId }, callId);
    const seat = call.interpreter;
    if (!seat) throw new ProtocolError('INVALID_STATE', 'This call has no interpreter.');
    if (seat.interpreterId === undefined) {
      // Still being asked: the invitation is withdrawn.
      this.dropInterpreterInvite(call);
      this.agents.get(call.agentId)?.outbox.send({ type: 'interpreter.status', callId, interpreterLanguage: seat.language, state: 'left' });
      return;
    }
    const member = call.roster.find('interpreter', seat.interpreterId);
    if (member) this.removeMember(call, member, 'removed');
    this.dispatch();
  }

  acceptInterpreterOffer(interpreterId: string, offerId: string): void {
    const session = this.requireAgent(interpreterId);
    const call = this.interpreterCallFor(offerId, interpreterId);
    const seat = call.interpreter!;
    this.clearInterpreterOffer(call, session);
    seat.interpreterId = interpreterId;
    const member = call.roster.add('interpreter', interpreterId);
    session.callId = call.callId;
    this.sendToMembers(call, { type: 'call.member', callId: call.callId, memberId: member.memberId, role: 'interpreter', state: 'joined' }, member.memberId);
    this.sendCallStart(call, member, { interpreterLanguage: seat.language });
    this.agents.get(call.agentId)?.outbox.send({ type: 'interpreter.status', callId: call.callId, interpreterLanguage: seat.language, state: 'joined' });
    this.log.info('interpreter joined', { callId: call.callId, interpreterId, language: seat.language });
    this.setAgentState(session, 'in-call');
  }

  declineInterpreterOffer(interpreterId: string, offerId: string): void {
    const session = this.requireAgent(interpreterId);
    const call = this.interpreterCallFor(offerId, interpreterId);
    this.clearInterpreterOffer(call, session);
    this.setAgentState(session, 'available');
    this.offerToNextInterpreter(call);
  }

  private interpreterCallFor(offerId: string, interpreterId: string): Call {
    const call = this.calls.get(this.interpreterInvites.get(offerId) ?? '');
    if (!call || call.interpreter?.offer?.offerId !== offerId || call.interpreter.offer.interpreterId !== interpreterId) {
      throw new ProtocolError('NO_SUCH_OFFER');
    }
    return call;
  }

  private offerToNextInterpreter(call: Call): void {
    const seat = call.interpreter;
    if (!seat) return;
    const candidates = [...this.agents.values()]
      .filter((p) => p.role === 'interpreter' && p.state === 'available' && !p.offerId && !p.absent && !seat.tried.has(p.agent.id))
      .filter((p) => (p.agent.interpreterLanguages ?? []).includes(seat.language))
      .sort((a, b) => a.idleSince - b.idleSince);
    const chosen = candidates[0];
    const owner = this.agents.get(call.agentId);
    if (!chosen) {
      call.interpreter = undefined;
      owner?.outbox.send({ type: 'interpreter.status', callId: call.callId, interpreterLanguage: seat.language, state: 'unavailable' });
      return;
    }
    const offerId = randomId('offer');
    seat.tried.add(chosen.agent.id);
    const timer = this.clock.setTimeout(() => this.withdrawInterpreterOffer(offerId, 'expired'), this.offerTimeoutMs);
    seat.offer = { offerId, interpreterId: chosen.agent.id, timer };
    this.interpreterInvites.set(offerId, call.callId);
    chosen.offerId = offerId;
    chosen.outbox.send({ type: 'interpreter.offer', offerId, interpreterLanguage: seat.language, ticket: call.summary, expiresInMs: this.offerTimeoutMs });
    this.setAgentState(chosen, 'offered');
    owner?.outbox.send({ type: 'interpreter.status', callId: call.callId, interpreterLanguage: seat.language, state: 'inviting' });
    this.log.info('interpreter invited', { callId: call.callId, interpreterId: chosen.agent.id, language: seat.language });
  }

  private clearInterpreterOffer(call: Call, session: AgentSession | undefined): void {
    const offer = call.interpreter?.offer;
    if (!offer) return;
    this.clock.clearTimeout(offer.timer);
    this.interpreterInvites.delete(offer.offerId);
    if (call.interpreter) call.interpreter.offer = undefined;
    if (session?.offerId === offer.offerId) session.offerId = undefined;
  }

  /** Unanswered or the interpreter went away: the next one is asked. Without `reason` the interpreter is gone. */
  private withdrawInterpreterOffer(offerId: string, reason?: 'visitor-left' | 'expired'): void {
    const call = this.calls.get(this.interpreterInvites.get(offerId) ?? '');
    const interpreterId = call?.interpreter?.offer?.interpreterId;
    if (!call || interpreterId === undefined) {
      this.interpreterInvites.delete(offerId);
      return;
    }
    const session = this.agents.get(interpreterId);
    this.clearInterpreterOffer(call, session);
    if (session && reason) {
      session.outbox.send({ type: 'call.offer-withdrawn', offerId, reason });
      this.setAgentState(session, reason === 'expired' ? 'away' : 'available');
    }
    if (reason !== 'visitor-left') this.offerToNextInterpreter(call);
  }

  /** The call ended or the owner changed their mind: an unanswered invitation is taken back. */
  private dropInterpreterInvite(call: Call): void {
    const offerId = call.interpreter?.offer?.offerId;
    if (offerId) this.withdrawInterpreterOffer(offerId, 'visitor-left');
    if (call.interpreter?.interpreterId === undefined) call.interpreter = undefined;
  }

  /** A restored call's summary: the visit record has the routing facts; the triage answers were not kept. */
  private summaryAfterRestart(ticketId: string, kioskId: string): TicketSummary {
    const visit = this.store.getVisit(ticketId);
    return {
      ticketId,
      serviceLine: visit?.serviceLine ?? 'benefits',
      language: visit?.language ?? 'en',
      siteId: visit?.siteId ?? 'unknown',
      kioskId,
      waitedMs: 0,
    };
  }
  // ── site staff (site/siteDesk.ts) ────────────────────────────────────────
  // Staff see only their own site's kiosks and help requests; the desk holds that state and the
  // pushes. The switchboard tells it when something changed and what each kiosk is doing.

  /** Off until `useSiteStaff()`: a switchboard built bare (most unit tests) has no staff view. */
  private siteDesk: SiteDesk | undefined;

  /** Turns the staff view on (the server does, at start, with the config's sites and kiosks). */
  useSiteStaff(setup: Pick<SiteDeskOptions, 'sites' | 'kiosks' | 'outOfService'>): SiteDesk {
    this.siteDesk = new SiteDesk({
      clock: this.clock,
      logger: this.log.child('site'),
      kioskState: (kioskId) => this.siteKioskView(kioskId),
      deviceStatusOf: (kioskId) => this.deviceStatusOf(kioskId),
      ...setup,
    });
    return this.siteDesk;
  }

  /** The desk for staff messages; refuses when the server runs without a staff view. */
  site(): SiteDesk {
    if (!this.siteDesk) throw new ProtocolError('INVALID_STATE', 'The site staff view is not enabled on this server.');
    return this.siteDesk;
  }

  /** Administrators' kiosk commands (enrolment/kioskAdministration.ts); set by the server at start. */
  private kioskAdministration: KioskAdministration | undefined;

  useKioskAdministration(administration: KioskAdministration): void {
    this.kioskAdministration = administration;
  }

  /** The desk for `kiosk.revoke`, `kiosk.reinstate` and `enrolment.issue`; refuses when not set up. */
  administration(): KioskAdministration {
    if (!this.kioskAdministration) throw new ProtocolError('INVALID_STATE', 'Kiosk administration is not enabled on this server.');
    return this.kioskAdministration;
  }

  /**
   * Staff start a kiosk over (the handler checked it is at their site): its queue place or call
   * ends `reset-by-staff`, its open help request closes, and the kiosk wipes the visit. A kiosk that
   * is not connected has nothing to reset: it shows the welcome screen when it next connects.
   */
  resetKiosk(kioskId: string, staffId: string): void {
    const session = this.kiosks.get(kioskId);
    if (!session || session.absent) throw new ProtocolError('INVALID_STATE', 'kioskId: that kiosk is not connected now; it starts fresh when it connects.');
    if (session.ticketId) this.removeTicket(session, 'reset-by-staff');
    if (session.callId) this.finishCall(session.callId, 'reset-by-staff');
    this.log.info('kiosk reset by staff', { kioskId, siteId: session.kiosk.siteId, staffId });
    session.outbox.send({ type: 'kiosk.reset' });
    this.dispatch();
  }

  /** A staff member authenticated: welcome, then their site's snapshot. */
  attachStaff(staff: StaffConfig, outbox: Outbox, options: AttachOptions = {}): AttachResult {
    return this.site().attach(staff, outbox, options);
  }

  /** Called first by partyLost: staff and administrators hold no switchboard session. True when handled. */
  private staffLost(party: Party, outbox: Outbox): boolean {
    if (party.role === 'staff') this.siteDesk?.lost(party.id, outbox);
    return party.role === 'staff' || party.role === 'admin';
  }

  /** Something a site snapshot shows may have changed; the desk coalesces, throttles and compares. */
  private siteChanged(): void {
    this.siteDesk?.changed();
  }

  /** What a kiosk is doing, as its site's staff see it. */
  private siteKioskView(kioskId: string): KioskLiveView {
    const session = this.kiosks.get(kioskId);
    if (!session) return { connection: 'offline', activity: 'idle' };
    const connection = session.absent ? 'reconnecting' : 'online';
    if (session.callId) return { connection, activity: 'in-call' };
    const ticket = session.ticketId ? this.queue.get(session.ticketId) : undefined;
    if (!ticket) return { connection, activity: 'idle' };
    return { connection, activity: 'waiting', position: this.queue.position(ticket.ticketId), waitedMs: this.queue.waitedMs(ticket) };
  }
}

/** The sender's place in a call's roster; staff and administrators are never members. */
function memberIn(roster: CallRoster, from: Party): CallMember | undefined {
  const role = from.role;
  return role === 'kiosk' || role === 'agent' || role === 'interpreter' ? roster.find(role, from.id) : undefined;
}

function persistedCall(call: Call): PersistedCall {
  return { callId: call.callId, ticketId: call.ticketId, kioskId: call.kioskId, agentId: call.agentId };
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
