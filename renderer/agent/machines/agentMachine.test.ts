import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, waitFor } from 'xstate';
import type { CallPeer, ClientMessage, Colleague, Language, ServerMessage } from '../../../protocol/index.js';
import type { PeerActorInput, PeerCommand, PeerEvent } from '../../shared/call/callActors.js';
import { toServerEvent } from '../../shared/net/serverEvents.js';
import type { SignalingCommand } from '../../shared/net/signalingActor.js';
import { agentMachine, agentStatusOf, type AgentEvent, type AgentSignalingInput } from './agentMachine.js';

function fakeStream() {
  const tracks = [
    { kind: 'audio', enabled: true, stopped: false, stop() { this.stopped = true; } },
    { kind: 'video', enabled: true, stopped: false, stop() { this.stopped = true; } },
  ];
  const stream = {
    getTracks: () => tracks,
    getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
  };
  return { stream: stream as unknown as MediaStream, tracks };
}

function startConsole(options: { mediaFails?: boolean } = {}) {
  const sent: ClientMessage[] = [];
  const record = {
    signingIn: [] as AgentSignalingInput[],
    closed: 0,
    peerInputs: [] as PeerActorInput[],
    delivered: [] as PeerCommand[],
    languages: [] as Language[],
    /** What was made ready while the console rang: `prepare`, each fed signal, `release`, in order. */
    answer: [] as unknown[],
  };
  const local = fakeStream();
  let toMachine: ((event: AgentEvent) => void) | undefined;
  let fromPeer: ((event: PeerEvent) => void) | undefined;
  const machine = agentMachine.provide({
    actors: {
      acquireMedia: fromPromise(async () => {
        if (options.mediaFails) throw new Error('NotAllowedError');
        return local.stream;
      }),
      signaling: fromCallback<SignalingCommand, AgentSignalingInput>(({ input, sendBack, receive }) => {
        record.signingIn.push(input);
        toMachine = sendBack;
        receive((command) => sent.push(command.message));
        return () => {
          record.closed++;
          toMachine = undefined;
        };
      }),
      peer: fromCallback<PeerCommand, PeerActorInput>(({ input, sendBack, receive }) => {
        record.peerInputs.push(input);
        fromPeer = sendBack;
        receive((command) => record.delivered.push(command));
        return () => {
          fromPeer = undefined;
        };
      }),
    },
    actions: {
      applyLanguage: (_, params) => {
        record.languages.push(params.language);
      },
      prepareAnswer: (_, params) => {
        record.answer.push({ prepare: params });
      },
      feedRingSignal: (_, params) => {
        record.answer.push({ feed: params.data });
      },
      releasePreparedAnswer: () => {
        record.answer.push('release');
      },
    },
  });
  const actor = createActor(machine).start();
  const server = (message: ServerMessage) => {
    if (!toMachine) throw new Error('not connected');
    toMachine(toServerEvent(message));
  };
  const peer = (event: PeerEvent) => fromPeer?.(event);
  const status = () => agentStatusOf(actor.getSnapshot());
  return { actor, sent, record, local, server, peer, status, disconnect: () => toMachine?.({ type: 'server.disconnected' }) };
}

/** The agent answers the kiosk's offer (protocol/callParty.ts). */
const KIOSK_PEERS: CallPeer[] = [{ memberId: 'm-kiosk', role: 'kiosk', initiator: false }];
const welcome: ServerMessage = {
  type: 'welcome',
  protocol: 1,
  role: 'agent',
  clientId: 'a-1',
  sessionToken: 'session-token-123',
  iceServers: [],
  heartbeatIntervalMs: 15_000,
};
const ticket = { ticketId: 't-1', serviceLine: 'pensions', language: 'fr', siteId: 'snb-1', kioskId: 'k-1', waitedMs: 4_000 } as const;
const offer: ServerMessage = { type: 'call.offer', offerId: 'o-1', ticket, expiresInMs: 20_000 };

async function signedIn(options: { mediaFails?: boolean } = {}) {
  const agent = startConsole(options);
  agent.actor.send({ type: 'user.signIn', username: 'agent1', password: 'correct horse' });
  agent.server(welcome);
  await waitFor(agent.actor, (s) => s.context.mediaStatus !== 'preparing');
  return agent;
}

