import { describe, expect, it } from 'vitest';
import { SimulatedClock, createActor, fromCallback, fromPromise, waitFor } from 'xstate';
import type { CallPeer, ClientMessage, HelpStep, IceServer, IceTransportPolicy, Language, ServerMessage } from '../../../protocol/index.js';
import type { PeerActorInput, PeerCommand, PeerEvent } from '../../shared/call/callActors.js';
import { toServerEvent } from '../../shared/net/serverEvents.js';
import type { SignalingCommand } from '../../shared/net/signalingActor.js';
import catalogueJson from '../triage/data/catalogue.json';
import servicePointsJson from '../triage/data/service-points.json';
import type { Catalogue } from '../triage/catalogueSchema.js';
import { loadCatalogueOrThrow, type TriageCatalogue } from '../triage/loadCatalogue.js';
import type { KeypadDigit } from '../features/callback/phoneDigits.js';
import {
  FAILURE_CHOICE_TIMEOUT_MS,
  IDLE_COUNTDOWN_MS,
  IDLE_TIMEOUT_MS,
  SURVEY_TIMEOUT_MS,
  THANKS_DISPLAY_MS,
  initialKioskContext,
  kioskMachine,
  type KioskEvent,
} from './kioskMachine.js';

interface FakeTrack {
  kind: 'audio' | 'video';
  enabled: boolean;
  stopped: boolean;
  stop(): void;
}

function fakeStream() {
  const track = (kind: FakeTrack['kind']): FakeTrack => ({
    kind,
    enabled: true,
    stopped: false,
    stop() {
      this.stopped = true;
    },
  });
  const tracks = [track('audio'), track('video')];
  const stream = {
    getTracks: () => tracks,
    getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
  };
  return { stream: stream as unknown as MediaStream, tracks };
}

/** The machine with fake side effects: a scripted server, a recording peer, a fake camera. */
function startKiosk(options: { mediaFails?: boolean; catalogue?: TriageCatalogue; helpFails?: boolean } = {}) {
  const sent: ClientMessage[] = [];
  const record = {
    endVisit: 0,
    languages: [] as (Language | null)[],
    signalingOpened: 0,
    signalingClosed: 0,
    peerInputs: [] as PeerActorInput[],
    delivered: [] as PeerCommand[],
    peerDestroyed: 0,
    helpRequests: [] as HelpStep[],
    prepared: [] as { offerId: string; stream: MediaStream | null; iceServers: IceServer[]; iceTransportPolicy: IceTransportPolicy | undefined }[],
    released: 0,
  };
  const local = fakeStream();
  let toMachine: ((event: KioskEvent) => void) | undefined;
  let fromPeer: ((event: PeerEvent) => void) | undefined;

  const machine = kioskMachine.provide({
    actors: {
      acquireMedia: fromPromise(async () => {
        if (options.mediaFails) throw new Error('NotAllowedError');
        return local.stream;
      }),
      signaling: fromCallback<SignalingCommand>(({ sendBack, receive }) => {
        record.signalingOpened++;
        toMachine = sendBack;
        receive((command) => sent.push(command.message));
        return () => {
          record.signalingClosed++;
          toMachine = undefined;
        };
      }),
      requestHelp: fromPromise<void, { step: HelpStep }>(async ({ input }) => {
        record.helpRequests.push(input.step);
        if (options.helpFails) throw new Error('server unreachable');
      }),
      peer: fromCallback<PeerCommand, PeerActorInput>(({ input, sendBack, receive }) => {
        record.peerInputs.push(input);
        fromPeer = sendBack;
        receive((command) => record.delivered.push(command));
        return () => {
          record.peerDestroyed++;
          fromPeer = undefined;
        };
      }),
    },
    actions: {
      endVisit: () => {
        record.endVisit++;
      },
      prepareCall: (_, params) => {
        record.prepared.push(params);
      },
      releasePreparedCall: () => {
        record.released++;
      },
      applyLanguage: (_, params) => {
        record.languages.push(params.language);
      },
    },
  });
  const clock = new SimulatedClock();
  const actor = createActor(machine, { clock, input: options.catalogue ? { catalogue: options.catalogue } : {} }).start();
  const server = (message: ServerMessage) => {
    if (!toMachine) throw new Error('no signaling connection is open');
    toMachine(toServerEvent(message));
  };
  const peer = (event: PeerEvent) => {
    if (!fromPeer) throw new Error('no peer is running');
    fromPeer(event);
  };
  const disconnect = () => toMachine?.({ type: 'server.disconnected' });
  return { actor, clock, sent, record, local, server, peer, disconnect };
}

