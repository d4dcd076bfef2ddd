import { assign, fromCallback, raise, sendTo, setup, type SnapshotFrom } from 'xstate';
import type { IceServer, Id, Language, ServiceLine } from '../../../protocol/index.js';
import {
  placeholderMediaActor,
  placeholderPeerActor,
  type PeerActorInput,
  type PeerEvent,
} from '../../shared/call/callActors.js';
import { setCameraEnabled, setMicrophoneEnabled, stopStream } from '../../shared/call/media.js';
import type { ServerDisconnectedEvent, ServerEvent } from '../../shared/net/serverEvents.js';
import type { SignalingCommand } from '../../shared/net/signalingActor.js';

/** Long enough to read one sentence, short enough that the next visitor does not wait. */
export const THANKS_DISPLAY_MS = 8_000;

/** What the thanks screen says: the visit ended well, or how it went wrong, in plain words. */
export type VisitEnding = 'call-ended' | 'left-queue' | 'connection-lost' | 'media-unavailable' | 'service-unavailable';

export interface KioskContext {
  /** null until the visitor chooses: a shared kiosk has no default language. */
  language: Language | null;
  serviceLine: ServiceLine | null;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  iceServers: IceServer[];
  ticketId: Id | null;
  /** 1 = next; null until the server first reports it. */
  position: number | null;
  waitedMs: number;
  callId: Id | null;
  initiator: boolean;
  peerConnected: boolean;
  micOn: boolean;
  cameraOn: boolean;
  ending: VisitEnding | null;
}

export const initialKioskContext: KioskContext = {
  language: null,
  serviceLine: null,
  localStream: null,
  remoteStream: null,
  iceServers: [],
  ticketId: null,
  position: null,
  waitedMs: 0,
  callId: null,
  initiator: true,
  peerConnected: false,
  micOn: true,
  cameraOn: true,
  ending: null,
};

export type KioskUserEvent =
  | { type: 'user.start' }
  | { type: 'user.chooseLanguage'; language: Language }
  | { type: 'user.changeLanguage'; language: Language }
  | { type: 'user.chooseService'; serviceLine: ServiceLine }
  | { type: 'user.back' }
  | { type: 'user.talkToAgent' }
  | { type: 'user.leaveQueue' }
  | { type: 'user.toggleMute' }
  | { type: 'user.toggleCamera' }
  | { type: 'user.endCall' }
  | { type: 'user.startOver' }
  | { type: 'user.done' };

/** Raised by the machine itself after a farewell message was handed to the connection. */
type VisitInternalEvent = { type: 'visit.restart' } | { type: 'visit.finish'; ending: VisitEnding };

export type KioskEvent = KioskUserEvent | VisitInternalEvent | ServerEvent | ServerDisconnectedEvent | PeerEvent;

const send = (message: SignalingCommand['message']): SignalingCommand => ({ type: 'signaling.send', message });

/**
 * The visit, from the bilingual welcome to the wipe. Side effects are named and provided by
 * the app (`kioskMachine.provide(...)`): the signaling connection, the camera, the peer,
 * the language switch and the bridge's end-of-visit wipe.
 *
 * Why connect only once the visitor asks for an agent: an idle kiosk then holds no socket and
 * no queue place, and each visit is one connection whose close is part of the wipe.
 */
