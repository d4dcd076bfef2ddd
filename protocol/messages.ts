import { z } from 'zod';
import {
  EndReason,
  HelpStep,
  IceServer,
  IceTransportPolicy,
  Id,
  InterpreterLanguage,
  Language,
  PersonRole,
  Priority,
  Role,
  Rating,
  ServiceLine,
  TriageSummary,
} from './domain.js';
import { ERROR_MESSAGES, type ErrorCode } from './errors.js';
import {
  CallbackDetails,
  CallbackDone,
  CallbackOpen,
  CallbackRequest,
  CallbackRequested,
  CallbacksList,
  CallbacksPending,
} from './callbacks.js';
import { DeviceStatus, DeviceStatusRecorded } from './devices.js';
import { AwayReason, CallWrapUpWithNotes, ChatMessage, ChatSend, PresenceSetWithReason, ScreenPush, ScreenPushed } from './inCall.js';
import { OverviewLines, QueueOverview, SUPERVISOR_MAX_AGENTS } from './overview.js';
import { HelpAcknowledge, HelpResolve, KioskReset, KioskResetRequest, SiteSnapshot } from './staff.js';
import { EnrolmentIssue, EnrolmentIssued, KioskReinstate, KioskReinstated, KioskRevoke, KioskRevoked } from './admin.js';
import {
  CallColleagues,
  CallLeave,
  CallLeft,
  CallMember,
  CallPeers,
  CallTransfer,
  CallTransferCancel,
  CallTransferStatus,
  Handover,
  InterpreterAccept,
  InterpreterDecline,
  InterpreterInvite,
  InterpreterRemove,
  InterpreterStatus,
} from './callParty.js';

/** Secrets are high-entropy strings; bounds stop abuse, not guessing. */
const Secret = z.string().min(8).max(256);
/**
 * A WebRTC offer/answer/candidate: opaque to the server, relayed as is. Checked as a JSON object
 * without copying it: `z.record` would copy every payload on the hottest path (docs/performance.md).
 */
const OpaqueSignal = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  { message: 'a JSON object (an SDP or an ICE candidate)' },
);

// ── credentials ────────────────────────────────────────────────────────────
export const KioskCredentials = z.object({
  role: z.literal('kiosk'),
  kioskId: Id,
  token: Secret,
});
/**
 * Any person (agent, interpreter, site staff, administrator) signs in with a username and password.
 * The role must be the account's own: an agent's username sent with role `staff` is refused.
 */