/** The kiosk writes the offer towards its agent (protocol/callParty.ts). */
const AGENT_PEERS: CallPeer[] = [{ memberId: 'm-agent', role: 'agent', initiator: true }];
const ticket = { ticketId: 't-1', serviceLine: 'passport', language: 'fr', siteId: 'snb-1', kioskId: 'k-1', waitedMs: 0 } as const;
const welcome: ServerMessage = {
  type: 'welcome',
  protocol: 1,
  role: 'kiosk',
  clientId: 'c-1',
  iceServers: [{ urls: 'stun:127.0.0.1:3478' }],
  heartbeatIntervalMs: 15_000,
  callbacks: true,
};

/** Drives a fresh kiosk to the waiting screen, with the server having confirmed the place. */
async function toQueue(options: Parameters<typeof startKiosk>[0] = {}, visit: { onLanguageScreen?: (kiosk: ReturnType<typeof startKiosk>) => void; welcome?: ServerMessage } = {}) {
  const kiosk = startKiosk(options);
  const { actor } = kiosk;
  actor.send({ type: 'user.start' });
  visit.onLanguageScreen?.(kiosk);
  actor.send({ type: 'user.chooseLanguage', language: 'fr' });
  actor.send({ type: 'user.acceptPrivacy' });
  actor.send({ type: 'user.answer', optionId: 'passport' });
  actor.send({ type: 'user.answer', optionId: 'urgent' });
  actor.send({ type: 'user.continue' });
  actor.send({ type: 'user.talkToAgent' });
  await waitFor(actor, (s) => s.matches({ session: 'connecting' }));
  kiosk.server(visit.welcome ?? welcome);
  kiosk.server({ type: 'queue.status', ticketId: 't-1', serviceLine: 'passport', language: 'fr', position: 3, waitedMs: 1_000 });
  return kiosk;
}

async function toCall() {
  const kiosk = await toQueue();
  kiosk.server({ type: 'call.start', callId: 'call-1', selfId: 'm-kiosk', peers: AGENT_PEERS, ticket });
  return kiosk;
}