async function inCall() {
  const agent = await signedIn();
  agent.actor.send({ type: 'user.goAvailable' });
  agent.server(offer);
  agent.actor.send({ type: 'user.accept' });
  agent.server({ type: 'call.start', callId: 'call-1', selfId: 'm-agent', peers: KIOSK_PEERS, ticket });
  return agent;
}

describe('agentMachine', () => {
  it('signs in with the typed credentials, forgets the password, opens the camera, starts away', async () => {
    const agent = await signedIn();
    expect(agent.record.signingIn).toEqual([{ login: { username: 'agent1', password: 'correct horse', role: 'agent' } }]);
    const { context } = agent.actor.getSnapshot();
    expect(context.login).toBeNull();
    expect(context.sessionToken).toBe('session-token-123');
    expect(context.mediaStatus).toBe('ready');
    expect(agent.status()).toBe('away');
  });

  it('a refused password returns to the form with the reason', () => {
    const agent = startConsole();
    agent.actor.send({ type: 'user.signIn', username: 'agent1', password: 'wrong' });
    expect(agent.status()).toBe('connecting');
    agent.server({ type: 'error', code: 'AUTH_FAILED', message: 'no', inReplyTo: 'hello' });
    expect(agent.status()).toBe('signed-out');
    expect(agent.actor.getSnapshot().context.signInProblem).toBe('AUTH_FAILED');
    expect(agent.actor.getSnapshot().context.login).toBeNull();
    expect(agent.record.closed).toBe(1);
  });

  it('happy path: available, offer, accept, call, end, wrap-up, available again', async () => {
    const agent = await signedIn();
    agent.actor.send({ type: 'user.goAvailable' });
    expect(agent.sent).toEqual([{ type: 'presence.set', status: 'available' }]);
    expect(agent.status()).toBe('available');

    agent.server(offer);
    expect(agent.status()).toBe('offered');
    expect(agent.actor.getSnapshot().context.offer?.ticket.serviceLine).toBe('pensions');

    agent.actor.send({ type: 'user.accept' });
    expect(agent.sent.at(-1)).toEqual({ type: 'call.accept', offerId: 'o-1' });
    agent.server({ type: 'call.start', callId: 'call-1', selfId: 'm-agent', peers: KIOSK_PEERS, ticket });
    expect(agent.status()).toBe('in-call');
    expect(agent.record.peerInputs).toEqual([{ selfRole: 'agent', peers: KIOSK_PEERS, stream: agent.local.stream, iceServers: [] }]);

    agent.server({ type: 'signal', callId: 'call-1', from: 'm-kiosk', data: { type: 'offer', sdp: 'v=0' } });
    expect(agent.record.delivered).toEqual([{ type: 'peer.deliver', from: 'm-kiosk', data: { type: 'offer', sdp: 'v=0' } }]);
    agent.peer({ type: 'peer.signal', to: 'm-kiosk', data: { type: 'answer', sdp: 'v=0' } });
    expect(agent.sent.at(-1)).toEqual({ type: 'signal', callId: 'call-1', to: 'm-kiosk', data: { type: 'answer', sdp: 'v=0' } });
    const remote = fakeStream().stream;
    agent.peer({ type: 'peer.stream', stream: remote });
    expect(agent.actor.getSnapshot().context.remoteStream).toBe(remote);

    agent.actor.send({ type: 'user.toggleMute' });
    expect(agent.local.tracks[0]?.enabled).toBe(false);

    agent.actor.send({ type: 'user.endCall' });
    expect(agent.sent.at(-1)).toEqual({ type: 'call.end', callId: 'call-1' });
    expect(agent.status()).toBe('wrap-up');
    // The camera stays open for the next call, unmuted.
    expect(agent.local.tracks.every((t) => t.enabled && !t.stopped)).toBe(true);

    agent.actor.send({ type: 'user.chooseOutcome', outcome: 'resolved' });
    expect(agent.sent.at(-1)).toEqual({ type: 'call.wrapup', callId: 'call-1', outcome: 'resolved' });
    expect(agent.status()).toBe('available');
    expect(agent.actor.getSnapshot().context.callId).toBeNull();
  });

  it('the visitor ending the call leads to wrap-up without sending call.end', async () => {
    const agent = await inCall();
    const before = agent.sent.length;
    agent.server({ type: 'call.ended', callId: 'call-1', reason: 'visitor-ended' });
    expect(agent.status()).toBe('wrap-up');
    expect(agent.sent.length).toBe(before);
    expect(agent.actor.getSnapshot().context.endedByFailure).toBe(false);
  });

  it('a kiosk that gave up on the media makes the wrap-up suggest a technical failure', async () => {
    const agent = await inCall();
    agent.server({ type: 'call.ended', callId: 'call-1', reason: 'technical-failure' });
    expect(agent.status()).toBe('wrap-up');
    expect(agent.actor.getSnapshot().context.endedByFailure).toBe(true);
  });

  it('prepares its answer while the offer rings, fed with that offer’s ring signals only, and lets it go when the offer does', async () => {
    const agent = await signedIn();
    agent.actor.send({ type: 'user.goAvailable' });
    const fresh = [{ urls: 'turn:127.0.0.1:3478', username: 'ringing', credential: 'c' }];
    agent.record.answer.length = 0;
    agent.server({ ...offer, iceServers: fresh, iceTransportPolicy: 'relay' } as ServerMessage);
    expect(agent.record.answer).toEqual([{ prepare: { stream: agent.local.stream, iceServers: fresh, iceTransportPolicy: 'relay' } }]);
    agent.server({ type: 'ring.signal', offerId: 'o-other', data: { type: 'offer', sdp: 'not ours' } });
    agent.server({ type: 'ring.signal', offerId: 'o-1', data: { type: 'offer', sdp: 'kiosk' } });
    agent.actor.send({ type: 'user.accept' });
    // Candidates still arriving between the accept and call.start are fed too.
    agent.server({ type: 'ring.signal', offerId: 'o-1', data: { candidate: 'kiosk-1' } });
    expect(agent.record.answer.slice(1)).toEqual([{ feed: { type: 'offer', sdp: 'kiosk' } }, { feed: { candidate: 'kiosk-1' } }]);
    agent.server({ type: 'call.start', callId: 'call-1', selfId: 'm-agent', peers: KIOSK_PEERS, ticket });
    // The call's peer actor takes it (peerWarmer.ts): nothing is released on the way into the call.
    expect(agent.record.answer).not.toContain('release');

    // A declined offer lets it go; a transfer (its kiosk is in a call already) prepares nothing.
    const second = await signedIn();
    second.actor.send({ type: 'user.goAvailable' });
    second.server(offer);
    second.record.answer.length = 0;
    second.actor.send({ type: 'user.decline' });
    expect(second.record.answer).toEqual(['release']);
    second.server({ ...offer, offerId: 'o-2', handover: { note: 'CPP' } } as ServerMessage);
    expect(second.record.answer.at(-1)).toMatchObject({ prepare: { stream: null } });
  });

  it('declining sends call.decline; a withdrawn offer returns to available and says so', async () => {
    const agent = await signedIn();
    agent.actor.send({ type: 'user.goAvailable' });
    agent.server(offer);
    agent.actor.send({ type: 'user.decline' });
    expect(agent.sent.at(-1)).toEqual({ type: 'call.decline', offerId: 'o-1' });
    expect(agent.status()).toBe('available');

    agent.server({ ...offer, offerId: 'o-2' });
    agent.server({ type: 'call.offer-withdrawn', offerId: 'o-2', reason: 'visitor-left' });
    expect(agent.status()).toBe('available');
    expect(agent.actor.getSnapshot().context.offerWithdrawn).toBe(true);
  });

  it('follows the server when it sets presence', async () => {
    const agent = await signedIn();
    agent.actor.send({ type: 'user.goAvailable' });
    agent.server({ type: 'presence.status', state: 'away' });
    expect(agent.status()).toBe('away');
    agent.actor.send({ type: 'user.goAvailable' });
    agent.actor.send({ type: 'user.goAway' });
    expect(agent.sent.at(-1)).toEqual({ type: 'presence.set', status: 'away' });
  });

  it('cannot go available without camera and microphone', async () => {
    const agent = await signedIn({ mediaFails: true });
    expect(agent.actor.getSnapshot().context.mediaStatus).toBe('failed');
    agent.actor.send({ type: 'user.goAvailable' });
    expect(agent.status()).toBe('away');
    expect(agent.sent).toEqual([]);
  });

  it('a lost connection signs out, stops the camera and forgets the session', async () => {
    const agent = await inCall();
    agent.disconnect();
    expect(agent.status()).toBe('signed-out');
    const { context } = agent.actor.getSnapshot();
    expect(context.signInProblem).toBe('connectionLost');
    expect(context.sessionToken).toBeNull();
    expect(context.localStream).toBeNull();
    expect(agent.local.tracks.every((t) => t.stopped)).toBe(true);
  });

  it('the language toggle works in every state', async () => {
    const agent = await inCall();
    agent.actor.send({ type: 'user.changeLanguage', language: 'fr' });
    expect(agent.record.languages).toEqual(['fr']);
    expect(agent.status()).toBe('in-call');
  });
});

