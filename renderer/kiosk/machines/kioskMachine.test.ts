import { describe, expect, it } from 'vitest';
import { SimulatedClock, createActor, fromCallback, fromPromise, waitFor } from 'xstate';
import type { ClientMessage, Language, ServerMessage } from '../../../protocol/index.js';
import type { PeerActorInput, PeerDeliverCommand, PeerEvent } from '../../shared/call/callActors.js';
import { toServerEvent } from '../../shared/net/serverEvents.js';
import type { SignalingCommand } from '../../shared/net/signalingActor.js';
import { THANKS_DISPLAY_MS, initialKioskContext, kioskMachine, type KioskEvent } from './kioskMachine.js';

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
function startKiosk(options: { mediaFails?: boolean } = {}) {
  const sent: ClientMessage[] = [];
  const record = {
    endVisit: 0,
    languages: [] as (Language | null)[],
    signalingOpened: 0,
    signalingClosed: 0,
    peerInputs: [] as PeerActorInput[],
    delivered: [] as PeerDeliverCommand[],
    peerDestroyed: 0,
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
      peer: fromCallback<PeerDeliverCommand, PeerActorInput>(({ input, sendBack, receive }) => {
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
      applyLanguage: (_, params) => {
        record.languages.push(params.language);
      },
    },
  });
  const clock = new SimulatedClock();
  const actor = createActor(machine, { clock }).start();
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

const ticket = { ticketId: 't-1', serviceLine: 'passport', language: 'fr', siteId: 'snb-1', kioskId: 'k-1', waitedMs: 0 } as const;
const welcome: ServerMessage = {
  type: 'welcome',
  protocol: 1,
  role: 'kiosk',
  clientId: 'c-1',
  iceServers: [{ urls: 'stun:127.0.0.1:3478' }],
  heartbeatIntervalMs: 15_000,
};

/** Drives a fresh kiosk to the waiting screen, with the server having confirmed the place. */
async function toQueue() {
  const kiosk = startKiosk();
  const { actor } = kiosk;
  actor.send({ type: 'user.start' });
  actor.send({ type: 'user.chooseLanguage', language: 'fr' });
  actor.send({ type: 'user.chooseService', serviceLine: 'passport' });
  actor.send({ type: 'user.talkToAgent' });
  await waitFor(actor, (s) => s.matches({ session: 'connecting' }));
  kiosk.server(welcome);
  kiosk.server({ type: 'queue.status', ticketId: 't-1', serviceLine: 'passport', language: 'fr', position: 3, waitedMs: 1_000 });
  return kiosk;
}

async function toCall() {
  const kiosk = await toQueue();
  kiosk.server({ type: 'call.start', callId: 'call-1', initiator: true, peerRole: 'agent', ticket });
  return kiosk;
}

describe('kioskMachine', () => {
  it('starts on the bilingual welcome with no language chosen', () => {
    const { actor, record } = startKiosk();
    expect(actor.getSnapshot().value).toBe('welcome');
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
    expect(sent).toEqual([{ type: 'queue.join', serviceLine: 'passport', language: 'fr' }]);
    expect(actor.getSnapshot().matches({ session: 'queued' })).toBe(true);
    expect(actor.getSnapshot().context.position).toBe(3);

    kiosk.server({ type: 'queue.status', ticketId: 't-1', serviceLine: 'passport', language: 'fr', position: 1, waitedMs: 9_000 });
    expect(actor.getSnapshot().context.position).toBe(1);

    kiosk.server({ type: 'call.start', callId: 'call-1', initiator: true, peerRole: 'agent', ticket });
    expect(actor.getSnapshot().matches({ session: 'call' })).toBe(true);
    expect(record.peerInputs).toEqual([{ initiator: true, stream: kiosk.local.stream, iceServers: welcome.iceServers }]);

    kiosk.peer({ type: 'peer.signal', data: { type: 'offer', sdp: 'v=0' } });
    expect(sent.at(-1)).toEqual({ type: 'signal', callId: 'call-1', data: { type: 'offer', sdp: 'v=0' } });
    kiosk.server({ type: 'signal', callId: 'call-1', data: { type: 'answer', sdp: 'v=0' } });
    expect(record.delivered).toEqual([{ type: 'peer.deliver', data: { type: 'answer', sdp: 'v=0' } }]);

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
    expect(actor.getSnapshot().value).toBe('thanks');
    expect(actor.getSnapshot().context.ending).toBe('call-ended');
    expect(record.signalingClosed).toBe(1);
    expect(record.peerDestroyed).toBe(1);
    expect(kiosk.local.tracks.every((t) => t.stopped)).toBe(true);

    const endVisitsBefore = record.endVisit;
    kiosk.clock.increment(THANKS_DISPLAY_MS);
    expect(actor.getSnapshot().value).toBe('welcome');
    expect(actor.getSnapshot().context).toEqual(initialKioskContext);
    expect(record.endVisit).toBe(endVisitsBefore + 1);
  });

  it('start over while waiting leaves the queue, closes the connection and wipes everything', async () => {
    const kiosk = await toQueue();
    kiosk.actor.send({ type: 'user.startOver' });
    expect(kiosk.sent.at(-1)).toEqual({ type: 'queue.leave' });
    expect(kiosk.actor.getSnapshot().value).toBe('welcome');
    expect(kiosk.actor.getSnapshot().context).toEqual(initialKioskContext);
    expect(kiosk.record.signalingClosed).toBe(1);
    expect(kiosk.local.tracks.every((t) => t.stopped)).toBe(true);
    expect(kiosk.record.endVisit).toBe(2); // once at power-on, once for this visit
  });

  it('start over during a call ends the call first', async () => {
    const kiosk = await toCall();
    kiosk.actor.send({ type: 'user.startOver' });
    expect(kiosk.sent.at(-1)).toEqual({ type: 'call.end', callId: 'call-1' });
    expect(kiosk.actor.getSnapshot().value).toBe('welcome');
    expect(kiosk.record.peerDestroyed).toBe(1);
  });

  it('start over from the service screen goes straight back to welcome', () => {
    const { actor } = startKiosk();
    actor.send({ type: 'user.start' });
    actor.send({ type: 'user.chooseLanguage', language: 'en' });
    actor.send({ type: 'user.startOver' });
    expect(actor.getSnapshot().value).toBe('welcome');
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
    expect(kiosk.actor.getSnapshot().value).toBe('thanks');
    expect(kiosk.actor.getSnapshot().context.ending).toBe('call-ended');
    expect(kiosk.sent.length).toBe(sentBefore);
    kiosk.actor.send({ type: 'user.done' });
    expect(kiosk.actor.getSnapshot().value).toBe('welcome');
  });

  it('ignores call messages for another call', async () => {
    const kiosk = await toCall();
    kiosk.server({ type: 'signal', callId: 'other', data: { type: 'answer' } });
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
    expect(kiosk.actor.getSnapshot().value).toBe('welcome');
  });

  it('a failed peer connection ends the call and apologises', async () => {
    const kiosk = await toCall();
    kiosk.peer({ type: 'peer.failed', code: 'ERR_ICE_CONNECTION_FAILURE' });
    expect(kiosk.sent.at(-1)).toEqual({ type: 'call.end', callId: 'call-1' });
    expect(kiosk.actor.getSnapshot().context.ending).toBe('connection-lost');
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
    kiosk.actor.send({ type: 'user.chooseService', serviceLine: 'pensions' });
    kiosk.actor.send({ type: 'user.talkToAgent' });
    await waitFor(kiosk.actor, (s) => s.matches('thanks'));
    expect(kiosk.actor.getSnapshot().context.ending).toBe('media-unavailable');
    expect(kiosk.record.signalingOpened).toBe(0);
  });
});
