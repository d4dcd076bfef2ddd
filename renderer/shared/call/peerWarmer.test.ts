import { describe, expect, it } from 'vitest';
import { fakePeerFactory, type FakePeer } from './fakePeer.fixture.js';
import type { PeerOptions } from './peer.js';
import { PeerWarmer, WARM_PEER_MAX_AGE_MS } from './peerWarmer.js';

const RINGING_SERVERS = [{ urls: 'turn:127.0.0.1:3478', username: 'ringing', credential: 'a' }];
const CALL_SERVERS = [{ urls: 'turn:127.0.0.1:3478', username: 'call', credential: 'b' }];

function setUp() {
  const warmFakes = fakePeerFactory();
  const realFakes = fakePeerFactory();
  const clock = { now: 0 };
  const warmer = new PeerWarmer(async () => ({ createPeer: warmFakes.createPeer }), () => clock.now);
  const linkSignals: Record<string, unknown>[] = [];
  const linkEvents: string[] = [];
  // Like CallLink, a link ignores signals from a connection its createPeer call has not returned yet.
  let linked: unknown;
  const createPeer = (options: PeerOptions) => {
    linked = undefined;
    linked = warmer.createPeer(realFakes.createPeer)(options);
    return linked as FakePeer;
  };
  const linkOptions = (over: Partial<PeerOptions> = {}): PeerOptions => ({
    initiator: true,
    stream: warmFakes.stream,
    iceServers: CALL_SERVERS,
    onSignal: (data) => (linked ? linkSignals.push(data) : linkEvents.push('signal too early')),
    onRemoteStream: () => linkEvents.push('stream'),
    onConnect: () => linkEvents.push('connect'),
    onClose: () => linkEvents.push('close'),
    onError: (code) => linkEvents.push(`error:${code}`),
    ...over,
  });
  const early: Record<string, unknown>[] = [];
  const prepare = async (initiator = true) => {
    warmer.prepare({ stream: warmFakes.stream, iceServers: RINGING_SERVERS, initiator, onEarlySignal: (data) => early.push(data) });
    await Promise.resolve();
    await Promise.resolve();
    return warmFakes.peers.at(-1)!;
  };
  return { warmer, warmFakes, realFakes, clock, createPeer, linkSignals, linkEvents, linkOptions, prepare, early };
}