describe('agentMachine: in-call tools, notes, away reason, sign-out', () => {
  it('sends session.logout before the connection closes on sign-out', async () => {
    const agent = await signedIn();
    const closedBefore = agent.record.closed;
    agent.actor.send({ type: 'user.signOut' });
    expect(agent.sent.at(-1)).toEqual({ type: 'session.logout' });
    expect(agent.record.closed).toBe(closedBefore + 1);
    expect(agent.status()).toBe('signed-out');
  });

  it('does not send session.logout when the connection was lost', async () => {
    const agent = await signedIn();
    agent.disconnect();
    expect(agent.sent.map((m) => m.type)).not.toContain('session.logout');
  });

  it('chats and pushes within the call, keeps the chat in order, and sends notes with the outcome', async () => {
    const agent = await inCall();
    agent.actor.send({ type: 'user.sendChat', text: 'Bonjour' });
    agent.actor.send({ type: 'user.pushToScreen', content: { kind: 'qr', url: 'https://canada.ca/' } });
    expect(agent.sent.slice(-2)).toEqual([
      { type: 'chat.send', callId: 'call-1', text: 'Bonjour' },
      { type: 'screen.push', callId: 'call-1', content: { kind: 'qr', url: 'https://canada.ca/' } },
    ]);
    agent.server({ type: 'chat.message', callId: 'call-1', from: 'kiosk', text: 'Allo', seq: 2 });
    agent.server({ type: 'chat.message', callId: 'call-1', from: 'agent', text: 'Bonjour', seq: 1 });
    agent.server({ type: 'chat.message', callId: 'call-other', from: 'kiosk', text: 'stray', seq: 9 });
    expect(agent.actor.getSnapshot().context.chat.map((l) => l.text)).toEqual(['Bonjour', 'Allo']);

    agent.actor.send({ type: 'user.endCall' });
    expect(agent.actor.getSnapshot().context.chat).toEqual([]);
    agent.actor.send({ type: 'user.chooseOutcome', outcome: 'callback', notes: '  Rappeler lundi  ' });
    expect(agent.sent.at(-1)).toEqual({ type: 'call.wrapup', callId: 'call-1', outcome: 'callback', notes: 'Rappeler lundi' });
  });

  it('leaves out blank notes, and sends a coarse reason when stepping away', async () => {
    const agent = await inCall();
    agent.actor.send({ type: 'user.endCall' });
    agent.actor.send({ type: 'user.chooseOutcome', outcome: 'resolved', notes: '   ' });
    expect(agent.sent.at(-1)).toEqual({ type: 'call.wrapup', callId: 'call-1', outcome: 'resolved' });
    agent.actor.send({ type: 'user.goAway', reason: 'meal' });
    expect(agent.sent.at(-1)).toEqual({ type: 'presence.set', status: 'away', reason: 'meal' });
    expect(agent.actor.getSnapshot().context.awayReason).toBe('meal');
  });
});