export const PersonPasswordCredentials = z.object({
  role: PersonRole,
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
/** The `sessionToken` from that person's last `welcome`, instead of the password (a console reload). */
export const PersonSessionCredentials = z.object({
  role: PersonRole,
  sessionToken: Secret,
});
export const Credentials = z.union([
  KioskCredentials,
  PersonPasswordCredentials,
  PersonSessionCredentials,
]);
export type Credentials = z.infer<typeof Credentials>;

/** What an agent sees of a waiting visitor: no personal data, only routing facts. */
export const TicketSummary = z.object({
  ticketId: Id,
  serviceLine: ServiceLine,
  language: Language,
  siteId: Id,
  kioskId: Id,
  waitedMs: z.number().int().nonnegative(),
  /** What the visitor answered at the kiosk, when they went through triage. */
  triage: TriageSummary.optional(),
  /** The interpreter the visitor asked for: the agent invites one of this language. */
  interpreterLanguage: InterpreterLanguage.optional(),
});
export type TicketSummary = z.infer<typeof TicketSummary>;

/** Agent states as the server tracks them; `presence.set` only chooses between the first two. */
export const AgentState = z.enum(['available', 'away', 'offered', 'in-call', 'wrap-up']);
export type AgentState = z.infer<typeof AgentState>;

// ── client → server ─────────────────────────────────────────────────────────
/**
 * A reconnecting client asks for its previous session back: the token from its last `welcome`.
 * Without it (or when the grace period ran out) the server starts a fresh session.
 */
export const ResumeRequest = z.object({
  token: Secret,
  /** How many server messages the client had handled; informative, the server replays what it held. */
  lastSeq: z.number().int().nonnegative().optional(),
});
export type ResumeRequest = z.infer<typeof ResumeRequest>;

export const Hello = z.object({
  type: z.literal('hello'),
  protocol: z.number().int().positive(),
  credentials: Credentials,
  resume: ResumeRequest.optional(),
});
export const QueueJoin = z.object({
  type: z.literal('queue.join'),
  serviceLine: ServiceLine,
  language: Language,
  /** The triage answers, carried to the agent so the visitor is not asked again. */
  summary: TriageSummary.optional(),
  /** From the triage outcome; absent means normal. */
  priority: Priority.optional(),
  /** Only agents who can serve through this interpreter are offered the visitor. */
  interpreterLanguage: InterpreterLanguage.optional(),
});
export const QueueLeave = z.object({ type: z.literal('queue.leave') });
export const PresenceSet = PresenceSetWithReason;
export const CallAccept = z.object({ type: z.literal('call.accept'), offerId: Id });
export const CallDecline = z.object({ type: z.literal('call.decline'), offerId: Id });
export const SignalOut = z.object({
  type: z.literal('signal'),
  callId: Id,
  /** The member it is for (`call.start.peers`, `call.member`); may be left out while the call has two members. */
  to: Id.optional(),
  data: OpaqueSignal,
});
/**
 * While an agent's console rings for this kiosk's visitor (`call.ringing`): the kiosk's ready-made
 * WebRTC offer and ICE candidates, for that agent's console only, so it can prepare its answer
 * before the accept (docs/performance.md). The answer stays on the console until the accept, so
 * no media can flow before it. A ringing that ended meanwhile drops the signal without an error.
 */
export const RingSignalOut = z.object({ type: z.literal('ring.signal'), offerId: Id, data: OpaqueSignal });
/** A visitor touched "get help": someone from the partner office should come to the kiosk. */
export const HelpRequest = z.object({ type: z.literal('help.request'), step: HelpStep });
/** The visitor's answer to the one-question survey, about the visit that holds this ticket. */
export const VisitFeedback = z.object({ type: z.literal('visit.feedback'), ticketId: Id, rating: Rating });
export const CallEnd = z.object({
  type: z.literal('call.end'),
  callId: Id,
  /** Kiosks only: the recovery ladder gave up, so the visit ends `technical-failure` (docs/recovery.md). */
  reason: z.literal('technical-failure').optional(),
});
/** Sign-out of any person: the server revokes that person's session tokens and closes the socket (4410). */
export const SessionLogout = z.object({ type: z.literal('session.logout') });
export const CallWrapUp = CallWrapUpWithNotes;

export const ClientMessage = z.discriminatedUnion('type', [
  Hello,
  QueueJoin,
  QueueLeave,
  PresenceSet,
  CallAccept,
  CallDecline,
  SignalOut,
  RingSignalOut,
  CallEnd,
  CallWrapUp,
  HelpRequest,
  VisitFeedback,
  SessionLogout,
  ChatSend,
  ScreenPush,
  CallbackRequest,
  CallbacksList,
  CallbackOpen,
  CallbackDone,
  DeviceStatus,
  HelpAcknowledge,
  HelpResolve,
  KioskResetRequest,
  KioskRevoke,
  KioskReinstate,
  EnrolmentIssue,
  CallTransfer,
  CallTransferCancel,
  CallColleagues,
  CallLeave,
  InterpreterInvite,
  InterpreterRemove,
  InterpreterAccept,
  InterpreterDecline,
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageType = ClientMessage['type'];

/**
 * Who may send what, deny by default: a type missing here is refused for every role.
 * `hello` is the only message allowed before authentication and is handled apart.
 */
export const CLIENT_MESSAGE_ROLES: Record<Exclude<ClientMessageType, 'hello'>, readonly Role[]> = {
  'queue.join': ['kiosk'],
  'queue.leave': ['kiosk'],
  // Interpreters too: they say when they can take an invitation.
  'presence.set': ['agent', 'interpreter'],
  'call.accept': ['agent'],
  'call.decline': ['agent'],
  // Every member of a call links to every other (mesh media); membership is checked per call.
  signal: ['kiosk', 'agent', 'interpreter'],
  // Only to the agent whose console rings for this kiosk's own visitor (checked per offer).
  'ring.signal': ['kiosk'],
  'call.end': ['kiosk', 'agent'],
  'call.wrapup': ['agent'],
  'help.request': ['kiosk'],
  'visit.feedback': ['kiosk'],
  'session.logout': ['agent', 'interpreter', 'staff', 'admin'],
  'chat.send': ['kiosk', 'agent'],
  // Only the agent decides what the kiosk shows: a kiosk cannot push to anyone.
  'screen.push': ['agent'],
  // Only a kiosk with a visitor in the queue asks for a callback; only agents see and close them.
  'callback.request': ['kiosk'],
  'callbacks.list': ['agent'],
  'callback.open': ['agent'],
  'callback.done': ['agent'],
  // A kiosk reports its own camera, microphone and speaker; agents have nothing to report.
  'device.status': ['kiosk'],
  // Site staff answer help requests of their own site's kiosks (checked per kiosk: another site is FORBIDDEN).
  'help.acknowledge': ['staff'],
  'help.resolve': ['staff'],
  // Staff start a kiosk of their own site over (the desk checks the site).
  'kiosk.reset': ['staff'],
  // Only administrators cut kiosks off, let them back in, and issue enrolment codes (protocol/admin.ts).
  'kiosk.revoke': ['admin'],
  'kiosk.reinstate': ['admin'],
  'enrolment.issue': ['admin'],
  // Only the agent in a call brings in a colleague or an interpreter; a kiosk cannot transfer.
  'call.transfer': ['agent'],
  'call.transfer.cancel': ['agent'],
  'call.colleagues': ['agent'],
  'interpreter.invite': ['agent'],
  'interpreter.remove': ['agent'],
  'call.leave': ['agent', 'interpreter'],
  // Interpreters answer invitations only; they never accept visitors (`call.accept` is agents').
  'interpreter.accept': ['interpreter'],
  'interpreter.decline': ['interpreter'],
};

// ── server → client ─────────────────────────────────────────────────────────
export const Welcome = z.object({
  type: z.literal('welcome'),
  protocol: z.number().int().positive(),
  role: Role,
  clientId: Id,
  /** Kiosks and site staff: the site they belong to (staff see only that site). */
  siteId: Id.optional(),
  /** People only: reuse with `PersonSessionCredentials` instead of the password. */
  sessionToken: Secret.optional(),
  iceServers: z.array(IceServer).max(16),
  /** Absent means `all` (the browser default). */
  iceTransportPolicy: IceTransportPolicy.optional(),
  heartbeatIntervalMs: z.number().int().positive(),
  /** Send back in `hello.resume` after a dropped connection to keep the queue place or call. */
  resumeToken: Secret.optional(),
  /** True when this hello resumed the previous session: held messages follow, in order. */
  resumed: z.boolean().optional(),
  /** Kiosks only: this server takes callbacks (it has a field key). Absent = no: the kiosk offers none. */
  callbacks: z.boolean().optional(),
});
export const QueueStatus = z.object({
  type: z.literal('queue.status'),
  ticketId: Id,
  serviceLine: ServiceLine,
  language: Language,
  /** 1 = next to be offered. */
  position: z.number().int().positive(),
  waitedMs: z.number().int().nonnegative(),
  /** The honest estimate of the remaining wait (see docs/routing.md); absent when unknown. */
  estimatedWaitMs: z.number().int().nonnegative().optional(),
  /** The kiosk may offer a callback instead of waiting (the estimate is above the configured threshold). */
  callbackOffered: z.boolean().optional(),
});
export const QueueLeft = z.object({ type: z.literal('queue.left'), ticketId: Id, reason: EndReason });
export const PresenceStatus = z.object({ type: z.literal('presence.status'), state: AgentState });
export const CallOffer = z.object({
  type: z.literal('call.offer'),
  offerId: Id,
  ticket: TicketSummary,
  expiresInMs: z.number().int().positive(),
  /** A warm transfer from a colleague, still in the call with the visitor: their note comes along. */
  handover: Handover.optional(),
  /** Fresh ICE settings for the answer the console prepares while it rings (`ring.signal`). */
  iceServers: z.array(IceServer).max(16).optional(),
  iceTransportPolicy: IceTransportPolicy.optional(),
});
/** To an interpreter: an agent asks them to join a call (answer with interpreter.accept / decline). */
export const InterpreterOffer = z.object({
  type: z.literal('interpreter.offer'),
  offerId: Id,
  interpreterLanguage: InterpreterLanguage,
  ticket: TicketSummary,
  expiresInMs: z.number().int().positive(),
});
export const CallOfferWithdrawn = z.object({
  type: z.literal('call.offer-withdrawn'),
  offerId: Id,
  reason: z.enum(['visitor-left', 'expired']),
});
export const CallStart = z.object({
  type: z.literal('call.start'),
  callId: Id,
  /** This side's member id in the call: others address signals to it. */
  selfId: Id,
  /**
   * The members to link to, each with who writes the WebRTC offer: the kiosk towards the first
   * agent (its camera is already open), a joining member towards everyone already there.
   */
  peers: CallPeers,
  ticket: TicketSummary,
  /** Joining by warm transfer: the first agent's note. */
  handover: Handover.optional(),
  /** Joining as the interpreter for this language. */
  interpreterLanguage: InterpreterLanguage.optional(),
  /**
   * Fresh ICE settings for this call, replacing the ones from `welcome`: TURN credentials are
   * time-limited, and a kiosk may stay connected far longer than they last.
   */
  iceServers: z.array(IceServer).max(16).optional(),
  iceTransportPolicy: IceTransportPolicy.optional(),
});
/**
 * To the waiting kiosk: an agent is being offered this visitor now. The kiosk gets its side of the
 * call ready (its connection and WebRTC offer, with these fresh ICE settings) while the agent's
 * console rings, so the accept does not wait for it (docs/performance.md). Nothing about the agent.
 */
export const CallRinging = z.object({
  type: z.literal('call.ringing'),
  ticketId: Id,
  /** The ringing offer: the kiosk's `ring.signal` names it, so signals of an earlier ringing go nowhere. */
  offerId: Id,
  iceServers: z.array(IceServer).max(16).optional(),
  iceTransportPolicy: IceTransportPolicy.optional(),
});
export const SignalIn = z.object({ type: z.literal('signal'), callId: Id, from: Id, data: OpaqueSignal });
/** To the agent whose console rings: the visitor's kiosk's offer and candidates (see `RingSignalOut`). */
export const RingSignalIn = z.object({ type: z.literal('ring.signal'), offerId: Id, data: OpaqueSignal });
export const CallEnded = z.object({ type: z.literal('call.ended'), callId: Id, reason: EndReason });
/** The help request was recorded; the kiosk tells the visitor someone is coming. */
export const HelpRequested = z.object({ type: z.literal('help.requested'), step: HelpStep });
/** The other member of a call lost its connection (and may come back within the grace period), or came back. */
export const PeerStatus = z.object({
  type: z.literal('peer.status'),
  callId: Id,
  state: z.enum(['reconnecting', 'back']),
});
/** One agent as a supervisor sees it: the opaque id (never the username), state, and what they serve. */
export const AgentOverview = z.object({
  agentId: Id,
  state: AgentState,
  /** Only while away, when the agent gave one. */
  awayReason: AwayReason.optional(),
  serviceLines: z.array(ServiceLine).max(16),
  languages: z.array(Language).max(8),
  /** How long the agent has been in this state. */
  sinceMs: z.number().int().nonnegative(),
});
export type AgentOverview = z.infer<typeof AgentOverview>;
/** To supervisors only (config `supervisor: true`): every line, and every agent's state (protocol/overview.ts). */
export const SupervisorSnapshot = z.object({
  type: z.literal('supervisor.snapshot'),
  lines: OverviewLines,
  agents: z.array(AgentOverview).max(SUPERVISOR_MAX_AGENTS),
});
/** A colleague as the agent choosing one for a warm transfer sees them: a work name, never the username. */
export const Colleague = AgentOverview.pick({ agentId: true, state: true, serviceLines: true, languages: true }).extend({
  displayName: z.string().min(1).max(64),
});
export type Colleague = z.infer<typeof Colleague>;
/** Answers `call.colleagues`: the holder's signed-in colleagues, free ones first. */
export const CallColleaguesList = z.object({
  type: z.literal('call.colleagues.list'),
  callId: Id,
  colleagues: z.array(Colleague).max(SUPERVISOR_MAX_AGENTS),
});
/** After a resume: this many held messages were dropped (the hold buffer overflowed). */
export const ResumeGap = z.object({ type: z.literal('resume.gap'), dropped: z.number().int().positive() });
export const ErrorMessage = z.object({
  type: z.literal('error'),
  code: z.enum(Object.keys(ERROR_MESSAGES) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  /** The type of the message that caused it, when it could be read. */
  inReplyTo: z.string().max(64).optional(),
});

export const ServerMessage = z.discriminatedUnion('type', [
  Welcome,
  QueueStatus,
  QueueLeft,
  PresenceStatus,
  CallOffer,
  CallOfferWithdrawn,
  CallStart,
  CallRinging,
  SignalIn,
  RingSignalIn,
  CallEnded,
  HelpRequested,
  ChatMessage,
  ScreenPushed,
  PeerStatus,
  ResumeGap,
  CallbackRequested,
  CallbacksPending,
  CallbackDetails,
  QueueOverview,
  SupervisorSnapshot,
  DeviceStatusRecorded,
  SiteSnapshot,
  KioskReset,
  KioskRevoked,
  KioskReinstated,
  EnrolmentIssued,
  InterpreterOffer,
  CallMember,
  CallLeft,
  CallTransferStatus,
  CallColleaguesList,
  InterpreterStatus,
  ErrorMessage,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
export type ServerMessageType = ServerMessage['type'];

/** Pick one member of a union by its type: `MessageOf<ServerMessage, 'call.start'>`. */
export type MessageOf<U extends { type: string }, T extends U['type']> = Extract<U, { type: T }>;