describe('kioskMachine', () => {
  it('starts on the bilingual welcome with no language chosen', () => {
    const { actor, record } = startKiosk();
    expect(actor.getSnapshot().matches('welcome')).toBe(true);
    expect(actor.getSnapshot().context.language).toBeNull();
    actor.send({ type: 'user.changeLanguage', language: 'fr' });
    expect(actor.getSnapshot().context.language).toBeNull();
    expect(record.signalingOpened).toBe(0);
  });

  it('happy path: language, service, camera, queue, call, thanks, then back to a wiped welcome', async () => {
    const kiosk = await toQueue();
    const { actor, sent, record } = kiosk;
    expect(record.languages).toContain('fr');
    expect(record.signalingOpened).toBe(1);
    // Tell us once: the answers travel with the queue request, as catalogue ids only.
    expect(sent).toEqual([
      {
        type: 'queue.join',
        serviceLine: 'passport',
        language: 'fr',
        summary: {
          catalogueVersion: '2025.1',
          path: [
            { questionId: 'start', optionId: 'passport' },
            { questionId: 'passport-need', optionId: 'urgent' },
          ],
          outcomeId: 'passport-agent',
          serviceLine: 'passport',
          interpreter: false,
          language: 'fr',
        },
        // The catalogue's outcome for an urgent passport is urgent: routing serves it first.
        priority: 'urgent',
      },
    ]);
    expect(actor.getSnapshot().matches({ session: 'queued' })).toBe(true);
    expect(actor.getSnapshot().context.position).toBe(3);

    kiosk.server({ type: 'queue.status', ticketId: 't-1', serviceLine: 'passport', language: 'fr', position: 1, waitedMs: 9_000 });
    expect(actor.getSnapshot().context.position).toBe(1);

    kiosk.server({ type: 'call.start', callId: 'call-1', selfId: 'm-kiosk', peers: AGENT_PEERS, ticket });
    expect(actor.getSnapshot().matches({ session: 'call' })).toBe(true);
    expect(record.peerInputs).toEqual([{ selfRole: 'kiosk', peers: AGENT_PEERS, stream: kiosk.local.stream, iceServers: welcome.iceServers }]);

    kiosk.peer({ type: 'peer.signal', to: 'm-agent', data: { type: 'offer', sdp: 'v=0' } });
    expect(sent.at(-1)).toEqual({ type: 'signal', callId: 'call-1', to: 'm-agent', data: { type: 'offer', sdp: 'v=0' } });
    kiosk.server({ type: 'signal', callId: 'call-1', from: 'm-agent', data: { type: 'answer', sdp: 'v=0' } });
    expect(record.delivered).toEqual([{ type: 'peer.deliver', from: 'm-agent', data: { type: 'answer', sdp: 'v=0' } }]);

    const remote = fakeStream().stream;
    kiosk.peer({ type: 'peer.stream', stream: remote });
    kiosk.peer({ type: 'peer.connected' });
    expect(actor.getSnapshot().context.remoteStream).toBe(remote);

    actor.send({ type: 'user.toggleMute' });
    expect(kiosk.local.tracks[0]?.enabled).toBe(false);
    actor.send({ type: 'user.toggleCamera' });
    expect(kiosk.local.tracks[1]?.enabled).toBe(false);
    expect(actor.getSnapshot().context).toMatchObject({ micOn: false, cameraOn: false });

    actor.send({ type: 'user.endCall' });
    expect(sent.at(-1)).toEqual({ type: 'call.end', callId: 'call-1' });
    // The survey: camera off at once, connection kept so the rating reaches the visit record.
    expect(actor.getSnapshot().matches({ session: 'survey' })).toBe(true);
    expect(record.peerDestroyed).toBe(1);
    expect(kiosk.local.tracks.every((t) => t.stopped)).toBe(true);
    expect(record.signalingClosed).toBe(0);
    actor.send({ type: 'user.rate', rating: 4 });
    expect(sent.at(-1)).toEqual({ type: 'visit.feedback', ticketId: 't-1', rating: 4 });
    expect(actor.getSnapshot().value).toBe('thanks');
    expect(actor.getSnapshot().context.ending).toBe('call-ended');
    expect(record.signalingClosed).toBe(1);

    const endVisitsBefore = record.endVisit;
    kiosk.clock.increment(THANKS_DISPLAY_MS);
    expect(actor.getSnapshot().matches('welcome')).toBe(true);
    expect(actor.getSnapshot().context).toEqual(initialKioskContext);
    expect(record.endVisit).toBe(endVisitsBefore + 1);
  });

  it('makes the call ready while an agent’s console rings, with that ringing’s ICE settings, and lets it go with the visit', async () => {
    const kiosk = await toQueue();
    const { actor, record } = kiosk;
    const fresh = [{ urls: 'turn:127.0.0.1:3478', username: 'ringing', credential: 'c' }];
    // Another visitor's ringing is not ours.
    kiosk.server({ type: 'call.ringing', ticketId: 't-other', offerId: 'o-other', iceServers: fresh });
    kiosk.server({ type: 'call.ringing', ticketId: 't-1', offerId: 'o-1', iceServers: fresh, iceTransportPolicy: 'relay' });
    expect(record.prepared).toEqual([{ offerId: 'o-1', stream: kiosk.local.stream, iceServers: fresh, iceTransportPolicy: 'relay' }]);
    // What the ready connection writes goes to the ringing console, named by its offer.
    actor.send({ type: 'call.ringSignal', offerId: 'o-1', data: { type: 'offer', sdp: 'v=0' } });
    expect(kiosk.sent.at(-1)).toEqual({ type: 'ring.signal', offerId: 'o-1', data: { type: 'offer', sdp: 'v=0' } });
    // Without fresh settings the ones from welcome serve.
    kiosk.server({ type: 'call.ringing', ticketId: 't-1', offerId: 'o-2' });
    expect(record.prepared.at(-1)).toEqual({ offerId: 'o-2', stream: kiosk.local.stream, iceServers: welcome.iceServers, iceTransportPolicy: undefined });
    expect(actor.getSnapshot().matches({ session: 'queued' })).toBe(true);
    // The agent let it lapse and the visitor left: nothing made ready stays open.
    const releasedBefore = record.released;
    actor.send({ type: 'user.leaveQueue' });
    kiosk.clock.increment(THANKS_DISPLAY_MS);
    expect(actor.getSnapshot().matches('welcome')).toBe(true);
    expect(record.released).toBe(releasedBefore + 1);
  });

  it('a signaling blip keeps the place and the call, and is said in plain words', async () => {
    const kiosk = await toQueue();
    const { actor } = kiosk;
    actor.send({ type: 'server.reconnecting' });
    expect(actor.getSnapshot().matches({ session: 'queued' })).toBe(true);
    expect(actor.getSnapshot().context).toMatchObject({ reconnecting: true, position: 3 });
    actor.send({ type: 'server.resumed' });
    expect(actor.getSnapshot().context.reconnecting).toBe(false);

    kiosk.server({ type: 'call.start', callId: 'call-1', selfId: 'm-kiosk', peers: AGENT_PEERS, ticket });
    kiosk.server({ type: 'peer.status', callId: 'call-1', state: 'reconnecting' });
    expect(actor.getSnapshot().matches({ session: 'call' })).toBe(true);
    expect(actor.getSnapshot().context.agentReconnecting).toBe(true);
    expect(kiosk.record.peerDestroyed).toBe(0);
    kiosk.server({ type: 'peer.status', callId: 'call-1', state: 'back' });
    expect(actor.getSnapshot().context.agentReconnecting).toBe(false);
  });

  it('start over while waiting leaves the queue, closes the connection and wipes everything', async () => {
    const kiosk = await toQueue();
    kiosk.actor.send({ type: 'user.startOver' });
    expect(kiosk.sent.at(-1)).toEqual({ type: 'queue.leave' });
    expect(kiosk.actor.getSnapshot().matches('welcome')).toBe(true);
    expect(kiosk.actor.getSnapshot().context).toEqual(initialKioskContext);
    expect(kiosk.record.signalingClosed).toBe(1);
    expect(kiosk.local.tracks.every((t) => t.stopped)).toBe(true);
    expect(kiosk.record.endVisit).toBe(2); // once at power-on, once for this visit
  });

  it('start over during a call ends the call first', async () => {
    const kiosk = await toCall();
    kiosk.actor.send({ type: 'user.startOver' });
    expect(kiosk.sent.at(-1)).toEqual({ type: 'call.end', callId: 'call-1' });
    expect(kiosk.actor.getSnapshot().matches('welcome')).toBe(true);
    expect(kiosk.record.peerDestroyed).toBe(1);
  });

  it('start over from the service screen goes straight back to welcome', () => {
    const { actor } = startKiosk();
    actor.send({ type: 'user.start' });
    actor.send({ type: 'user.chooseLanguage', language: 'en' });
    actor.send({ type: 'user.startOver' });
    expect(actor.getSnapshot().matches('welcome')).toBe(true);
    expect(actor.getSnapshot().context.language).toBeNull();
  });

  it('leave the line sends queue.leave and says so', async () => {
    const kiosk = await toQueue();
    kiosk.actor.send({ type: 'user.leaveQueue' });
    expect(kiosk.sent.at(-1)).toEqual({ type: 'queue.leave' });
    expect(kiosk.actor.getSnapshot().value).toBe('thanks');
    expect(kiosk.actor.getSnapshot().context.ending).toBe('left-queue');
    expect(kiosk.record.signalingClosed).toBe(1);
  });

  it('when the agent ends the call the kiosk thanks the visitor without sending call.end', async () => {
    const kiosk = await toCall();
    const sentBefore = kiosk.sent.length;
    kiosk.server({ type: 'call.ended', callId: 'call-1', reason: 'agent-ended' });
    expect(kiosk.actor.getSnapshot().matches({ session: 'survey' })).toBe(true);
    kiosk.actor.send({ type: 'user.skipSurvey' });
    expect(kiosk.actor.getSnapshot().value).toBe('thanks');
    expect(kiosk.actor.getSnapshot().context.ending).toBe('call-ended');
    expect(kiosk.sent.length).toBe(sentBefore);
    kiosk.actor.send({ type: 'user.done' });
    expect(kiosk.actor.getSnapshot().matches('welcome')).toBe(true);
  });

  it('starts over when the office staff reset the kiosk mid-call', async () => {
    const kiosk = await toCall();
    kiosk.server({ type: 'call.ended', callId: 'call-1', reason: 'reset-by-staff' });
    kiosk.server({ type: 'kiosk.reset' });
    expect(kiosk.actor.getSnapshot().matches('welcome')).toBe(true);
    expect(kiosk.actor.getSnapshot().context.language).toBeNull();
  });

  it('ignores call messages for another call', async () => {
    const kiosk = await toCall();
    kiosk.server({ type: 'signal', callId: 'other', from: 'm-agent', data: { type: 'answer' } });
    kiosk.server({ type: 'call.ended', callId: 'other', reason: 'agent-ended' });
    expect(kiosk.record.delivered).toEqual([]);
    expect(kiosk.actor.getSnapshot().matches({ session: 'call' })).toBe(true);
  });

  it('a lost server connection shows the apology, then returns to welcome', async () => {
    const kiosk = await toCall();
    kiosk.disconnect();
    expect(kiosk.actor.getSnapshot().value).toBe('thanks');
    expect(kiosk.actor.getSnapshot().context.ending).toBe('connection-lost');
    expect(kiosk.local.tracks.every((t) => t.stopped)).toBe(true);
    kiosk.clock.increment(THANKS_DISPLAY_MS);
    expect(kiosk.actor.getSnapshot().matches('welcome')).toBe(true);
  });

  it('media that could not be recovered ends the call as a technical failure and apologises', async () => {
    const kiosk = await toCall();
    kiosk.peer({ type: 'peer.recovering', attempt: 1 });
    expect(kiosk.actor.getSnapshot().context.mediaRecovering).toBe(true);
    kiosk.peer({ type: 'peer.failed', code: 'ERR_MEDIA_RECOVERY' });
    expect(kiosk.sent.at(-1)).toEqual({ type: 'call.end', callId: 'call-1', reason: 'technical-failure' });
    expect(kiosk.actor.getSnapshot().matches({ session: 'failed' })).toBe(true);
    expect(kiosk.actor.getSnapshot().context.ending).toBe('technical-failure');
    expect(kiosk.actor.getSnapshot().context.mediaRecovering).toBe(false);
    expect(kiosk.local.tracks.every((t) => t.stopped)).toBe(true);
    // Unanswered, the choice screen wipes like any end screen.
    kiosk.clock.increment(FAILURE_CHOICE_TIMEOUT_MS);
    expect(kiosk.actor.getSnapshot().matches('welcome')).toBe(true);
  });

  it('after a failed call: callback → keypad → requested for that visit → thank-you → wipe', async () => {
    const kiosk = await toCall();
    kiosk.peer({ type: 'peer.failed', code: 'ERR_MEDIA_RECOVERY' });
    kiosk.actor.send({ type: 'user.chooseCallback' });
    expect(kiosk.actor.getSnapshot().matches({ session: { callback: 'entering' } })).toBe(true);
    // Cancel goes back to the choice, not to a queue the visitor is no longer in.
    kiosk.actor.send({ type: 'user.cancelCallback' });
    expect(kiosk.actor.getSnapshot().matches({ session: 'failed' })).toBe(true);
    kiosk.actor.send({ type: 'user.chooseCallback' });
    for (const digit of '5065550134') kiosk.actor.send({ type: 'user.callbackDigit', digit: digit as KeypadDigit });
    kiosk.actor.send({ type: 'user.toggleCallbackConsent' });
    kiosk.actor.send({ type: 'user.confirmCallback' });
    expect(kiosk.sent.at(-1)).toEqual({
      type: 'callback.request',
      phone: '5065550134',
      consent: true,
      language: 'fr',
      ticketId: 't-1',
    });
    kiosk.server({ type: 'callback.requested', callbackId: 'cb-1' });
    expect(kiosk.actor.getSnapshot().matches({ session: { callback: 'confirmed' } })).toBe(true);
    expect(kiosk.actor.getSnapshot().context.callbackDigits).toBe('');
    kiosk.clock.increment(THANKS_DISPLAY_MS);
    expect(kiosk.actor.getSnapshot().matches('welcome')).toBe(true);
    expect(kiosk.actor.getSnapshot().context.ticketId).toBeNull();
    expect(kiosk.actor.getSnapshot().context.callbackAfterFailure).toBe(false);
  });

  it('after a failed call on a server without callbacks, offers only the office staff', async () => {
    const { callbacks: _on, ...withoutCallbacks } = welcome as Extract<ServerMessage, { type: 'welcome' }>;
    const kiosk = await toQueue({}, { welcome: withoutCallbacks });
    kiosk.server({ type: 'call.start', callId: 'call-1', selfId: 'm-kiosk', peers: AGENT_PEERS, ticket });
    kiosk.peer({ type: 'peer.failed', code: 'ERR_MEDIA_RECOVERY' });
    expect(kiosk.actor.getSnapshot().context.callbacksAvailable).toBe(false);
    kiosk.actor.send({ type: 'user.chooseCallback' });
    expect(kiosk.actor.getSnapshot().matches({ session: 'failed' })).toBe(true);
  });


  it('after a failed call, a refused callback says so on the keypad; a dropped link leaves the staff option', async () => {
    const kiosk = await toCall();
    kiosk.peer({ type: 'peer.failed', code: 'ERR_MEDIA_RECOVERY' });
    kiosk.actor.send({ type: 'user.chooseCallback' });
    for (const digit of '5065550134') kiosk.actor.send({ type: 'user.callbackDigit', digit: digit as KeypadDigit });
    kiosk.actor.send({ type: 'user.toggleCallbackConsent' });
    kiosk.actor.send({ type: 'user.confirmCallback' });
    kiosk.server({ type: 'error', code: 'INVALID_STATE', message: 'ticketId: too late', inReplyTo: 'callback.request' });
    expect(kiosk.actor.getSnapshot().matches({ session: { callback: 'entering' } })).toBe(true);
    expect(kiosk.actor.getSnapshot().context.callbackFailed).toBe(true);
    kiosk.actor.send({ type: 'user.cancelCallback' });
    kiosk.disconnect();
    expect(kiosk.actor.getSnapshot().value).toBe('thanks');
    expect(kiosk.actor.getSnapshot().context.ending).toBe('technical-failure');
  });

  it('says "reconnecting" while media recovers, and passes the audio-only choice to the peer', async () => {
    const kiosk = await toCall();
    kiosk.peer({ type: 'peer.recovering', attempt: 0 });
    expect(kiosk.actor.getSnapshot().context.mediaRecovering).toBe(true);
    kiosk.peer({ type: 'peer.recovered' });
    expect(kiosk.actor.getSnapshot().context.mediaRecovering).toBe(false);
    kiosk.actor.send({ type: 'user.toggleAudioOnly' });
    expect(kiosk.actor.getSnapshot().context.audioOnly).toBe(true);
    expect(kiosk.record.delivered.at(-1)).toEqual({ type: 'peer.audioOnly', on: true });
  });

  it('a refused queue request apologises', async () => {
    const kiosk = await toQueue();
    kiosk.server({ type: 'error', code: 'ALREADY_QUEUED', message: 'x', inReplyTo: 'queue.join' });
    expect(kiosk.actor.getSnapshot().context.ending).toBe('service-unavailable');
  });

  it('changing language keeps the place', async () => {
    const kiosk = await toQueue();
    kiosk.actor.send({ type: 'user.changeLanguage', language: 'en' });
    expect(kiosk.actor.getSnapshot().matches({ session: 'queued' })).toBe(true);
    expect(kiosk.actor.getSnapshot().context.language).toBe('en');
    expect(kiosk.record.languages.at(-1)).toBe('en');
  });

  it('without a camera the visitor is told plainly and no connection is opened', async () => {
    const kiosk = startKiosk({ mediaFails: true });
    kiosk.actor.send({ type: 'user.start' });
    kiosk.actor.send({ type: 'user.chooseLanguage', language: 'en' });
    kiosk.actor.send({ type: 'user.acceptPrivacy' });
    kiosk.actor.send({ type: 'user.answer', optionId: 'pensions' });
    kiosk.actor.send({ type: 'user.answer', optionId: 'payment' });
    kiosk.actor.send({ type: 'user.continue' });
    kiosk.actor.send({ type: 'user.talkToAgent' });
    await waitFor(kiosk.actor, (s) => s.matches('thanks'));
    expect(kiosk.actor.getSnapshot().context.ending).toBe('media-unavailable');
    expect(kiosk.record.signalingOpened).toBe(0);
  });

  it('a survey nobody answers moves on by itself', async () => {
    const kiosk = await toCall();
    kiosk.actor.send({ type: 'user.endCall' });
    kiosk.clock.increment(SURVEY_TIMEOUT_MS);
    expect(kiosk.actor.getSnapshot().value).toBe('thanks');
    expect(kiosk.sent.some((m) => m.type === 'visit.feedback')).toBe(false);
  });
});

