import { assign, enqueueActions, fromCallback, sendTo, setup, type SnapshotFrom } from 'xstate';
import type {
  CallPeer,
  CallbackOutcome,
  Colleague,
  Handover,
  InterpreterLanguage,
  ServiceLine,
  CallbackSummary,
  AgentState,
  AwayReason,
  ScreenContent,
  IceServer,
  IceTransportPolicy,
  Id,
  Language,
  LineOverview,
  MessageOf,
  Outcome,
  ServerMessage,
  TicketSummary,
} from '../../../protocol/index.js';
import {
  placeholderMediaActor,
  placeholderPeerActor,
  type CallQuality,
  type GuestTile,
  type PeerEvent,
} from '../../shared/call/callActors.js';
import { appendChatLine, type ChatLine } from '../../shared/call/chatLines.js';
import { deliverToPeer, endCall, freshIceSettings, memberChange, peerInputOf, relaySignal, signalingSend } from '../../shared/call/callWiring.js';
import { setCameraEnabled, setMicrophoneEnabled, stopStream } from '../../shared/call/media.js';
import type { ServerDisconnectedEvent, ServerEvent } from '../../shared/net/serverEvents.js';
import type { SignalingCommand } from '../../shared/net/signalingActor.js';

/** Who signs in to this console: an agent serves visitors; an interpreter joins agents' calls when asked. */
export const CONSOLE_ROLES = ['agent', 'interpreter'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

export interface AgentLogin {
  username: string;
  password: string;
  role: ConsoleRole;
}

/** Where a warm transfer this agent asked for stands (protocol/callParty.ts). */
export interface TransferView {
  state: MessageOf<ServerMessage, 'call.transfer.status'>['state'] | 'asking';
  reason?: MessageOf<ServerMessage, 'call.transfer.status'>['reason'];
}

/** Where an interpreter this agent asked for stands. */
export interface InterpreterView {
  language: InterpreterLanguage;
  state: MessageOf<ServerMessage, 'interpreter.status'>['state'];
}

/** Why the console is back on the sign-in form; keys of the `login.errors` strings. */
export type SignInProblem = 'AUTH_FAILED' | 'connection' | 'connectionLost' | 'other';

export type MediaStatus = 'idle' | 'preparing' | 'ready' | 'failed';

export interface AgentContext {
  /** The password lives here only until the server answers `hello`. */
  login: AgentLogin | null;
  /** Chosen at sign-in; an interpreter gets invitations, never visitors. */
  role: ConsoleRole;
  /** Kept in memory only, never in storage: a closed tab is a signed-out agent. */
  sessionToken: string | null;
  signInProblem: SignInProblem | null;
  iceServers: IceServer[];
  iceTransportPolicy: IceTransportPolicy | undefined;
  localStream: MediaStream | null;
  mediaStatus: MediaStatus;
  offer: MessageOf<ServerMessage, 'call.offer'> | MessageOf<ServerMessage, 'interpreter.offer'> | null;
  /** Set when the visitor stopped waiting before the agent answered. */
  offerWithdrawn: boolean;
  callId: Id | null;
  ticket: TicketSummary | null;
  peers: CallPeer[];
  remoteStream: MediaStream | null;
  /** Others in the call beside the visitor: a colleague joining by transfer, an interpreter. */
  guests: GuestTile[];
  /** The colleague's note when this call came by warm transfer. */
  handover: Handover | null;
  transfer: TransferView | null;
  /** Colleagues who could be named in a transfer, as last asked for; null until the panel asks. */
  colleagues: Colleague[] | null;
  interpreter: InterpreterView | null;
  /** Set while this console's person is the interpreter in the call. */
  interpretingFor: InterpreterLanguage | null;
  peerConnected: boolean;
  micOn: boolean;
  cameraOn: boolean;
  /** The call's chat; in memory only, cleared with the call. */
  chat: ChatLine[];
  /** The call's media dropped and is being recovered. */
  mediaRecovering: boolean;
  /** The agent chose voice only for their side. */
  audioOnly: boolean;
  /** The link as measured (loss, RTT, bitrate, frame rate); null before the first measure. */
  quality: CallQuality | null;
  /** The call ended while its media was lost: the wrap-up preselects technical failure. */
  endedByFailure: boolean;
  /** Why the agent stepped away, as they last chose it. */
  awayReason: AwayReason | null;
  /** Pending callbacks (features/callbacks), without numbers; refreshed by the panel. */
  callbacks: CallbackSummary[];
  /** The one callback this agent opened: its number, in memory only until marked done. */
  callbackOpen: { callbackId: Id; phone: string } | null;
  /** The server refused a callback message (callbacks off, or already done by someone else). */
  callbackProblem: boolean;
  /** The queues this agent serves, as last pushed (features/overview); null before the first push. */
  queueOverview: LineOverview[] | null;
  /** Every line and agent, pushed to supervisors only (features/supervisor); null for everyone else. */
  supervisorView: Omit<MessageOf<ServerMessage, 'supervisor.snapshot'>, 'type'> | null;
}

export const initialAgentContext: AgentContext = {
  login: null,
  role: 'agent',
  sessionToken: null,
  signInProblem: null,
  iceServers: [],
  iceTransportPolicy: undefined,
  localStream: null,
  mediaStatus: 'idle',
  offer: null,
  offerWithdrawn: false,
  callId: null,
  ticket: null,
  peers: [],
  remoteStream: null,
  guests: [],
  handover: null,
  transfer: null,
  colleagues: null,
  interpreter: null,
  interpretingFor: null,
  peerConnected: false,
  micOn: true,
  cameraOn: true,
  chat: [],
  mediaRecovering: false,
  audioOnly: false,
  quality: null,
  endedByFailure: false,
  awayReason: null,
  callbacks: [],
  callbackOpen: null,
  callbackProblem: false,
  queueOverview: null,
  supervisorView: null,
};

export type AgentUserEvent =
  | { type: 'user.signIn'; username: string; password: string; role?: ConsoleRole }
  | { type: 'user.signOut' }
  | { type: 'user.changeLanguage'; language: Language }
  | { type: 'user.goAvailable' }
  | { type: 'user.goAway'; reason?: AwayReason }
  | { type: 'user.accept' }
  | { type: 'user.decline' }
  | { type: 'user.toggleMute' }
  | { type: 'user.toggleCamera' }
  | { type: 'user.toggleAudioOnly' }
  | { type: 'user.endCall' }
  /** Warm transfer to a colleague on a service line (or the one named), with a note only they will read. */
  | { type: 'user.transfer'; serviceLine: ServiceLine; agentId?: Id; note?: string }
  /** Who could take this call by name (the transfer panel's list). */
  | { type: 'user.findColleagues' }
  | { type: 'user.cancelTransfer' }
  /** Leave a call that goes on: after the colleague joined, or as the interpreter. */
  | { type: 'user.leaveCall' }
  | { type: 'user.inviteInterpreter'; language: InterpreterLanguage }
  | { type: 'user.removeInterpreter' }
  | { type: 'user.sendChat'; text: string }
  | { type: 'user.pushToScreen'; content: ScreenContent }
  /** Notes are agent-only: stored with the visit, never shown to the kiosk. */
  | { type: 'user.chooseOutcome'; outcome: Outcome; notes?: string }
  | { type: 'user.refreshCallbacks' }
  | { type: 'user.openCallback'; callbackId: Id }
  | { type: 'user.callbackDone'; callbackId: Id; outcome: CallbackOutcome };

export type AgentEvent = AgentUserEvent | ServerEvent | ServerDisconnectedEvent | PeerEvent;

/** Input of the signaling actor: the console signs in with what the agent typed. */
export interface AgentSignalingInput {
  login: AgentLogin;
}

const send = signalingSend;

/** What `prepareAnswer` needs when the console rings: the open camera, and the offer's fresh ICE settings. */
function answerToPrepare(context: AgentContext, offer: MessageOf<ServerMessage, 'call.offer'>) {
  const args = { context, event: { message: offer } };
  return {
    // A transfer's kiosk is already in its call: it sends no ring signals, and the joining side writes the offer.
    stream: offer.handover ? null : context.localStream,
    iceServers: freshIceSettings.iceServers(args),
    iceTransportPolicy: freshIceSettings.iceTransportPolicy(args),
  };
}

const leaveCall = (context: Pick<AgentContext, 'callId'>) => send({ type: 'call.leave', callId: context.callId ?? '' });

/**
 * The agent's shift: sign in, open camera and microphone at once (so accepting a call is
 * instant), then away ⇄ available → offered → in call → wrap-up → available.
 * The server is the source of truth for presence; local transitions are optimistic and
 * `presence.status` corrects them.
 */
export const agentMachine = setup({
  types: {
    context: {} as AgentContext,
    events: {} as AgentEvent,
  },
  actors: {
    acquireMedia: placeholderMediaActor,
    signaling: fromCallback<SignalingCommand, AgentSignalingInput>(() => {
      throw new Error('actor "signaling" must be provided');
    }),
    peer: placeholderPeerActor,
  },
  actions: {
    clearCall: assign({
      offer: null,
      callId: null,
      ticket: null,
      peers: [],
      remoteStream: null,
      guests: [],
      handover: null,
      transfer: null,
      colleagues: null,
      interpreter: null,
      interpretingFor: null,
      peerConnected: false,
      micOn: true,
      cameraOn: true,
      chat: [],
      mediaRecovering: false,
      audioOnly: false,
      quality: null,
      endedByFailure: false,
    }),
    applyLanguage: (_, _params: { language: Language }) => {},
    /**
     * The console rings: make the answering side of the call ready (shared/call/peerWarmer.ts), fed
     * with the kiosk's ring signals. No stream (a transfer: the kiosk is in its call) prepares nothing.
     */
    prepareAnswer: (_, _params: { stream: MediaStream | null; iceServers: IceServer[]; iceTransportPolicy: IceTransportPolicy | undefined }) => {},
    feedRingSignal: (_, _params: { data: Record<string, unknown> }) => {},
    /** No offer rings any more: close what was made ready for it. */
    releasePreparedAnswer: () => {},
    stopMedia: ({ context }) => stopStream(context.localStream),
    applyMicEnabled: ({ context }) => setMicrophoneEnabled(context.localStream, context.micOn),
    applyCameraEnabled: ({ context }) => setCameraEnabled(context.localStream, context.cameraOn),
    /** Unmute and camera on for the next call: the agent should never start a call muted by accident. */
    resetTracks: ({ context }) => {
      setMicrophoneEnabled(context.localStream, true);
      setCameraEnabled(context.localStream, true);
    },
  },
  guards: {
    isCurrentCall: ({ context, event }) =>
      'message' in event && 'callId' in event.message && event.message.callId === context.callId,
    isCurrentOffer: ({ context, event }) =>
      'message' in event && 'offerId' in event.message && event.message.offerId === context.offer?.offerId,
    mediaReady: ({ context }) => context.mediaStatus === 'ready',
    isInterpreter: ({ context }) => context.role === 'interpreter',
  },
}).createMachine({
  id: 'agent',
  context: { ...initialAgentContext },
  initial: 'signedOut',
  on: {
    'user.changeLanguage': {
      actions: { type: 'applyLanguage', params: ({ event }) => ({ language: event.language }) },
    },
  },
  states: {
    signedOut: {
      // Nothing of the last session survives sign-out except the reason, which the form shows.
      entry: assign(({ context }) => ({ ...initialAgentContext, signInProblem: context.signInProblem })),
      on: {
        'user.signIn': {
          target: 'session',
          actions: assign({
            login: ({ event }) => ({ username: event.username, password: event.password, role: event.role ?? 'agent' }),
            role: ({ event }) => event.role ?? 'agent',
            signInProblem: null,
          }),
        },
      },
    },
    session: {
      invoke: {
        id: 'signaling',
        src: 'signaling',
        input: ({ context }): AgentSignalingInput => ({ login: context.login ?? { username: '', password: '', role: 'agent' } }),
      },
      exit: [
        'stopMedia',
        // Signing out revokes the session on the server; the message leaves before the socket closes.
        enqueueActions(({ event, enqueue }) => {
          if (event.type === 'user.signOut') enqueue.sendTo('signaling', send({ type: 'session.logout' }));
        }),
      ],
      on: {
        'server.disconnected': {
          target: 'signedOut',
          actions: assign({
            signInProblem: ({ context }) => (context.sessionToken === null ? 'connection' : 'connectionLost'),
          }),
        },
        'user.signOut': { target: 'signedOut' },
      },
      initial: 'authenticating',
      states: {
        authenticating: {
          on: {
            'server.welcome': {
              target: 'ready',
              actions: assign({
                login: null,
                sessionToken: ({ event }) => event.message.sessionToken ?? null,
                iceServers: ({ event }) => event.message.iceServers,
                iceTransportPolicy: ({ event }) => event.message.iceTransportPolicy,
              }),
            },
            'server.error': {
              target: '#agent.signedOut',
              actions: assign({
                signInProblem: ({ event }) => (event.message.code === 'AUTH_FAILED' ? 'AUTH_FAILED' : 'other'),
              }),
            },
          },
        },
        ready: {
          type: 'parallel',
          // Pushed by the server in every state: the panels show them between calls.
          on: {
            'server.queue.overview': { actions: assign({ queueOverview: ({ event }) => event.message.lines }) },
            'server.supervisor.snapshot': {
              actions: assign({ supervisorView: ({ event }) => ({ lines: event.message.lines, agents: event.message.agents }) }),
            },
          },
          states: {
            media: {
              initial: 'preparing',
              states: {
                preparing: {
                  entry: assign({ mediaStatus: 'preparing' }),
                  invoke: {
                    src: 'acquireMedia',
                    onDone: {
                      target: 'ready',
                      actions: assign({ localStream: ({ event }) => event.output, mediaStatus: 'ready' }),
                    },
                    onError: { target: 'failed', actions: assign({ mediaStatus: 'failed' }) },
                  },
                },
                ready: {},
                failed: {},
              },
            },
            work: {
              initial: 'away',
              exit: 'releasePreparedAnswer',
              on: {
                // The kiosk's offer and candidates while the console rings, and between the accept and
                // call.start; once the call took the prepared connection they change nothing (peerWarmer.ts).
                'server.ring.signal': { guard: 'isCurrentOffer', actions: { type: 'feedRingSignal', params: ({ event }) => ({ data: event.message.data }) } },
                // Callbacks (features/callbacks): the panel shows them between calls; the list may refresh any time.
                'user.refreshCallbacks': { actions: sendTo('signaling', send({ type: 'callbacks.list' })) },
                'user.openCallback': {
                  actions: sendTo('signaling', ({ event }) => send({ type: 'callback.open', callbackId: event.callbackId })),
                },
                'user.callbackDone': {
                  actions: [
                    assign({ callbackOpen: null }),
                    sendTo('signaling', ({ event }) =>
                      send({ type: 'callback.done', callbackId: event.callbackId, outcome: event.outcome }),
                    ),
                  ],
                },
                'server.callbacks.pending': {
                  actions: assign({ callbacks: ({ event }) => event.message.items, callbackProblem: false }),
                },
                'server.callback.details': {
                  actions: assign({
                    callbackOpen: ({ event }) => ({ callbackId: event.message.callbackId, phone: event.message.phone }),
                    callbackProblem: false,
                  }),
                },
                'server.error': [
                  // A callback a colleague closed first: say so and show the list as it is now.
                  {
                    guard: ({ event }) => event.message.inReplyTo === 'callback.open' || event.message.inReplyTo === 'callback.done',
                    actions: [assign({ callbackProblem: true }), sendTo('signaling', send({ type: 'callbacks.list' }))],
                  },
                  // Callbacks are off on this server: said once, no retry loop.
                  { guard: ({ event }) => event.message.inReplyTo === 'callbacks.list', actions: assign({ callbackProblem: true }) },
                ],
              },
              states: {
                away: {
                  on: {
                    'user.goAvailable': {
                      guard: 'mediaReady',
                      target: 'available',
                      actions: sendTo('signaling', send({ type: 'presence.set', status: 'available' })),
                    },
                    'server.presence.status': {
                      guard: ({ event }) => event.message.state === 'available',
                      target: 'available',
                    },
                  },
                },
                available: {
                  entry: 'releasePreparedAnswer',
                  on: {
                    'user.goAway': {
                      target: 'away',
                      actions: [
                        assign({ awayReason: ({ event }) => event.reason ?? null }),
                        sendTo('signaling', ({ event }) =>
                          send({ type: 'presence.set', status: 'away', ...(event.reason ? { reason: event.reason } : {}) }),
                        ),
                      ],
                    },
                    'server.presence.status': {
                      guard: ({ event }) => event.message.state === 'away',
                      target: 'away',
                    },
                    'server.call.offer': {
                      target: 'offered',
                      actions: [
                        assign({ offer: ({ event }) => event.message, offerWithdrawn: false }),
                        { type: 'prepareAnswer', params: ({ context, event }) => answerToPrepare(context, event.message) },
                      ],
                    },
                    'server.interpreter.offer': {
                      target: 'offered',
                      actions: assign({ offer: ({ event }) => event.message, offerWithdrawn: false }),
                    },
                  },
                },
                offered: {
                  on: {
                    'user.accept': {
                      target: 'accepting',
                      actions: sendTo('signaling', ({ context }) =>
                        send({
                          type: context.offer?.type === 'interpreter.offer' ? 'interpreter.accept' : 'call.accept',
                          offerId: context.offer?.offerId ?? '',
                        }),
                      ),
                    },
                    'user.decline': {
                      target: 'available',
                      actions: [
                        sendTo('signaling', ({ context }) =>
                          send({
                            type: context.offer?.type === 'interpreter.offer' ? 'interpreter.decline' : 'call.decline',
                            offerId: context.offer?.offerId ?? '',
                          }),
                        ),
                        'clearCall',
                      ],
                    },
                    'server.call.offer-withdrawn': {
                      guard: 'isCurrentOffer',
                      target: 'available',
                      actions: ['clearCall', assign({ offerWithdrawn: true })],
                    },
                  },
                },
                accepting: {
                  on: {
                    'server.call.start': {
                      target: 'call',
                      actions: assign({
                        callId: ({ event }) => event.message.callId,
                        ticket: ({ event }) => event.message.ticket,
                        peers: ({ event }) => event.message.peers,
                        handover: ({ event }) => event.message.handover ?? null,
                        interpretingFor: ({ event }) => event.message.interpreterLanguage ?? null,
                        offerWithdrawn: false,
                        ...freshIceSettings,
                      }),
                    },
                    'server.call.offer-withdrawn': {
                      guard: 'isCurrentOffer',
                      target: 'available',
                      actions: ['clearCall', assign({ offerWithdrawn: true })],
                    },
                    'server.error': {
                      guard: ({ event }) => event.message.inReplyTo === 'call.accept' || event.message.inReplyTo === 'interpreter.accept',
                      target: 'available',
                      actions: ['clearCall', assign({ offerWithdrawn: true })],
                    },
                  },
                },
                call: {
                  entry: 'resetTracks',
                  invoke: {
                    id: 'peer',
                    src: 'peer',
                    input: ({ context }) => peerInputOf(context, context.role),
                  },
                  on: {
                    'server.signal': {
                      guard: 'isCurrentCall',
                      actions: sendTo('peer', ({ event }) => deliverToPeer(event.message)),
                    },
                    'peer.signal': {
                      actions: sendTo('signaling', ({ context, event }) => relaySignal(context, event)),
                    },
                    'peer.stream': { actions: assign({ remoteStream: ({ event }) => event.stream }) },
                    'peer.guests': { actions: assign({ guests: ({ event }) => event.guests }) },
                    'server.call.member': { guard: 'isCurrentCall', actions: sendTo('peer', ({ event }) => memberChange(event.message)) },
                    // Warm transfer (features/transfer): ask, follow, cancel, then leave once the colleague is in.
                    'user.transfer': {
                      actions: [
                        assign({ transfer: { state: 'asking' } }),
                        sendTo('signaling', ({ context, event }) =>
                          send({
                            type: 'call.transfer',
                            callId: context.callId ?? '',
                            serviceLine: event.serviceLine,
                            ...(event.agentId ? { agentId: event.agentId } : {}),
                            ...(event.note?.trim() ? { handover: { note: event.note.trim() } } : {}),
                          }),
                        ),
                      ],
                    },
                    'user.findColleagues': {
                      actions: sendTo('signaling', ({ context }) => send({ type: 'call.colleagues', callId: context.callId ?? '' })),
                    },
                    'server.call.colleagues.list': {
                      guard: 'isCurrentCall',
                      actions: assign({ colleagues: ({ event }) => event.message.colleagues }),
                    },
                    'user.cancelTransfer': {
                      actions: sendTo('signaling', ({ context }) => send({ type: 'call.transfer.cancel', callId: context.callId ?? '' })),
                    },
                    'server.call.transfer.status': {
                      guard: 'isCurrentCall',
                      actions: assign({
                        transfer: ({ event }) => ({ state: event.message.state, ...(event.message.reason ? { reason: event.message.reason } : {}) }),
                      }),
                    },
                    'user.leaveCall': {
                      actions: sendTo('signaling', ({ context }) => send({ type: 'call.leave', callId: context.callId ?? '' })),
                    },
                    // Left a call that goes on (transferred, interpreter done or removed): free again, no wrap-up.
                    'server.call.left': { guard: 'isCurrentCall', target: 'available', actions: 'clearCall' },
                    'user.inviteInterpreter': {
                      actions: sendTo('signaling', ({ context, event }) =>
                        send({ type: 'interpreter.invite', callId: context.callId ?? '', interpreterLanguage: event.language }),
                      ),
                    },
                    'user.removeInterpreter': {
                      actions: sendTo('signaling', ({ context }) => send({ type: 'interpreter.remove', callId: context.callId ?? '' })),
                    },
                    'server.interpreter.status': {
                      guard: 'isCurrentCall',
                      actions: assign({ interpreter: ({ event }) => ({ language: event.message.interpreterLanguage, state: event.message.state }) }),
                    },
                    'server.error': {
                      // A refused transfer (nobody to pin, one already under way): the panel says so.
                      guard: ({ event }) => event.message.inReplyTo === 'call.transfer',
                      actions: assign({ transfer: { state: 'failed', reason: 'unavailable' } }),
                    },
                    'peer.connected': { actions: assign({ peerConnected: true }) },
                    'user.sendChat': {
                      actions: sendTo('signaling', ({ context, event }) =>
                        send({ type: 'chat.send', callId: context.callId ?? '', text: event.text }),
                      ),
                    },
                    'user.pushToScreen': {
                      actions: sendTo('signaling', ({ context, event }) =>
                        send({ type: 'screen.push', callId: context.callId ?? '', content: event.content }),
                      ),
                    },
                    'server.chat.message': {
                      guard: 'isCurrentCall',
                      actions: assign({ chat: ({ context, event }) => appendChatLine(context.chat, event.message) }),
                    },
                    'peer.recovering': { actions: assign({ mediaRecovering: true }) },
                    'peer.recovered': { actions: assign({ mediaRecovering: false }) },
                    'peer.quality': { actions: assign({ quality: ({ event }) => event.quality }) },
                    'user.toggleAudioOnly': {
                      actions: [
                        assign({ audioOnly: ({ context }) => !context.audioOnly }),
                        sendTo('peer', ({ context }) => ({ type: 'peer.audioOnly' as const, on: context.audioOnly })),
                      ],
                    },
                    // Media could not be recovered (the ladder gave up): a technical failure. An interpreter
                    // without the visitor's media leaves; the call is the agent's to end.
                    'peer.failed': [
                      { guard: 'isInterpreter', actions: sendTo('signaling', ({ context }) => leaveCall(context)) },
                      { target: 'wrapUp', actions: [assign({ endedByFailure: true }), sendTo('signaling', ({ context }) => endCall(context))] },
                    ],
                    'peer.closed': [
                      { guard: 'isInterpreter', actions: sendTo('signaling', ({ context }) => leaveCall(context)) },
                      { target: 'wrapUp', actions: sendTo('signaling', ({ context }) => endCall(context)) },
                    ],
                    'user.toggleMute': { actions: [assign({ micOn: ({ context }) => !context.micOn }), 'applyMicEnabled'] },
                    'user.toggleCamera': {
                      actions: [assign({ cameraOn: ({ context }) => !context.cameraOn }), 'applyCameraEnabled'],
                    },
                    'user.endCall': [
                      { guard: 'isInterpreter', actions: sendTo('signaling', ({ context }) => leaveCall(context)) },
                      { target: 'wrapUp', actions: sendTo('signaling', ({ context }) => endCall(context)) },
                    ],
                    // The kiosk gave up first: it says so, or its end arrives while our media is still being recovered.
                    'server.call.ended': {
                      guard: 'isCurrentCall',
                      target: 'wrapUp',
                      actions: assign({
                        endedByFailure: ({ context, event }) => event.message.reason === 'technical-failure' || context.mediaRecovering,
                      }),
                    },
                  },
                },
                wrapUp: {
                  // The chat ends with the call: nothing of it is kept for the wrap-up or after.
                  entry: ['resetTracks', assign({ remoteStream: null, peerConnected: false, chat: [], mediaRecovering: false, quality: null, audioOnly: false, guests: [] })],
                  on: {
                    // The call ended for someone who did not hold it (an interpreter, a colleague mid-transfer):
                    // the server frees them at once, with no outcome to record.
                    'server.presence.status': { guard: ({ event }) => event.message.state === 'available', target: 'available', actions: 'clearCall' },
                    'user.chooseOutcome': {
                      target: 'available',
                      actions: [
                        sendTo('signaling', ({ context, event }) =>
                          send({
                            type: 'call.wrapup',
                            callId: context.callId ?? '',
                            outcome: event.outcome,
                            ...(event.notes?.trim() ? { notes: event.notes.trim() } : {}),
                          }),
                        ),
                        'clearCall',
                      ],
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
});

export type AgentMachine = typeof agentMachine;
export type AgentSnapshot = SnapshotFrom<AgentMachine>;

/** The status shown to the agent (and to tests as `agent-state`), named like the server's AgentState. */
export type AgentStatus = AgentState | 'signed-out' | 'connecting';

export function agentStatusOf(snapshot: AgentSnapshot): AgentStatus {
  if (snapshot.matches('signedOut')) return 'signed-out';
  if (snapshot.matches({ session: 'authenticating' })) return 'connecting';
  const at = (state: 'available' | 'offered' | 'accepting' | 'call' | 'wrapUp') =>
    snapshot.matches({ session: { ready: { work: state } } });
  if (at('available')) return 'available';
  if (at('offered') || at('accepting')) return 'offered';
  if (at('call')) return 'in-call';
  if (at('wrapUp')) return 'wrap-up';
  return 'away';
}
