import { and, assign, cancel, fromCallback, fromPromise, not, raise, sendTo, setup, spawnChild, stateIn, stopChild, type SnapshotFrom } from 'xstate';
import type {
  CallPeer,
  HelpStep,
  InterpreterLanguage,
  IceServer,
  IceTransportPolicy,
  Id,
  Language,
  MessageOf,
  Rating,
  ScreenContent,
  ServerMessage,
  ServiceLine,
} from '../../../protocol/index.js';
import { appendChatLine, type ChatLine } from '../../shared/call/chatLines.js';
import {
  NotProvidedError,
  placeholderMediaActor,
  placeholderPeerActor,
  type CallQuality,
  type GuestTile,
  type PeerEvent,
} from '../../shared/call/callActors.js';
import { deliverToPeer, endCall, freshIceSettings, memberChange, peerInputOf, relaySignal, signalingSend } from '../../shared/call/callWiring.js';
import { setCameraEnabled, setMicrophoneEnabled, stopStream } from '../../shared/call/media.js';
import type { ServerDisconnectedEvent, ServerEvent, ServerReconnectingEvent, ServerResumedEvent } from '../../shared/net/serverEvents.js';
import type { SignalingCommand } from '../../shared/net/signalingActor.js';
import { defaultCatalogue, type TriageCatalogue } from '../triage/loadCatalogue.js';
import {
  appendDigit,
  CALLBACK_KEYPAD_IDLE_MS,
  phoneStatus,
  removeLastDigit,
  type KeypadDigit,
} from '../features/callback/phoneDigits.js';
import {
  offlineRetryDelay,
  PROBE_FAILURES_BEFORE_OFFLINE,
  PROBE_INTERVAL_MS,
  PROBE_TIMEOUT_MS,
} from '../features/offline/reachability.js';
import {
  answer,
  currentQuestion,
  isAgentOutcome,
  outcomeOf,
  stepBack,
  triageStart,
  triageSummary,
  type TriagePosition,
} from '../triage/triagePath.js';

/** Long enough to read one sentence, short enough that the next visitor does not wait. */
export const THANKS_DISPLAY_MS = 8_000;
/** Without a touch for this long, the kiosk asks whether the visitor is still there. */
export const IDLE_TIMEOUT_MS = 60_000;
/** The visible countdown before the wipe: long enough to walk back and touch the screen. */
export const IDLE_COUNTDOWN_MS = 20_000;
/** The survey is optional: unanswered, the kiosk moves on (counts as skipped). */
export const SURVEY_TIMEOUT_MS = 30_000;
/** After a failed call: time to read the two choices (callback, staff) before the kiosk wipes. */
export const FAILURE_CHOICE_TIMEOUT_MS = 60_000;

/** What the thanks screen says: the visit ended well, or how it went wrong, in plain words. */
export type VisitEnding =
  | 'call-ended'
  | 'informed'
  | 'left-queue'
  | 'connection-lost'
  /** The call's media could not be recovered (docs/recovery.md, "Media"): staff or a callback instead. */
  | 'technical-failure'
  | 'media-unavailable'
  | 'service-unavailable';

/** Asking the office's staff to come: the kiosk shows where that request stands. */
export type HelpStatus = 'none' | 'requesting' | 'requested' | 'failed';

