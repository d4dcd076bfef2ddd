import { fromCallback, fromPromise } from 'xstate';
import type { CallMemberRole, CallPeer, IceServer, IceTransportPolicy } from '../../../protocol/index.js';

/**
 * The call's side effects as XState actor contracts. Machines declare these placeholders;
 * the apps provide real ones (peerActor.ts, media.ts) and tests provide fakes, so a machine
 * runs in Node without WebRTC, a camera or a DOM.
 */
/** One WebRTC link to one other member of the call (callLink.ts). */
export interface LinkInput {
  initiator: boolean;
  stream: MediaStream;
  iceServers: readonly IceServer[];
  /** From `welcome`; `relay` allows only TURN candidates. Absent = the browser default (`all`). */
  iceTransportPolicy?: IceTransportPolicy | undefined;
}

/**
 * The call's media: one link per other member (callMesh.ts). `selfRole` decides whose link the
 * screens follow for "connected", recovery and quality: the kiosk follows its agent, everyone
 * else the kiosk.
 */
export interface PeerActorInput extends Omit<LinkInput, 'initiator'> {
  selfRole: CallMemberRole;
  peers: readonly CallPeer[];
}

/** A signal relayed by the server, for the local link to the member who sent it. */
export interface PeerDeliverCommand {
  type: 'peer.deliver';
  from: string;
  data: Record<string, unknown>;
}

/** Someone joined the call (they write the offer; this side answers) or left it. */
export type PeerMemberCommand =
  | { type: 'peer.memberJoined'; memberId: string; role: CallMemberRole }
  | { type: 'peer.memberLeft'; memberId: string };

/** The person chose to stop sending their camera (voice and chat go on); false gives it back. */
export interface PeerAudioOnlyCommand {
  type: 'peer.audioOnly';
  on: boolean;
}

export type PeerCommand = PeerDeliverCommand | PeerMemberCommand | PeerAudioOnlyCommand;
/** What one link takes: a signal for its own connection, or the audio-only choice. */
export type LinkCommand = { type: 'peer.deliver'; data: Record<string, unknown> } | PeerAudioOnlyCommand;

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

/** Another member's video beside the main one: a colleague joining by transfer, an interpreter. */
export interface GuestTile {
  memberId: string;
  role: CallMemberRole;
  stream: MediaStream | null;
}

/** What one link reports; the mesh turns these into PeerEvents. */
export type LinkEvent =
  | { type: 'peer.signal'; data: Record<string, unknown> }
  | { type: 'peer.stream'; stream: MediaStream }
  | Exclude<PeerEvent, { type: 'peer.signal' | 'peer.stream' | 'peer.guests' }>;

export type PeerEvent =
  | { type: 'peer.signal'; to: string; data: Record<string, unknown> }
  /** The main video: the member this side follows (see PeerActorInput). */
  | { type: 'peer.stream'; stream: MediaStream }
  /** Everyone else in the call, in joining order, whenever that changes. */
  | { type: 'peer.guests'; guests: GuestTile[] }
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
