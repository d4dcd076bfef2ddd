import { fromCallback, fromPromise } from 'xstate';
import type { IceServer, IceTransportPolicy } from '../../../protocol/index.js';

/**
 * The call's side effects as XState actor contracts. Machines declare these placeholders;
 * the apps provide real ones (peerActor.ts, media.ts) and tests provide fakes, so a machine
 * runs in Node without WebRTC, a camera or a DOM.
 */
export interface PeerActorInput {
  initiator: boolean;
  stream: MediaStream;
  iceServers: readonly IceServer[];
  /** From `welcome`; `relay` allows only TURN candidates. Absent = the browser default (`all`). */
  iceTransportPolicy?: IceTransportPolicy | undefined;
}

/** A signal relayed by the server, for the local peer. */
export interface PeerDeliverCommand {
  type: 'peer.deliver';
  data: Record<string, unknown>;
}

/** The person chose to stop sending their camera (voice and chat go on); false gives it back. */
export interface PeerAudioOnlyCommand {
  type: 'peer.audioOnly';
  on: boolean;
}

export type PeerCommand = PeerDeliverCommand | PeerAudioOnlyCommand;

/**
 * The link as the screens show it, about once a second (renderer/shared/call/quality/).
 * Figures are undefined until measured; `labelKey` is the kiosk's plain phrase (none at warm-up).
 */
export interface CallQuality {
  settled: boolean;
  level: 'good' | 'fair' | 'poor';
  /** We send no video: the plan's last step, or the person's own choice. */
  audioOnly: boolean;
  labelKey: 'call.quality.good' | 'call.quality.fair' | 'call.quality.poor' | 'call.quality.audioOnly' | undefined;
  lossPct: number | undefined;
  rttMs: number | undefined;
  inboundKbps: number | undefined;
  receivedFps: number | undefined;
}

export type PeerEvent =
  | { type: 'peer.signal'; data: Record<string, unknown> }
  | { type: 'peer.stream'; stream: MediaStream }
  | { type: 'peer.connected' }
  | { type: 'peer.closed' }
  | { type: 'peer.failed'; code: string }
  /** Media is interrupted and being recovered (ICE restart or rejoin); attempt 0 = the short grace. */
  | { type: 'peer.recovering'; attempt: number }
  | { type: 'peer.recovered' }
  | { type: 'peer.quality'; quality: CallQuality };

export class NotProvidedError extends Error {
  constructor(what: string) {
    super(`${what} must be provided with machine.provide()`);
    this.name = 'NotProvidedError';
  }
}

export const placeholderPeerActor = fromCallback<PeerCommand, PeerActorInput>(() => {
  throw new NotProvidedError('actor "peer"');
});

export const placeholderMediaActor = fromPromise<MediaStream>(() => Promise.reject(new NotProvidedError('actor "acquireMedia"')));