export interface KioskContext {
  /** The triage questions and outcomes; injected (`createActor(machine, { input })`), bundled by default. */
  catalogue: TriageCatalogue;
  /** null until the visitor chooses: a shared kiosk has no default language. */
  language: Language | null;
  /** Asked for on the language screen; travels to the agent in the triage summary. */
  interpreter: boolean;
  /** The interpreter language the visitor chose, if any; sent with queue.join for routing. */
  interpreterLanguage: InterpreterLanguage | null;
  triage: TriagePosition;
  serviceLine: ServiceLine | null;
  /** The screen the visitor is on, as the server's help request names it. */
  step: HelpStep;
  help: HelpStatus;
  /** The idle countdown is on screen. */
  idleWarning: boolean;
  /** Our link to the server dropped and is being resumed: the place and the call are held. */
  reconnecting: boolean;
  /** The agent's link dropped (the server's `peer.status`); their video may freeze meanwhile. */
  agentReconnecting: boolean;
  /** Display choices from the accessibility bar: part of the visit, so the wipe resets them. */
  highContrast: boolean;
  largeText: boolean;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  /** Others in the call beside the agent: an interpreter, a colleague joining by transfer. */
  guests: GuestTile[];
  iceServers: IceServer[];
  iceTransportPolicy: IceTransportPolicy | undefined;
  ticketId: Id | null;
  /** 1 = next; null until the server first reports it. */
  position: number | null;
  waitedMs: number;
  /** The server's estimate of the remaining wait; null until it sends one. */
  estimatedWaitMs: number | null;
  callId: Id | null;
  /** The call's chat, both ways; in memory only and gone when the call ends. */
  chat: ChatLine[];
  /** What the agent last showed on this screen (a link, a QR code, instructions). */
  pushed: ScreenContent | null;
  /** From `call.start`: the members to link to. */
  peers: CallPeer[];
  peerConnected: boolean;
  micOn: boolean;
  cameraOn: boolean;
  /** The call's media dropped and is being recovered: the screen says "Reconnecting…". */
  mediaRecovering: boolean;
  /** The visitor chose voice only (video off both ways of ours; chat unaffected). */
  audioOnly: boolean;
  /** The link as measured; null until the first second of the call is measured. */
  quality: CallQuality | null;
  ending: VisitEnding | null;
  /** Callback instead of waiting (features/callback): the server offers it when the wait is long. */
  callbackOffered: boolean;
  /** The visitor chose "keep waiting": the offer stays hidden for this visit. */
  callbackDeclined: boolean;
  /** Typed on the keypad; in memory only, cleared when the keypad closes and by the wipe. */
  callbackDigits: string;
  callbackConsent: boolean;
  /** The server refused the request: the keypad says so and the place in line is kept. */
  callbackFailed: boolean;
  /** The keypad is for the visit whose call just failed (`callback.request` with its ticketId), not a queue place. */
  callbackAfterFailure: boolean;
  /** The server said in `welcome` that it takes callbacks; without that, no screen offers one. */
  callbacksAvailable: boolean;
  /** Reachability checks failed in a row on the welcome screen (features/offline); 0 once one succeeds. */
  probeFailures: number;
}

export const initialKioskContext: KioskContext = {
  catalogue: defaultCatalogue,
  language: null,
  interpreter: false,
  interpreterLanguage: null,
  triage: triageStart,
  serviceLine: null,
  step: 'welcome',
  help: 'none',
  idleWarning: false,
  reconnecting: false,
  agentReconnecting: false,
  highContrast: false,
  largeText: false,
  localStream: null,
  remoteStream: null,
  guests: [],
  iceServers: [],
  iceTransportPolicy: undefined,
  ticketId: null,
  position: null,
  waitedMs: 0,
  estimatedWaitMs: null,
  callId: null,
  chat: [],
  pushed: null,
  peers: [],
  peerConnected: false,
  micOn: true,
  cameraOn: true,
  mediaRecovering: false,
  audioOnly: false,
  quality: null,
  ending: null,
  callbackOffered: false,
  callbackDeclined: false,
  callbackDigits: '',
  callbackConsent: false,
  callbackFailed: false,
  callbackAfterFailure: false,
  callbacksAvailable: false,
  probeFailures: 0,
};

export interface KioskInput {
  catalogue?: TriageCatalogue;
}

export type KioskUserEvent =
  | { type: 'user.start' }
  | { type: 'user.chooseLanguage'; language: Language }
  | { type: 'user.changeLanguage'; language: Language }
  | { type: 'user.toggleInterpreter' }
  /** Which interpreter (optional): the visit then goes to an agent who works with one. */
  | { type: 'user.chooseInterpreterLanguage'; language: InterpreterLanguage }
  | { type: 'user.acceptPrivacy' }
  | { type: 'user.answer'; optionId: string }
  | { type: 'user.chooseAlternative'; outcomeId: string }
  | { type: 'user.continue' }
  | { type: 'user.finish' }
  | { type: 'user.back' }
  | { type: 'user.talkToAgent' }
  | { type: 'user.leaveQueue' }
  | { type: 'user.toggleMute' }
  | { type: 'user.toggleCamera' }
  | { type: 'user.toggleAudioOnly' }
  | { type: 'user.endCall' }
  | { type: 'user.sendChat'; text: string }
  | { type: 'user.dismissPushed' }
  | { type: 'user.rate'; rating: Rating }
  | { type: 'user.skipSurvey' }
  | { type: 'user.chooseCallback' }
  | { type: 'user.keepWaiting' }
  | { type: 'user.callbackDigit'; digit: KeypadDigit }
  | { type: 'user.callbackBackspace' }
  | { type: 'user.toggleCallbackConsent' }
  | { type: 'user.confirmCallback' }
  | { type: 'user.cancelCallback' }
  | { type: 'user.requestHelp' }
  | { type: 'user.toggleContrast' }
  | { type: 'user.toggleTextSize' }
  /** Any touch on the screen: it keeps the visit alive. */
  | { type: 'user.activity' }
  | { type: 'user.startOver' }
  | { type: 'user.done' };

/** Raised by the machine itself: after a farewell message was handed to the connection, or by the idle timers. */
type VisitInternalEvent =
  | { type: 'visit.restart' }
  | { type: 'visit.finish'; ending: VisitEnding }
  | { type: 'idle.warn' }
  | { type: 'idle.expire' };