describe('PeerWarmer: each side of a call made ready while the agent’s console rings', () => {
  it('gives the ready connection to the call’s offering link, its held offer and candidates first, in order', async () => {
    const { createPeer, prepare, linkOptions, linkSignals, linkEvents, realFakes, early } = setUp();
    const warm = await prepare();
    expect(warm.options).toMatchObject({ initiator: true, iceServers: RINGING_SERVERS });
    warm.options.onSignal({ type: 'offer', sdp: 'v=0' });
    warm.options.onSignal({ candidate: 'host-1' });
    // The kiosk sends them to the ringing console as they are written, and keeps them for the call.
    expect(early).toEqual([{ type: 'offer', sdp: 'v=0' }, { candidate: 'host-1' }]);

    const peer = createPeer(linkOptions());
    expect(peer).toBe(warm);
    expect(realFakes.peers).toHaveLength(0);
    // A candidate gathered while the link is being handed the connection keeps its place.
    warm.options.onSignal({ candidate: 'host-2' });
    await Promise.resolve();
    expect(linkSignals).toEqual([{ type: 'offer', sdp: 'v=0' }, { candidate: 'host-1' }, { candidate: 'host-2' }]);
    // The ringing's servers stay: changing them would make Chromium gather every candidate again.
    expect((peer as FakePeer).options.iceServers).toEqual(RINGING_SERVERS);
    // From now on the link hears everything directly.
    warm.options.onSignal({ candidate: 'host-3' });
    warm.options.onConnect();
    expect(linkSignals.at(-1)).toEqual({ candidate: 'host-3' });
    expect(linkEvents).toEqual(['connect']);
    expect(early).toHaveLength(2);
    // Taken once: a rejoin's connection is a fresh one.
    createPeer(linkOptions());
    expect(realFakes.peers).toHaveLength(1);
  });

  it('answers the kiosk’s ring signals while ringing, holds the answer and the kiosk’s media, and applies nothing twice in the call', async () => {
    const { warmer, warmFakes, createPeer, linkOptions, linkSignals, realFakes, early } = setUp();
    const streams: MediaStream[] = [];
    warmer.prepare({ stream: warmFakes.stream, iceServers: RINGING_SERVERS, initiator: false });
    // The kiosk's offer may arrive while the WebRTC module still loads: it waits for the connection.
    warmer.feed({ type: 'offer', sdp: 'kiosk' });
    await Promise.resolve();
    await Promise.resolve();
    const warm = warmFakes.peers[0]!;
    expect(warm.options.initiator).toBe(false);
    warmer.feed({ candidate: 'kiosk-1' });
    expect(warm.signalled).toEqual([{ type: 'offer', sdp: 'kiosk' }, { candidate: 'kiosk-1' }]);
    // The answer stays on the console until the call: without it the kiosk cannot connect.
    warm.options.onSignal({ type: 'answer', sdp: 'console' });
    expect(early).toEqual([]);
    // Applying the offer announced the kiosk's media: kept for the call's link.
    const kioskMedia = {} as MediaStream;
    warm.options.onRemoteStream(kioskMedia);

    const peer = createPeer(linkOptions({ initiator: false, onRemoteStream: (stream) => streams.push(stream) }));
    expect(realFakes.peers).toHaveLength(0);
    await Promise.resolve();
    expect(linkSignals).toEqual([{ type: 'answer', sdp: 'console' }]);
    expect(streams).toEqual([kioskMedia]);
    // The kiosk's signals come again through the call: those applied already are skipped, new ones go in.
    peer.signal({ type: 'offer', sdp: 'kiosk' });
    peer.signal({ candidate: 'kiosk-1' });
    peer.signal({ candidate: 'kiosk-2' });
    expect(warm.signalled).toEqual([{ type: 'offer', sdp: 'kiosk' }, { candidate: 'kiosk-1' }, { candidate: 'kiosk-2' }]);
    // A later renegotiation with the same text (an ICE restart offer differs anyway) is applied again.
    peer.signal({ candidate: 'kiosk-1' });
    expect(warm.signalled).toHaveLength(4);
    // Once taken, ring signals are no longer its business.
    warmer.feed({ candidate: 'late' });
    expect(warm.signalled).toHaveLength(4);
  });

  it('drops ring signals when nothing is being made ready', () => {
    const { warmer, warmFakes } = setUp();
    warmer.feed({ type: 'offer', sdp: 'kiosk' });
    expect(warmFakes.peers).toHaveLength(0);
  });

  it.each([
    ['the answering side', { initiator: false }],
    ['another camera stream', { stream: {} as MediaStream }],
    ['a relay-only policy it was not made with', { iceTransportPolicy: 'relay' as const }],
  ])('makes a fresh connection for %s, and closes the ready one', async (_, over) => {
    const { createPeer, prepare, linkOptions, realFakes } = setUp();
    const warm = await prepare();
    const peer = createPeer(linkOptions(over));
    expect(peer).toBe(realFakes.peers[0]);
    expect(warm.destroyed).toBe(true);
  });

  it('does not use a connection that failed, or one made too long ago', async () => {
    const failed = setUp();
    const broken = await failed.prepare();
    broken.options.onError('ERR_ICE_CONNECTION_FAILURE');
    expect(failed.createPeer(failed.linkOptions())).toBe(failed.realFakes.peers[0]);
    expect(failed.linkEvents).toEqual([]);

    const old = setUp();
    const stale = await old.prepare();
    old.clock.now += WARM_PEER_MAX_AGE_MS;
    expect(old.createPeer(old.linkOptions())).toBe(old.realFakes.peers[0]);
    expect(stale.destroyed).toBe(true);
  });

  it('opens nothing for a call that started while its connection was still being made ready', async () => {
    const { warmer, warmFakes, createPeer, linkOptions, realFakes } = setUp();
    warmer.prepare({ stream: warmFakes.stream, iceServers: RINGING_SERVERS, initiator: true });
    // The accept outran the WebRTC module's load: the call makes its own connection.
    expect(createPeer(linkOptions())).toBe(realFakes.peers[0]);
    await Promise.resolve();
    await Promise.resolve();
    expect(warmFakes.peers).toHaveLength(0);
  });

  it('keeps one ready connection at most, and leaves nothing open when the visit moves on', async () => {
    const { warmer, prepare, warmFakes, createPeer, linkOptions, realFakes } = setUp();
    const first = await prepare();
    const second = await prepare();
    expect(first.destroyed).toBe(true);
    warmer.discard();
    expect(second.destroyed).toBe(true);
    // A ringing whose module load finishes after the discard opens nothing.
    warmer.prepare({ stream: warmFakes.stream, iceServers: RINGING_SERVERS, initiator: true });
    warmer.feed({ type: 'offer', sdp: 'kiosk' });
    warmer.discard();
    await Promise.resolve();
    await Promise.resolve();
    expect(warmFakes.peers).toHaveLength(2);
    expect(createPeer(linkOptions())).toBe(realFakes.peers[0]);
  });
});