export const kioskMachine = setup({
  types: {
    context: {} as KioskContext,
    events: {} as KioskEvent,
  },
  actors: {
    acquireMedia: placeholderMediaActor,
    /** Opens the connection (credentials come from the bridge) and relays `signaling.send` commands. */
    signaling: fromCallback<SignalingCommand>(() => {
      throw new Error('actor "signaling" must be provided');
    }),
    peer: placeholderPeerActor,
  },
  actions: {
    /** Switch strings and `<html lang>`; the app provides it. */
    applyLanguage: (_, _params: { language: Language | null }) => {},
    /** Ask the host (Electron main, or the browser stand-in) to wipe session storage. */
    endVisit: () => {},
    stopMedia: ({ context }) => {
      stopStream(context.localStream);
    },
    applyMicEnabled: ({ context }) => setMicrophoneEnabled(context.localStream, context.micOn),
    applyCameraEnabled: ({ context }) => setCameraEnabled(context.localStream, context.cameraOn),
    resetVisit: assign(() => ({ ...initialKioskContext })),
  },
  guards: {
    isCurrentCall: ({ context, event }) =>
      'message' in event && 'callId' in event.message && event.message.callId === context.callId,
    isOwnTicket: ({ context, event }) =>
      'message' in event && 'ticketId' in event.message && (context.ticketId === null || event.message.ticketId === context.ticketId),
  },
  delays: {
    thanksDisplay: THANKS_DISPLAY_MS,
  },
}).createMachine({
  id: 'kiosk',
  context: { ...initialKioskContext },
  initial: 'welcome',
  on: {
    'user.startOver': { target: '.welcome' },
    'visit.restart': { target: '.welcome' },
    'visit.finish': { target: '.thanks', actions: assign({ ending: ({ event }) => event.ending }) },
    'user.changeLanguage': {
      guard: ({ context }) => context.language !== null,
      actions: [
        assign({ language: ({ event }) => event.language }),
        { type: 'applyLanguage', params: ({ event }) => ({ language: event.language }) },
      ],
    },
  },
  states: {
    welcome: {
      // Every path back to the start passes here: whatever the last visit left is wiped.
      entry: ['stopMedia', 'resetVisit', 'endVisit', { type: 'applyLanguage', params: { language: null } }],
      on: { 'user.start': { target: 'language' } },
    },
    language: {
      on: {
        'user.chooseLanguage': {
          target: 'service',
          actions: [
            assign({ language: ({ event }) => event.language }),
            { type: 'applyLanguage', params: ({ event }) => ({ language: event.language }) },
          ],
        },
      },
    },
    service: {
      on: {
        'user.chooseService': { target: 'confirm', actions: assign({ serviceLine: ({ event }) => event.serviceLine }) },
        'user.back': { target: 'language' },
      },
    },
    confirm: {
      initial: 'asking',
      states: {
        asking: {
          on: {
            'user.talkToAgent': { target: 'preparing' },
            'user.back': { target: '#kiosk.service' },
          },
        },
        // The camera opens after the visitor agreed and before queueing, so the call never waits on it.
        preparing: {
          invoke: {
            src: 'acquireMedia',
            onDone: { target: '#kiosk.session', actions: assign({ localStream: ({ event }) => event.output }) },
            onError: { target: '#kiosk.thanks', actions: assign({ ending: 'media-unavailable' }) },
          },
        },
      },
    },
    session: {
      invoke: { id: 'signaling', src: 'signaling' },
      // The camera light goes off as soon as the visitor is done with the agent, not after the thanks screen.
      exit: ['stopMedia', assign({ localStream: null, remoteStream: null })],
      initial: 'connecting',
      on: {
        'server.disconnected': { target: 'thanks', actions: assign({ ending: 'connection-lost' }) },
      },
      states: {
        connecting: {
          on: {
            'server.welcome': {
              target: 'queued',
              actions: [
                assign({ iceServers: ({ event }) => event.message.iceServers }),
                // Both were chosen before the session could start (language → service → confirm).
                sendTo('signaling', ({ context }) =>
                  send({ type: 'queue.join', serviceLine: context.serviceLine as ServiceLine, language: context.language as Language }),
                ),
              ],
            },
            'server.error': { target: '#kiosk.thanks', actions: assign({ ending: 'service-unavailable' }) },
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
              }),
            },
            'server.queue.left': {
              guard: 'isOwnTicket',
              target: '#kiosk.thanks',
              actions: assign({ ending: 'left-queue' }),
            },
            'server.call.start': {
              target: 'call',
              actions: assign({
                callId: ({ event }) => event.message.callId,
                initiator: ({ event }) => event.message.initiator,
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
        call: {
          invoke: {
            id: 'peer',
            src: 'peer',
            input: ({ context }): PeerActorInput => ({
              initiator: context.initiator,
              // The session is only entered with a stream (see confirm.preparing).
              stream: context.localStream as MediaStream,
              iceServers: context.iceServers,
            }),
          },
          on: {
            'server.signal': {
              guard: 'isCurrentCall',
              actions: sendTo('peer', ({ event }) => ({ type: 'peer.deliver' as const, data: event.message.data })),
            },
            'peer.signal': {
              actions: sendTo('signaling', ({ context, event }) =>
                send({ type: 'signal', callId: context.callId ?? '', data: event.data }),
              ),
            },
            'peer.stream': { actions: assign({ remoteStream: ({ event }) => event.stream }) },
            'peer.connected': { actions: assign({ peerConnected: true }) },
            'peer.failed': {
              actions: [
                sendTo('signaling', ({ context }) => send({ type: 'call.end', callId: context.callId ?? '' })),
                raise({ type: 'visit.finish', ending: 'connection-lost' }),
              ],
            },
            'peer.closed': {
              actions: [
                sendTo('signaling', ({ context }) => send({ type: 'call.end', callId: context.callId ?? '' })),
                raise({ type: 'visit.finish', ending: 'call-ended' }),
              ],
            },
            'server.call.ended': {
              guard: 'isCurrentCall',
              target: '#kiosk.thanks',
              actions: assign({
                ending: ({ event }) => (event.message.reason === 'agent-connection-lost' ? 'connection-lost' : 'call-ended'),
              }),
            },
            'user.toggleMute': { actions: [assign({ micOn: ({ context }) => !context.micOn }), 'applyMicEnabled'] },
            'user.toggleCamera': { actions: [assign({ cameraOn: ({ context }) => !context.cameraOn }), 'applyCameraEnabled'] },
            'user.endCall': {
              actions: [
                sendTo('signaling', ({ context }) => send({ type: 'call.end', callId: context.callId ?? '' })),
                raise({ type: 'visit.finish', ending: 'call-ended' }),
              ],
            },
            'user.startOver': {
              actions: [
                sendTo('signaling', ({ context }) => send({ type: 'call.end', callId: context.callId ?? '' })),
                raise({ type: 'visit.restart' }),
              ],
            },
          },
        },
      },
    },
    thanks: {
      after: { thanksDisplay: { target: 'welcome' } },
      on: { 'user.done': { target: 'welcome' } },
    },
  },
});

export type KioskMachine = typeof kioskMachine;
export type KioskSnapshot = SnapshotFrom<KioskMachine>;
/** What screens may send: only the visitor's own actions. */
export type KioskSend = (event: KioskUserEvent) => void;