/** From the connection made ready while an agent's console rings: each signal it writes, for that console (`ring.signal`). */
type RingSignalEvent = { type: 'call.ringSignal'; offerId: string; data: Record<string, unknown> };

/** The one-shot help request (outside a session) reports back as a done or error event of its actor. */
type HelpActorEvent = { type: 'xstate.done.actor.helpRequest' } | { type: 'xstate.error.actor.helpRequest' };

export type KioskEvent =
  | KioskUserEvent
  | VisitInternalEvent
  | HelpActorEvent
  | RingSignalEvent
  | ServerEvent
  | ServerDisconnectedEvent
  | ServerReconnectingEvent
  | ServerResumedEvent
  | PeerEvent;

const send = signalingSend;
const IDLE_TIMER_ID = 'idle';
/** (Re)starts the inactivity timer and hides the countdown. */
const ARM_IDLE = ['cancelIdleTimer', 'hideIdleWarning', 'scheduleIdleWarning'] as const;
/** While queued, in a call, or on screens with their own timer, idleness does nothing. */
const DISARM_IDLE = ['cancelIdleTimer', 'hideIdleWarning'] as const;

/** What `prepareCall` needs when an agent's console rings: the ringing offer, the open camera and this call's ICE settings. */
function callToPrepare(context: KioskContext, ringing: MessageOf<ServerMessage, 'call.ringing'>) {
  const args = { context, event: { message: ringing } };
  return {
    offerId: ringing.offerId,
    stream: context.localStream,
    iceServers: freshIceSettings.iceServers(args),
    iceTransportPolicy: freshIceSettings.iceTransportPolicy(args),
  };
}

/**
 * The visit, from the bilingual welcome to the wipe: language, privacy notice, triage
 * questions from the catalogue, the outcome, and for an agent outcome the video call and a
 * one-question survey. Side effects are named and provided by the app
 * (`kioskMachine.provide(...)`): the signaling connection, the help request, the camera,
 * the peer, the language switch and the bridge's end-of-visit wipe.
 *
 * Why connect only once the visitor asks for an agent: an idle kiosk then holds no socket and
 * no queue place, and each visit is one connection whose close is part of the wipe.
 */
