import type { Peer, PeerOptions } from './peer.js';

/** A Peer that records what it was given, for link and mesh tests without WebRTC. */
export interface FakePeer extends Peer {
  options: PeerOptions;
  signalled: Record<string, unknown>[];
  restarts: number;
  destroyed: boolean;
}

/** A createPeer that keeps every fake it made; `ice.state` is what each reports when asked. */
export function fakePeerFactory() {
  const peers: FakePeer[] = [];
  const ice = { state: 'connected' as RTCIceConnectionState };
  const createPeer = (options: PeerOptions): Peer => {
    const peer: FakePeer = {
      options,
      signalled: [],
      restarts: 0,
      destroyed: false,
      signal: (data) => peer.signalled.push(data),
      restartIce: () => (peer.restarts += 1),
      getStats: async () => [],
      videoSender: () => undefined,
      iceState: () => ice.state,
      destroy: () => (peer.destroyed = true),
    };
    peers.push(peer);
    return peer;
  };
  const silent = { info: () => {}, warn: () => {}, error: () => {} };
  const stream = { getVideoTracks: () => [] } as unknown as MediaStream;
  return { peers, ice, createPeer, silent, stream };
}