describe('kioskMachine triage', () => {
  function toTriage(options: Parameters<typeof startKiosk>[0] = {}) {
    const kiosk = startKiosk(options);
    kiosk.actor.send({ type: 'user.start' });
    kiosk.actor.send({ type: 'user.toggleInterpreter' });
    kiosk.actor.send({ type: 'user.chooseLanguage', language: 'en' });
    expect(kiosk.actor.getSnapshot().value).toBe('privacy');
    kiosk.actor.send({ type: 'user.acceptPrivacy' });
    return kiosk;
  }

  it('walks questions, goes back one step at a time, and back from the first question to the privacy notice', () => {
    const { actor } = toTriage();
    actor.send({ type: 'user.answer', optionId: 'sin' });
    actor.send({ type: 'user.answer', optionId: 'new' });
    expect(actor.getSnapshot().value).toBe('outcome');
    expect(actor.getSnapshot().context.triage.outcomeId).toBe('sin-apply-bring');
    actor.send({ type: 'user.back' });
    expect(actor.getSnapshot().value).toBe('triage');
    expect(actor.getSnapshot().context.triage.path).toEqual([{ questionId: 'start', optionId: 'sin' }]);
    actor.send({ type: 'user.back' });
    actor.send({ type: 'user.back' });
    expect(actor.getSnapshot().value).toBe('privacy');
  });

  it('offers only the listed alternatives, and a non-agent outcome ends without any connection', () => {
    const { actor, record } = toTriage();
    actor.send({ type: 'user.answer', optionId: 'provincial' });
    actor.send({ type: 'user.answer', optionId: 'health-card' });
    expect(actor.getSnapshot().context.triage.outcomeId).toBe('provincial-referral');
    actor.send({ type: 'user.continue' });
    expect(actor.getSnapshot().value).toBe('outcome'); // not an agent outcome: no call from here
    actor.send({ type: 'user.chooseAlternative', outcomeId: 'passport-agent' });
    expect(actor.getSnapshot().context.triage.outcomeId).toBe('provincial-referral');
    actor.send({ type: 'user.chooseAlternative', outcomeId: 'general-agent' });
    expect(actor.getSnapshot().context.triage.outcomeId).toBe('general-agent');
    actor.send({ type: 'user.chooseAlternative', outcomeId: 'office-counter' });
    actor.send({ type: 'user.finish' });
    expect(actor.getSnapshot().value).toBe('thanks');
    expect(actor.getSnapshot().context.ending).toBe('informed');
    expect(record.signalingOpened).toBe(0);
  });

  it('a modified catalogue (new question, new outcome) drives the kiosk to the new outcome without code changes', async () => {
    const changed = structuredClone(catalogueJson) as Catalogue;
    changed.version = '2025.2-test';
    changed.questions[0]?.options.push({ id: 'tax', label: { en: 'Taxes', fr: 'Impôts' }, next: 'tax-need' });
    changed.questions.push({
      id: 'tax-need',
      prompt: { en: 'What about your taxes?', fr: 'Quoi au sujet de vos impôts?' },
      options: [{ id: 'benefit-slip', label: { en: 'A benefit tax slip', fr: 'Un feuillet de prestations' }, next: 'tax-slip-agent' }],
    });
    changed.outcomes.push({
      id: 'tax-slip-agent',
      kind: 'agent',
      title: { en: 'Talk to an agent', fr: 'Parler à un agent' },
      summary: { en: 'About your T4E slip.', fr: 'Au sujet de votre feuillet T4E.' },
      serviceLine: 'employment-insurance',
      skills: ['ei', 't4e'],
      priority: 'normal',
      alternatives: ['ei-report'],
    });
    const catalogue = loadCatalogueOrThrow(changed, servicePointsJson);
    const kiosk = toTriage({ catalogue });
    kiosk.actor.send({ type: 'user.answer', optionId: 'tax' });
    kiosk.actor.send({ type: 'user.answer', optionId: 'benefit-slip' });
    expect(kiosk.actor.getSnapshot().context.triage.outcomeId).toBe('tax-slip-agent');
    kiosk.actor.send({ type: 'user.continue' });
    kiosk.actor.send({ type: 'user.talkToAgent' });
    await waitFor(kiosk.actor, (s) => s.matches({ session: 'connecting' }));
    kiosk.server(welcome);
    expect(kiosk.sent[0]).toMatchObject({
      type: 'queue.join',
      serviceLine: 'employment-insurance',
      summary: { catalogueVersion: '2025.2-test', outcomeId: 'tax-slip-agent', interpreter: true, language: 'en' },
    });
    // The wipe keeps the injected catalogue: the next visitor sees the same questions.
    kiosk.actor.send({ type: 'user.startOver' });
    expect(kiosk.actor.getSnapshot().context.catalogue).toBe(catalogue);
  });
});