describe('agentMachine: warm transfer and interpreters', () => {
  it('asks for a colleague with a note, follows the transfer, and is free again once it has left the call', async () => {
    const agent = await inCall();
    agent.actor.send({ type: 'user.transfer', serviceLine: 'passport', note: '  Needs a passport appointment.  ' });
    expect(agent.sent.at(-1)).toEqual({ type: 'call.transfer', callId: 'call-1', serviceLine: 'passport', handover: { note: 'Needs a passport appointment.' } });
    agent.server({ type: 'call.transfer.status', callId: 'call-1', state: 'waiting' });
    expect(agent.actor.getSnapshot().context.transfer).toEqual({ state: 'waiting' });
    // The colleague joins: the peer actor opens a link to answer them.
    agent.server({ type: 'call.member', callId: 'call-1', memberId: 'm-b', role: 'agent', state: 'joined' });
    expect(agent.record.delivered.at(-1)).toEqual({ type: 'peer.memberJoined', memberId: 'm-b', role: 'agent' });
    agent.server({ type: 'call.transfer.status', callId: 'call-1', state: 'joined' });
    agent.actor.send({ type: 'user.leaveCall' });
    expect(agent.sent.at(-1)).toEqual({ type: 'call.leave', callId: 'call-1' });
    agent.server({ type: 'call.left', callId: 'call-1', reason: 'transferred' });
    expect(agent.status()).toBe('available');
    expect(agent.actor.getSnapshot().context.transfer).toBeNull();
  });

  it('lists colleagues for a named transfer, names the one picked, and forgets the list with the call', async () => {
    const agent = await inCall();
    agent.actor.send({ type: 'user.findColleagues' });
    expect(agent.sent.at(-1)).toEqual({ type: 'call.colleagues', callId: 'call-1' });
    const marie: Colleague = { agentId: 'a-2', displayName: 'Marie T.', state: 'available', serviceLines: ['pensions'], languages: ['fr'] };
    // A list for another call (a late answer) is not this one's.
    agent.server({ type: 'call.colleagues.list', callId: 'call-0', colleagues: [] });
    expect(agent.actor.getSnapshot().context.colleagues).toBeNull();
    agent.server({ type: 'call.colleagues.list', callId: 'call-1', colleagues: [marie] });
    expect(agent.actor.getSnapshot().context.colleagues).toEqual([marie]);
    agent.actor.send({ type: 'user.transfer', serviceLine: 'pensions', agentId: 'a-2' });
    expect(agent.sent.at(-1)).toEqual({ type: 'call.transfer', callId: 'call-1', serviceLine: 'pensions', agentId: 'a-2' });
    agent.server({ type: 'call.left', callId: 'call-1', reason: 'transferred' });
    expect(agent.actor.getSnapshot().context.colleagues).toBeNull();
  });

  it('shows a transfer offer with the note, then the note in the call', async () => {
    const agent = await signedIn();
    agent.actor.send({ type: 'user.goAvailable' });
    agent.server({ ...offer, handover: { note: 'Survivor benefit.' } } as ServerMessage);
    agent.actor.send({ type: 'user.accept' });
    agent.server({
      type: 'call.start',
      callId: 'call-1',
      selfId: 'm-b',
      peers: [
        { memberId: 'm-kiosk', role: 'kiosk', initiator: true },
        { memberId: 'm-a', role: 'agent', initiator: true },
      ],
      ticket,
      handover: { note: 'Survivor benefit.' },
    });
    expect(agent.status()).toBe('in-call');
    expect(agent.actor.getSnapshot().context.handover).toEqual({ note: 'Survivor benefit.' });
    expect(agent.record.peerInputs.at(-1)?.peers).toHaveLength(2);
  });

  it('signs an interpreter in, answers an invitation with interpreter.accept, and leaves instead of ending', async () => {
    const agent = startConsole();
    agent.actor.send({ type: 'user.signIn', username: 'interp', password: 'correct horse', role: 'interpreter' });
    expect(agent.record.signingIn).toEqual([{ login: { username: 'interp', password: 'correct horse', role: 'interpreter' } }]);
    agent.server({ ...welcome, role: 'interpreter' });
    await waitFor(agent.actor, (s) => s.context.mediaStatus !== 'preparing');
    agent.actor.send({ type: 'user.goAvailable' });
    agent.server({ type: 'interpreter.offer', offerId: 'o-9', interpreterLanguage: 'iu', ticket, expiresInMs: 20_000 });
    expect(agent.status()).toBe('offered');
    agent.actor.send({ type: 'user.accept' });
    expect(agent.sent.at(-1)).toEqual({ type: 'interpreter.accept', offerId: 'o-9' });
    agent.server({
      type: 'call.start',
      callId: 'call-2',
      selfId: 'm-i',
      peers: [{ memberId: 'm-kiosk', role: 'kiosk', initiator: true }],
      ticket,
      interpreterLanguage: 'iu',
    });
    expect(agent.record.peerInputs.at(-1)?.selfRole).toBe('interpreter');
    expect(agent.actor.getSnapshot().context.interpretingFor).toBe('iu');
    agent.actor.send({ type: 'user.endCall' });
    expect(agent.sent.at(-1)).toEqual({ type: 'call.leave', callId: 'call-2' });
    // The agent ended the call for everyone: the interpreter is freed without a wrap-up.
    agent.server({ type: 'call.ended', callId: 'call-2', reason: 'agent-ended' });
    agent.server({ type: 'presence.status', state: 'available' });
    expect(agent.status()).toBe('available');
  });
});