export const kioskMachine = setup({
  types: {
    context: {} as KioskContext,
    events: {} as KioskEvent,
    input: {} as KioskInput,
  },
  actors: {
    acquireMedia: placeholderMediaActor,
    /** Opens the connection (credentials come from the bridge) and relays `signaling.send` commands. */
    signaling: fromCallback<SignalingCommand>(() => {
      throw new NotProvidedError('actor "signaling"');
    }),
    /** Outside a session: opens a short connection, sends `help.request`, resolves on `help.requested`. */
    requestHelp: fromPromise<void, { step: HelpStep }>(() => Promise.reject(new NotProvidedError('actor "requestHelp"'))),
    peer: placeholderPeerActor,
    /**
     * One reachability check of the server (features/offline/reachability.ts); rejects when
     * unreachable. Without one provided the service is taken as reachable, so a test that is
     * not about outages never sees the offline screen.
     */
    probeService: fromPromise<void>(() => Promise.resolve()),
  },
  actions: {
    /** Switch strings and `<html lang>`; the app provides it. */
    applyLanguage: (_, _params: { language: Language | null }) => {},
    /** Ask the host (Electron main, or the browser stand-in) to wipe session storage. */
    endVisit: () => {},
    /** An agent's console rings for this visitor: make the call's connection ready (shared/call/peerWarmer.ts). */
    prepareCall: (_, _params: { offerId: string; stream: MediaStream | null; iceServers: IceServer[]; iceTransportPolicy: IceTransportPolicy | undefined }) => {},
    /** The visit moved on: close a connection made ready for it. */
    releasePreparedCall: () => {},
    stopMedia: ({ context }) => {
      stopStream(context.localStream);
    },
    applyMicEnabled: ({ context }) => setMicrophoneEnabled(context.localStream, context.micOn),
    applyCameraEnabled: ({ context }) => setCameraEnabled(context.localStream, context.cameraOn),
    resetVisit: assign(({ context }) => ({ ...initialKioskContext, catalogue: context.catalogue })),
    /** One id for both idle timers: they never run at the same time (warning, then countdown). */
    cancelIdleTimer: cancel(IDLE_TIMER_ID),
    hideIdleWarning: assign({ idleWarning: false }),
    scheduleIdleWarning: raise({ type: 'idle.warn' }, { delay: 'idleTimeout', id: IDLE_TIMER_ID }),
  },
  guards: {
    isCurrentCall: ({ context, event }) =>
      'message' in event && 'callId' in event.message && event.message.callId === context.callId,
    isOwnTicket: ({ context, event }) =>
      'message' in event && 'ticketId' in event.message && (context.ticketId === null || event.message.ticketId === context.ticketId),
    /** Idleness never drops a visitor who waits for, or talks to, an agent. */
    idleApplies: and([not(stateIn('#kiosk.welcome')), not(stateIn('#kiosk.session')), not(stateIn('#kiosk.thanks'))]),
    serviceUnreachable: ({ context }) => context.probeFailures >= PROBE_FAILURES_BEFORE_OFFLINE,
    canAskForHelp: ({ context }) => context.help === 'none' || context.help === 'failed',
    inSession: stateIn('#kiosk.session'),
    callbackAfterFailure: ({ context }) => context.callbackAfterFailure,
  },
  delays: {
    thanksDisplay: THANKS_DISPLAY_MS,
    surveyTimeout: SURVEY_TIMEOUT_MS,
    failureChoiceTimeout: FAILURE_CHOICE_TIMEOUT_MS,
    idleTimeout: IDLE_TIMEOUT_MS,
    idleCountdown: IDLE_COUNTDOWN_MS,
    callbackKeypadIdle: CALLBACK_KEYPAD_IDLE_MS,
    probeInterval: PROBE_INTERVAL_MS,
    probeTimeout: PROBE_TIMEOUT_MS,
    offlineRetry: ({ context }) => offlineRetryDelay(context.probeFailures),
  },
}).createMachine({
  id: 'kiosk',
  context: ({ input }) => ({ ...initialKioskContext, catalogue: input?.catalogue ?? defaultCatalogue }),
  initial: 'welcome',
  on: {
    'user.startOver': { target: '.welcome' },
    'visit.restart': { target: '.welcome' },
    // The office's staff reset this kiosk (the server already ended its queue place or call): wipe and start over.
    'server.kiosk.reset': { target: '.welcome' },
    'visit.finish': { target: '.thanks', actions: assign({ ending: ({ event }) => event.ending }) },
    'user.changeLanguage': {
      guard: ({ context }) => context.language !== null,
      actions: [
        assign({ language: ({ event }) => event.language }),
        { type: 'applyLanguage', params: ({ event }) => ({ language: event.language }) },
      ],
    },
    'user.activity': { guard: 'idleApplies', actions: [...ARM_IDLE] },
    // A blip is said in plain words and changes nothing else: the server holds the place or call.
    'server.reconnecting': { actions: assign({ reconnecting: true }) },
    'server.resumed': { actions: assign({ reconnecting: false }) },
    'server.peer.status': { actions: assign({ agentReconnecting: ({ event }) => event.message.state === 'reconnecting' }) },
    // Available on every screen, the welcome included: someone may need them to read anything at all.
    'user.toggleContrast': { actions: assign({ highContrast: ({ context }) => !context.highContrast }) },
    'user.toggleTextSize': { actions: assign({ largeText: ({ context }) => !context.largeText }) },
    'idle.warn': {
      guard: 'idleApplies',
      actions: [assign({ idleWarning: true }), raise({ type: 'idle.expire' }, { delay: 'idleCountdown', id: IDLE_TIMER_ID })],
    },
    'idle.expire': { guard: 'idleApplies', target: '.welcome' },
    'user.requestHelp': [
      {
        guard: and(['canAskForHelp', 'inSession']),
        actions: [
          assign({ help: 'requesting' }),
          sendTo('signaling', ({ context }) => send({ type: 'help.request', step: context.step })),
        ],
      },
      {
        guard: 'canAskForHelp',
        actions: [
          assign({ help: 'requesting' }),
          spawnChild('requestHelp', { id: 'helpRequest', input: ({ context }) => ({ step: context.step }) }),
        ],
      },
    ],
    'server.help.requested': { actions: assign({ help: 'requested' }) },
    'xstate.done.actor.helpRequest': { actions: assign({ help: 'requested' }) },
    'xstate.error.actor.helpRequest': { actions: assign({ help: 'failed' }) },
  },
  states: {
    welcome: {
      // Every path back to the start passes here: whatever the last visit left is wiped.
      entry: [
        ...DISARM_IDLE,
        stopChild('helpRequest'),
        'stopMedia',
        'releasePreparedCall',
        'resetVisit',
        'endVisit',
        { type: 'applyLanguage', params: { language: null } },
      ],
      // Checked at once and every 30 s: a kiosk switched on before the server must not invite
      // visitors into a journey that ends in an error (features/offline).
      initial: 'online',
      states: {
        online: {
          on: { 'user.start': { target: '#kiosk.language' } },
          initial: 'checking',
          states: {
            checking: {
              invoke: { src: 'probeService', onDone: 'reachable', onError: 'failed' },
              after: { probeTimeout: 'failed' },
            },
            reachable: {
              entry: assign({ probeFailures: 0 }),
              after: { probeInterval: 'checking' },
            },
            failed: {
              entry: assign({ probeFailures: ({ context }) => context.probeFailures + 1 }),
              always: [{ guard: 'serviceUnreachable', target: '#kiosk.welcome.offline' }, { target: 'retrying' }],
            },
            // One failure may be a blip: ask again soon, before telling visitors anything.
            retrying: { after: { offlineRetry: 'checking' } },
          },
        },
        // Bilingual "we cannot reach the service": nothing on it needs the server. It keeps
        // trying, less often the longer the outage, and gives way to the welcome on success.
        offline: {
          initial: 'waiting',
          states: {
            waiting: { after: { offlineRetry: 'checking' } },
            checking: {
              invoke: { src: 'probeService', onDone: '#kiosk.welcome.online.reachable', onError: 'failed' },
              after: { probeTimeout: 'failed' },
            },
            failed: {
              entry: assign({ probeFailures: ({ context }) => context.probeFailures + 1 }),
              always: 'waiting',
            },
          },
        },
      },
    },
    language: {
      entry: [...ARM_IDLE, assign({ step: 'language' })],
      on: {
        'user.chooseLanguage': {
          target: 'privacy',
          actions: [
            assign({ language: ({ event }) => event.language }),
            { type: 'applyLanguage', params: ({ event }) => ({ language: event.language }) },
          ],
        },
        'user.toggleInterpreter': { actions: assign({ interpreter: ({ context }) => !context.interpreter, interpreterLanguage: null }) },
        'user.chooseInterpreterLanguage': {
          actions: assign({
            interpreter: true,
            // A second tap on the chosen language unchooses it.
            interpreterLanguage: ({ context, event }) => (context.interpreterLanguage === event.language ? null : event.language),
          }),
        },
        'user.back': { target: 'welcome' },
      },
    },
    // What is kept and what is not, and consent to video, before any question or camera.
    privacy: {
      entry: [...ARM_IDLE, assign({ step: 'privacy' })],
      on: {
        'user.acceptPrivacy': { target: 'triage' },
        'user.back': { target: 'language' },
      },
    },
    triage: {
      entry: [...ARM_IDLE, assign({ step: 'triage' })],
      on: {
        'user.answer': [
          {
            guard: ({ context, event }) => answer(context.catalogue, context.triage, event.optionId).outcomeId !== null,
            target: 'outcome',
            actions: assign({ triage: ({ context, event }) => answer(context.catalogue, context.triage, event.optionId) }),
          },
          { actions: assign({ triage: ({ context, event }) => answer(context.catalogue, context.triage, event.optionId) }) },
        ],
        'user.back': [
          { guard: ({ context }) => context.triage.path.length === 0, target: 'privacy' },
          { actions: assign({ triage: ({ context }) => stepBack(context.triage) }) },
        ],
      },
    },
    outcome: {
      entry: [...ARM_IDLE, assign({ step: 'outcome' })],
      on: {
        'user.chooseAlternative': {
          guard: ({ context, event }) =>
            context.catalogue.outcomes.has(event.outcomeId) &&
            (outcomeOf(context.catalogue, context.triage)?.alternatives.includes(event.outcomeId) ?? false),
          actions: assign({ triage: ({ context, event }) => ({ ...context.triage, outcomeId: event.outcomeId }) }),
        },
        'user.continue': {
          guard: ({ context }) => isAgentOutcome(outcomeOf(context.catalogue, context.triage)),
          target: 'confirm',
        },
        'user.finish': {
          guard: ({ context }) => !isAgentOutcome(outcomeOf(context.catalogue, context.triage)),
          target: 'thanks',
          actions: assign({ ending: 'informed' }),
        },
        'user.back': { target: 'triage', actions: assign({ triage: ({ context }) => stepBack(context.triage) }) },
      },
    },
    confirm: {
      entry: [
        ...ARM_IDLE,
        assign({
          step: 'confirm',
          serviceLine: ({ context }) => {
            const outcome = outcomeOf(context.catalogue, context.triage);
            return isAgentOutcome(outcome) ? outcome.serviceLine : null;
          },
        }),
      ],
      initial: 'asking',
      states: {
        asking: {
          on: {
            'user.talkToAgent': { target: 'preparing' },
            'user.back': { target: '#kiosk.outcome' },
          },
        },
        // The camera opens after the visitor agreed and before queueing, so the call never waits on it.
        preparing: {
          entry: [...DISARM_IDLE],
          invoke: {
            src: 'acquireMedia',
            onDone: { target: '#kiosk.session', actions: assign({ localStream: ({ event }) => event.output }) },
            onError: { target: '#kiosk.thanks', actions: assign({ ending: 'media-unavailable' }) },
          },
        },
      },
    },
    session: {
      entry: [...DISARM_IDLE, assign({ step: 'waiting' })],
      invoke: { id: 'signaling', src: 'signaling' },
      // The camera light goes off as soon as the visitor is done with the agent, not after the thanks screen.
      exit: ['stopMedia', assign({ localStream: null, remoteStream: null })],
      initial: 'connecting',
      on: {
        'server.disconnected': { target: 'thanks', actions: assign({ ending: 'connection-lost' }) },
        'call.ringSignal': { actions: sendTo('signaling', ({ event }) => send({ type: 'ring.signal', offerId: event.offerId, data: event.data })) },
      },
      states: {
        connecting: {
          on: {
            'server.welcome': {
              target: 'queued',
              actions: [
                assign({
                  iceServers: ({ event }) => event.message.iceServers,
                  iceTransportPolicy: ({ event }) => event.message.iceTransportPolicy,
                  callbacksAvailable: ({ event }) => event.message.callbacks === true,
                }),
                // Language and outcome were chosen before the session could start (language → triage → confirm).
                sendTo('signaling', ({ context }) => {
                  const language = context.language as Language;
                  const summary = triageSummary(context.catalogue, context.triage, { language, interpreter: context.interpreter });
                  const outcome = outcomeOf(context.catalogue, context.triage);
                  return send({
                    type: 'queue.join',
                    serviceLine: context.serviceLine as ServiceLine,
                    language,
                    ...(summary ? { summary } : {}),
                    // The catalogue says how urgent the visitor's need is; routing serves urgent first (docs/routing.md).
                    ...(isAgentOutcome(outcome) ? { priority: outcome.priority } : {}),
                    ...(context.interpreter && context.interpreterLanguage ? { interpreterLanguage: context.interpreterLanguage } : {}),
                  });
                }),
              ],
            },
            'server.error': { target: '#kiosk.thanks', actions: assign({ ending: 'service-unavailable' }) },
            // Never connected (the server went down during triage): the service is unavailable, not a call lost.
            'server.disconnected': { target: '#kiosk.thanks', actions: assign({ ending: 'service-unavailable' }) },
          },
        },
        queued: {
          on: {
            'server.queue.status': {
              guard: 'isOwnTicket',
              actions: assign({
                ticketId: ({ event }) => event.message.ticketId,
                position: ({ event }) => event.message.position,
                waitedMs: ({ event }) => event.message.waitedMs,
                estimatedWaitMs: ({ event }) => event.message.estimatedWaitMs ?? null,
                callbackOffered: ({ event }) => event.message.callbackOffered === true,
              }),
            },
            'server.call.ringing': { guard: 'isOwnTicket', actions: { type: 'prepareCall', params: ({ context, event }) => callToPrepare(context, event.message) } },
            'user.chooseCallback': { guard: ({ context }) => context.callbackOffered, target: 'callback' },
            'user.keepWaiting': { actions: assign({ callbackDeclined: true }) },
            'server.queue.left': {
              guard: 'isOwnTicket',
              target: '#kiosk.thanks',
              actions: assign({ ending: 'left-queue' }),
            },
            'server.call.start': {
              target: 'call',
              actions: assign({
                callId: ({ event }) => event.message.callId,
                ticketId: ({ event }) => event.message.ticket.ticketId,
                peers: ({ event }) => event.message.peers,
                ...freshIceSettings,
              }),
            },
            'server.error': {
              // Errors about our own queue request end the wait; others (a stray signal) do not.
              guard: ({ event }) => event.message.inReplyTo === 'queue.join',
              target: '#kiosk.thanks',
              actions: assign({ ending: 'service-unavailable' }),
            },
            'user.leaveQueue': {
              actions: [sendTo('signaling', send({ type: 'queue.leave' })), raise({ type: 'visit.finish', ending: 'left-queue' })],
            },
            'user.startOver': {
              actions: [sendTo('signaling', send({ type: 'queue.leave' })), raise({ type: 'visit.restart' })],
            },
          },
        },
        // A phone number on a keypad instead of waiting. The place in line is kept until the server
        // confirms the callback; an agent who answers meanwhile still gets the visitor.
        callback: {
          exit: assign({ callbackDigits: '', callbackConsent: false }),
          initial: 'entering',
          on: {
            'server.queue.status': {
              guard: 'isOwnTicket',
              actions: assign({
                position: ({ event }) => event.message.position,
                waitedMs: ({ event }) => event.message.waitedMs,
                estimatedWaitMs: ({ event }) => event.message.estimatedWaitMs ?? null,
                callbackOffered: ({ event }) => event.message.callbackOffered === true,
              }),
            },
            'server.call.start': {
              target: 'call',
              actions: assign({
                callId: ({ event }) => event.message.callId,
                ticketId: ({ event }) => event.message.ticket.ticketId,
                peers: ({ event }) => event.message.peers,
                ...freshIceSettings,
              }),
            },
            // The place is kept while the number is typed: an agent who answers meanwhile still gets the visitor.
            'server.call.ringing': { guard: 'isOwnTicket', actions: { type: 'prepareCall', params: ({ context, event }) => callToPrepare(context, event.message) } },
          },
          states: {
            entering: {
              // A number half typed on a shared screen must not wait there for the next person.
              after: {
                callbackKeypadIdle: [{ guard: 'callbackAfterFailure', target: '#kiosk.session.failed' }, { target: '#kiosk.session.queued' }],
              },
              on: {
                'user.callbackDigit': {
                  reenter: true,
                  target: 'entering',
                  actions: assign({ callbackDigits: ({ context, event }) => appendDigit(context.callbackDigits, event.digit) }),
                },
                'user.callbackBackspace': {
                  reenter: true,
                  target: 'entering',
                  actions: assign({ callbackDigits: ({ context }) => removeLastDigit(context.callbackDigits) }),
                },
                'user.toggleCallbackConsent': {
                  reenter: true,
                  target: 'entering',
                  actions: assign({ callbackConsent: ({ context }) => !context.callbackConsent }),
                },
                'user.confirmCallback': {
                  guard: ({ context }) => context.callbackConsent && phoneStatus(context.callbackDigits).ok,
                  target: 'sending',
                  actions: [
                    assign({ callbackFailed: false }),
                    sendTo('signaling', ({ context }) => {
                      const status = phoneStatus(context.callbackDigits);
                      return send({
                        type: 'callback.request',
                        phone: status.ok ? status.digits : '',
                        consent: true,
                        language: context.language ?? 'en',
                        // After a failed call there is no queue place: the request names the visit instead.
                        ...(context.callbackAfterFailure && context.ticketId ? { ticketId: context.ticketId } : {}),
                      });
                    }),
                  ],
                },
                'user.cancelCallback': [
                  { guard: 'callbackAfterFailure', target: '#kiosk.session.failed' },
                  { target: '#kiosk.session.queued' },
                ],
                'user.leaveQueue': [
                  { guard: 'callbackAfterFailure', actions: raise({ type: 'visit.finish', ending: 'technical-failure' }) },
                  {
                    actions: [sendTo('signaling', send({ type: 'queue.leave' })), raise({ type: 'visit.finish', ending: 'left-queue' })],
                  },
                ],
                'user.startOver': [
                  { guard: 'callbackAfterFailure', actions: raise({ type: 'visit.restart' }) },
                  { actions: [sendTo('signaling', send({ type: 'queue.leave' })), raise({ type: 'visit.restart' })] },
                ],
              },
            },
            sending: {
              on: {
                'server.callback.requested': { target: 'confirmed' },
                'server.error': {
                  guard: ({ event }) => event.message.inReplyTo === 'callback.request',
                  target: 'entering',
                  actions: assign({ callbackFailed: true }),
                },
                // The queue place ends with the request (reason callback-requested): not a visitor leaving.
                'server.queue.left': {},
              },
            },
            // The thank-you: when to expect the call. The camera goes off now; then the normal wipe.
            confirmed: {
              // The number is with the server now: it need not stay on the kiosk until the wipe.
              entry: ['stopMedia', assign({ localStream: null, callbackDigits: '', callbackConsent: false })],
              after: { thanksDisplay: { target: '#kiosk.welcome' } },
              on: {
                'user.done': { target: '#kiosk.welcome' },
                // The request is stored: a dropped link now changes nothing for the visitor.
                'server.disconnected': {},
                'user.startOver': { target: '#kiosk.welcome' },
              },
            },
          },
        },
        call: {
          entry: assign({ step: 'call' }),
          // The chat, anything the agent showed and the link's state belong to this call only.
          exit: assign({ chat: [], pushed: null, mediaRecovering: false, audioOnly: false, quality: null, guests: [] }),
          invoke: {
            id: 'peer',
            src: 'peer',
            input: ({ context }) => peerInputOf(context, 'kiosk'),
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
            // A colleague or an interpreter joins or leaves; the visitor stays in the same call.
            'server.call.member': { guard: 'isCurrentCall', actions: sendTo('peer', ({ event }) => memberChange(event.message)) },
            'peer.connected': { actions: assign({ peerConnected: true }) },
            'user.sendChat': {
              actions: sendTo('signaling', ({ context, event }) =>
                send({ type: 'chat.send', callId: context.callId ?? '', text: event.text }),
              ),
            },
            'server.chat.message': {
              guard: 'isCurrentCall',
              actions: assign({ chat: ({ context, event }) => appendChatLine(context.chat, event.message) }),
            },
            'server.screen.pushed': {
              guard: 'isCurrentCall',
              actions: assign({ pushed: ({ event }) => event.message.content }),
            },
            'user.dismissPushed': { actions: assign({ pushed: null }) },
            'peer.recovering': { actions: assign({ mediaRecovering: true }) },
            'peer.recovered': { actions: assign({ mediaRecovering: false }) },
            'peer.quality': { actions: assign({ quality: ({ event }) => event.quality }) },
            'user.toggleAudioOnly': {
              actions: [
                assign({ audioOnly: ({ context }) => !context.audioOnly }),
                sendTo('peer', ({ context }) => ({ type: 'peer.audioOnly' as const, on: context.audioOnly })),
              ],
            },
            // The recovery ladder gave up (three attempts): the visit is recorded `technical-failure`
            // and the visitor chooses a callback or the office's staff (session.failed).
            'peer.failed': {
              target: 'failed',
              actions: [
                sendTo('signaling', ({ context }) => send({ type: 'call.end', callId: context.callId ?? '', reason: 'technical-failure' })),
                assign({ ending: 'technical-failure' }),
              ],
            },
            'peer.closed': {
              target: 'survey',
              actions: sendTo('signaling', ({ context }) => endCall(context)),
            },
            'server.call.ended': [
              {
                guard: ({ context, event }) => event.message.callId === context.callId && event.message.reason === 'agent-connection-lost',
                target: '#kiosk.thanks',
                actions: assign({ ending: 'connection-lost' }),
              },
              { guard: 'isCurrentCall', target: 'survey' },
            ],
            'user.toggleMute': { actions: [assign({ micOn: ({ context }) => !context.micOn }), 'applyMicEnabled'] },
            'user.toggleCamera': { actions: [assign({ cameraOn: ({ context }) => !context.cameraOn }), 'applyCameraEnabled'] },
            'user.endCall': {
              target: 'survey',
              actions: sendTo('signaling', ({ context }) => endCall(context)),
            },
            'user.startOver': {
              actions: [
                sendTo('signaling', ({ context }) => endCall(context)),
                raise({ type: 'visit.restart' }),
              ],
            },
          },
        },
        // The call could not be recovered. Still connected, so a callback can name this visit
        // (callback.request with ticketId, within the server's window); staff help works as anywhere.
        failed: {
          entry: ['stopMedia', assign({ step: 'thanks', localStream: null, remoteStream: null, peerConnected: false, callbackAfterFailure: false })],
          after: { failureChoiceTimeout: { target: '#kiosk.welcome' } },
          on: {
            'user.chooseCallback': {
              guard: ({ context }) => context.callbacksAvailable,
              target: 'callback',
              actions: assign({ callbackAfterFailure: true, callbackFailed: false }),
            },
            'user.done': { target: '#kiosk.welcome' },
            // Without the link a callback cannot be asked for: the plain end screen (staff help) remains.
            'server.disconnected': { target: '#kiosk.thanks', actions: assign({ ending: 'technical-failure' }) },
          },
        },
        // Still connected, so the rating reaches the visit record; the camera is already off.
        survey: {
          entry: ['stopMedia', assign({ step: 'survey', localStream: null, remoteStream: null, peerConnected: false })],
          after: { surveyTimeout: { target: '#kiosk.thanks', actions: assign({ ending: 'call-ended' }) } },
          on: {
            'user.rate': {
              actions: [
                sendTo('signaling', ({ context, event }) =>
                  send({ type: 'visit.feedback', ticketId: context.ticketId ?? '', rating: event.rating }),
                ),
                raise({ type: 'visit.finish', ending: 'call-ended' }),
              ],
            },
            'user.skipSurvey': { target: '#kiosk.thanks', actions: assign({ ending: 'call-ended' }) },
            // The call is over: a dropped connection now costs only the rating.
            'server.disconnected': { target: '#kiosk.thanks', actions: assign({ ending: 'call-ended' }) },
          },
        },
      },
    },
    thanks: {
      entry: [...DISARM_IDLE, assign({ step: 'thanks' })],
      after: { thanksDisplay: { target: 'welcome' } },
      on: { 'user.done': { target: 'welcome' } },
    },
  },
});

export type KioskMachine = typeof kioskMachine;
export type KioskSnapshot = SnapshotFrom<KioskMachine>;
/** What screens may send: only the visitor's own actions. */
export type KioskSend = (event: KioskUserEvent) => void;

/** The question on screen during triage, for the app. */
export const questionOnScreen = (context: KioskContext) => currentQuestion(context.catalogue, context.triage);
export const outcomeOnScreen = (context: KioskContext) => outcomeOf(context.catalogue, context.triage);