describe('kioskMachine interpreter language', () => {
  it('sends the interpreter language the visitor chose with the queue request; a second tap unchooses it', async () => {
    const kiosk = await toQueue({}, {
      onLanguageScreen: ({ actor }) => {
        actor.send({ type: 'user.chooseInterpreterLanguage', language: 'cr' });
        actor.send({ type: 'user.chooseInterpreterLanguage', language: 'cr' });
        expect(actor.getSnapshot().context).toMatchObject({ interpreter: true, interpreterLanguage: null });
        actor.send({ type: 'user.chooseInterpreterLanguage', language: 'iu' });
      },
    });
    expect(kiosk.sent[0]).toMatchObject({ type: 'queue.join', interpreterLanguage: 'iu', summary: { interpreter: true } });
    // The wipe forgets it for the next visitor.
    kiosk.actor.send({ type: 'user.startOver' });
    expect(kiosk.actor.getSnapshot().context).toMatchObject({ interpreter: false, interpreterLanguage: null });
  });

});

describe('kioskMachine help from the office staff', () => {
  it('outside a session, a short request names the step; the kiosk shows it was heard', async () => {
    const { actor, record } = startKiosk();
    actor.send({ type: 'user.start' });
    actor.send({ type: 'user.chooseLanguage', language: 'fr' });
    actor.send({ type: 'user.requestHelp' });
    expect(actor.getSnapshot().context.help).toBe('requesting');
    await waitFor(actor, (s) => s.context.help === 'requested');
    actor.send({ type: 'user.requestHelp' });
    expect(record.helpRequests).toEqual(['privacy']);
    expect(actor.getSnapshot().value).toBe('privacy');
  });

  it('says so when the request could not be sent, and lets the visitor try again', async () => {
    const { actor, record } = startKiosk({ helpFails: true });
    actor.send({ type: 'user.start' });
    actor.send({ type: 'user.requestHelp' });
    await waitFor(actor, (s) => s.context.help === 'failed');
    actor.send({ type: 'user.requestHelp' });
    await waitFor(actor, (s) => s.context.help === 'failed');
    expect(record.helpRequests).toEqual(['language', 'language']);
  });

  it('in a session, asks through the open connection without disturbing the call', async () => {
    const kiosk = await toCall();
    kiosk.actor.send({ type: 'user.requestHelp' });
    expect(kiosk.sent.at(-1)).toEqual({ type: 'help.request', step: 'call' });
    kiosk.server({ type: 'help.requested', step: 'call' });
    expect(kiosk.actor.getSnapshot().context.help).toBe('requested');
    expect(kiosk.actor.getSnapshot().matches({ session: 'call' })).toBe(true);
    expect(kiosk.record.helpRequests).toEqual([]);
  });
});

