import { assign, enqueueActions, fromCallback, sendTo, setup, type SnapshotFrom } from 'xstate';
import type { ClientMessage, Id, Language, SiteSnapshot } from '../../../protocol/index.js';
import type { ServerDisconnectedEvent, ServerEvent, ServerReconnectingEvent, ServerResumedEvent } from '../../shared/net/serverEvents.js';
import type { SignalingCommand } from '../../shared/net/signalingActor.js';

export interface StaffLogin {
  username: string;
  password: string;
}

/** Why the console is back on the sign-in form; keys of the `staffLogin.errors` strings. */
export type StaffSignInProblem = 'AUTH_FAILED' | 'connection' | 'connectionLost' | 'other';

/** Why the last tap on a help request did not go through; keys of the `help.problems` strings. */
export type HelpProblem = 'gone' | 'other';

export interface StaffContext {
  /** The password lives here only until the server answers `hello`. */
  login: StaffLogin | null;
  signInProblem: StaffSignInProblem | null;
  /** This staff member's opaque id (welcome.clientId): "you" on an acknowledged request. */
  staffId: Id | null;
  /** The site as the server last pushed it; null before the first push. */
  site: SiteSnapshot | null;
  /** The connection dropped and is being retried: the last view stays, marked as not current. */
  reconnecting: boolean;
  helpProblem: HelpProblem | null;
}

export const initialStaffContext: StaffContext = {
  login: null,
  signInProblem: null,
  staffId: null,
  site: null,
  reconnecting: false,
  helpProblem: null,
};

export type StaffUserEvent =
  | { type: 'user.signIn'; username: string; password: string }
  | { type: 'user.signOut' }
  | { type: 'user.changeLanguage'; language: Language }
  /** "I'm coming" to the visitor at that kiosk. */
  | { type: 'user.acknowledgeHelp'; kioskId: Id; helpId: Id }
  /** The visitor was helped: the request leaves every console of the site. */
  | { type: 'user.resolveHelp'; kioskId: Id; helpId: Id }
  /** Start a kiosk of this site over: its visit ends and the screen is wiped. */
  | { type: 'user.resetKiosk'; kioskId: Id };

export type StaffEvent = StaffUserEvent | ServerEvent | ServerDisconnectedEvent | ServerReconnectingEvent | ServerResumedEvent;

/** Input of the signaling actor: the console signs in with what the staff member typed. */
export interface StaffSignalingInput {
  login: StaffLogin;
}

/** The staff console has no call: it does not load the call core only for this one-liner. */
const send = (message: ClientMessage): SignalingCommand => ({ type: 'signaling.send', message });

/**
 * The site staff console: sign in, then watch the site's kiosks and answer help requests until
 * sign-out. Everything shown comes from `site.snapshot`; a tap sends one message and the server's
 * next snapshot shows the result (no optimistic state to get wrong).
 */
export const staffMachine = setup({
  types: {
    context: {} as StaffContext,
    events: {} as StaffEvent,
  },
  actors: {
    signaling: fromCallback<SignalingCommand, StaffSignalingInput>(() => {
      throw new Error('actor "signaling" must be provided');
    }),
  },
  actions: {
    applyLanguage: (_, _params: { language: Language }) => {},
  },
}).createMachine({
  id: 'staff',
  context: { ...initialStaffContext },
  initial: 'signedOut',
  on: {
    'user.changeLanguage': {
      actions: { type: 'applyLanguage', params: ({ event }) => ({ language: event.language }) },
    },
  },
  states: {
    signedOut: {
      // Nothing of the last session survives sign-out except the reason, which the form shows.
      entry: assign(({ context }) => ({ ...initialStaffContext, signInProblem: context.signInProblem })),
      on: {
        'user.signIn': {
          target: 'session',
          actions: assign({ login: ({ event }) => ({ username: event.username, password: event.password }), signInProblem: null }),
        },
      },
    },
    session: {
      invoke: {
        id: 'signaling',
        src: 'signaling',
        input: ({ context }): StaffSignalingInput => ({ login: context.login ?? { username: '', password: '' } }),
      },
      exit: enqueueActions(({ event, enqueue }) => {
        // Signing out revokes the session on the server; the message leaves before the socket closes.
        if (event.type === 'user.signOut') enqueue.sendTo('signaling', send({ type: 'session.logout' }));
      }),
      on: {
        'server.disconnected': {
          target: 'signedOut',
          actions: assign({ signInProblem: ({ context }) => (context.staffId === null ? 'connection' : 'connectionLost') }),
        },
        'user.signOut': { target: 'signedOut' },
      },
      initial: 'authenticating',
      states: {
        authenticating: {
          on: {
            'server.welcome': {
              target: 'ready',
              actions: assign({ login: null, staffId: ({ event }) => event.message.clientId }),
            },
            'server.error': {
              target: '#staff.signedOut',
              actions: assign({ signInProblem: ({ event }) => (event.message.code === 'AUTH_FAILED' ? 'AUTH_FAILED' : 'other') }),
            },
          },
        },
        ready: {
          on: {
            'server.site.snapshot': { actions: assign({ site: ({ event }) => event.message }) },
            'server.reconnecting': { actions: assign({ reconnecting: true }) },
            'server.resumed': { actions: assign({ reconnecting: false }) },
            'user.acknowledgeHelp': {
              actions: [
                assign({ helpProblem: null }),
                sendTo('signaling', ({ event }) => send({ type: 'help.acknowledge', kioskId: event.kioskId, helpId: event.helpId })),
              ],
            },
            'user.resolveHelp': {
              actions: [
                assign({ helpProblem: null }),
                sendTo('signaling', ({ event }) => send({ type: 'help.resolve', kioskId: event.kioskId, helpId: event.helpId })),
              ],
            },
            'user.resetKiosk': {
              actions: [assign({ helpProblem: null }), sendTo('signaling', ({ event }) => send({ type: 'kiosk.reset', kioskId: event.kioskId }))],
            },
            // A request resolved meanwhile by a colleague (or expired) reads as gone; the next snapshot shows the list as it is.
            'server.error': {
              actions: assign({ helpProblem: ({ event }) => (event.message.code === 'INVALID_STATE' ? 'gone' : 'other') }),
            },
          },
        },
      },
    },
  },
});

export type StaffMachine = typeof staffMachine;
export type StaffSnapshot = SnapshotFrom<StaffMachine>;

/** What the header and screens branch on. */
export type StaffStatus = 'signed-out' | 'connecting' | 'ready';

export function staffStatusOf(snapshot: StaffSnapshot): StaffStatus {
  if (snapshot.matches('signedOut')) return 'signed-out';
  if (snapshot.matches({ session: 'authenticating' })) return 'connecting';
  return 'ready';
}
