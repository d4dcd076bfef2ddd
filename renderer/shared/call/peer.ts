// The only module that touches simple-peer: swapping the WebRTC library means rewriting this file alone.
import 'webrtc-adapter';
import SimplePeer from '@thaunknown/simple-peer';
import type { IceServer, IceTransportPolicy } from '../../../protocol/index.js';

export interface PeerOptions {
  /** The initiator writes the WebRTC offer (the server says who, in `call.start`). */
  initiator: boolean;
  stream: MediaStream;
  iceServers: readonly IceServer[];
  iceTransportPolicy?: IceTransportPolicy | undefined;
  /** Offer, answer or ICE candidate to relay to the other side through the server. */
  onSignal(data: Record<string, unknown>): void;
  onRemoteStream(stream: MediaStream): void;
  onConnect(): void;
  onClose(): void;
  onError(code: string): void;
}

export interface Peer {
  /** Feeds a signal relayed from the other side. */
  signal(data: Record<string, unknown>): void;
  destroy(): void;
}

export function createPeer(options: PeerOptions): Peer {
  const peer = new SimplePeer({
    initiator: options.initiator,
    stream: options.stream,
    trickle: true,
    config: {
      iceServers: options.iceServers.map((server) => ({ ...server })),
      ...(options.iceTransportPolicy ? { iceTransportPolicy: options.iceTransportPolicy } : {}),
    },
  });
  peer.on('signal', (data) => options.onSignal(data));
  peer.on('stream', (stream) => options.onRemoteStream(stream));
  peer.on('connect', () => options.onConnect());
  peer.on('close', () => options.onClose());
  peer.on('error', (error) => options.onError(error.code ?? 'ERR_PEER'));
  return {
    signal(data) {
      if (!peer.destroyed) peer.signal(data);
    },
    destroy() {
      if (!peer.destroyed) peer.destroy();
    },
  };
}