describe('kioskMachine idle behaviour (simulated clock)', () => {
  it('warns after the idle time, a touch extends, and an unanswered countdown wipes the visit', () => {
    const { actor, clock, record } = startKiosk();
    actor.send({ type: 'user.start' });
    actor.send({ type: 'user.chooseLanguage', language: 'fr' });
    actor.send({ type: 'user.acceptPrivacy' });
    actor.send({ type: 'user.answer', optionId: 'ei' });
    clock.increment(IDLE_TIMEOUT_MS - 1);
    expect(actor.getSnapshot().context.idleWarning).toBe(false);
    clock.increment(1);
    expect(actor.getSnapshot().context.idleWarning).toBe(true);

    // One touch during the countdown keeps the place and restarts the wait.
    clock.increment(IDLE_COUNTDOWN_MS - 1);
    actor.send({ type: 'user.activity' });
    expect(actor.getSnapshot().context.idleWarning).toBe(false);
    clock.increment(IDLE_COUNTDOWN_MS);
    expect(actor.getSnapshot().value).toBe('triage');
    expect(actor.getSnapshot().context.triage.path).toHaveLength(1);

    const wipes = record.endVisit;
    clock.increment(IDLE_TIMEOUT_MS);
    expect(actor.getSnapshot().context.idleWarning).toBe(true);
    clock.increment(IDLE_COUNTDOWN_MS);
    expect(actor.getSnapshot().matches('welcome')).toBe(true);
    expect(actor.getSnapshot().context).toEqual(initialKioskContext);
    expect(record.endVisit).toBe(wipes + 1);
  });

  it('the countdown is at least twenty seconds', () => {
    expect(IDLE_COUNTDOWN_MS).toBeGreaterThanOrEqual(20_000);
  });

  it('never drops a visitor who waits in the queue or talks to an agent', async () => {
    const kiosk = await toQueue();
    kiosk.clock.increment(10 * IDLE_TIMEOUT_MS);
    expect(kiosk.actor.getSnapshot().matches({ session: 'queued' })).toBe(true);
    expect(kiosk.actor.getSnapshot().context.idleWarning).toBe(false);
    kiosk.server({ type: 'call.start', callId: 'call-1', selfId: 'm-kiosk', peers: AGENT_PEERS, ticket });
    kiosk.actor.send({ type: 'user.activity' });
    kiosk.clock.increment(10 * (IDLE_TIMEOUT_MS + IDLE_COUNTDOWN_MS));
    expect(kiosk.actor.getSnapshot().matches({ session: 'call' })).toBe(true);
    expect(kiosk.sent.some((m) => m.type === 'call.end')).toBe(false);
  });

  it('a timer armed before the visitor queued cannot fire later', async () => {
    const kiosk = startKiosk();
    kiosk.actor.send({ type: 'user.start' });
    kiosk.actor.send({ type: 'user.chooseLanguage', language: 'en' });
    kiosk.clock.increment(IDLE_TIMEOUT_MS - 1_000);
    kiosk.actor.send({ type: 'user.acceptPrivacy' });
    kiosk.actor.send({ type: 'user.answer', optionId: 'unsure' });
    kiosk.actor.send({ type: 'user.answer', optionId: 'agent' });
    kiosk.actor.send({ type: 'user.continue' });
    kiosk.actor.send({ type: 'user.talkToAgent' });
    await waitFor(kiosk.actor, (s) => s.matches('session'));
    kiosk.clock.increment(IDLE_TIMEOUT_MS + IDLE_COUNTDOWN_MS);
    expect(kiosk.actor.getSnapshot().matches('session')).toBe(true);
  });
});

describe('kioskMachine display choices (accessibility bar)', () => {
  it('contrast and text size toggle on any screen, the welcome included, and the wipe resets them', () => {
    const { actor } = startKiosk();
    actor.send({ type: 'user.toggleContrast' });
    actor.send({ type: 'user.start' });
    actor.send({ type: 'user.toggleTextSize' });
    actor.send({ type: 'user.chooseLanguage', language: 'fr' });
    expect(actor.getSnapshot().context).toMatchObject({ highContrast: true, largeText: true });
    actor.send({ type: 'user.toggleContrast' });
    expect(actor.getSnapshot().context.highContrast).toBe(false);
    actor.send({ type: 'user.toggleContrast' });
    actor.send({ type: 'user.startOver' });
    expect(actor.getSnapshot().context).toMatchObject({ highContrast: false, largeText: false });
  });
});
