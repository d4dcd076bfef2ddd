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
  /** Every `iceConnectionState` change: the recovery ladder watches it. */
  onIceState?(state: RTCIceConnectionState): void;
}

export interface Peer {
  /** Feeds a signal relayed from the other side. */
  signal(data: Record<string, unknown>): void;
  /**
   * New ICE credentials and a new offer through the same signal relay (initiator only: the
   * responder answers it like any renegotiation). The call's tracks and streams stay as they are.
   */
  restartIce(): void;
  /** The connection's getStats() report as a list of stats objects; empty once closed. */
  getStats(): Promise<Record<string, unknown>[]>;
  /** Our outgoing video sender, for resolution steps and audio-only; undefined once closed. */
  videoSender(): RTCRtpSender | undefined;
  /** The connection's `iceConnectionState` now; undefined once closed. */
  iceState(): RTCIceConnectionState | undefined;
  destroy(): void;
}

/** simple-peer's connection: typed here because the fork's public API does not expose it. */
interface WithConnection {
  _pc: RTCPeerConnection | null;
  negotiate(): void;
}

export function createPeer(options: PeerOptions): Peer {
  const peer = new SimplePeer({
    initiator: options.initiator,
    stream: options.stream,
    trickle: true,
    config: {
      bundlePolicy: 'max-bundle',
      iceServers: options.iceServers.map((server) => ({ ...server })),
      ...(options.iceTransportPolicy ? { iceTransportPolicy: options.iceTransportPolicy } : {}),
    },
  });
  const internals = peer as unknown as WithConnection;
  peer.on('signal', (data) => options.onSignal(data));
  peer.on('stream', (stream) => options.onRemoteStream(stream));
  peer.on('connect', () => options.onConnect());
  peer.on('close', () => options.onClose());
  peer.on('error', (error) => options.onError(error.code ?? 'ERR_PEER'));
  peer.on('iceStateChange', (state) => options.onIceState?.(state));
  return {
    signal(data) {
      if (!peer.destroyed) peer.signal(data);
    },
    restartIce() {
      const pc = internals._pc;
      if (peer.destroyed || !pc) return;
      // restartIce() marks the next offer as a restart; simple-peer does not listen for
      // negotiationneeded, so its own negotiate() writes that offer and sends it as a signal.
      pc.restartIce();
      internals.negotiate();
    },
    async getStats() {
      const pc = internals._pc;
      if (peer.destroyed || !pc) return [];
      const report = await pc.getStats();
      const list: Record<string, unknown>[] = [];
      report.forEach((stat: Record<string, unknown>) => list.push(stat));
      return list;
    },
    videoSender() {
      const pc = internals._pc;
      if (peer.destroyed || !pc) return undefined;
      return pc.getSenders().find((sender) => sender.track?.kind === 'video' || (sender.track === null && isVideoSender(pc, sender)));
    },
    iceState() {
      return peer.destroyed ? undefined : (internals._pc?.iceConnectionState ?? undefined);
    },
    destroy() {
      if (!peer.destroyed) peer.destroy();
    },
  };
}

/** A video sender whose track we took away (audio-only) has no track to tell its kind. */
function isVideoSender(pc: RTCPeerConnection, sender: RTCRtpSender): boolean {
  return pc.getTransceivers().some((transceiver) => transceiver.sender === sender && transceiver.receiver.track.kind === 'video');
}
