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

export type PeerEvent =
  | { type: 'peer.signal'; data: Record<string, unknown> }
  | { type: 'peer.stream'; stream: MediaStream }
  | { type: 'peer.connected' }
  | { type: 'peer.closed' }
  | { type: 'peer.failed'; code: string };

export class NotProvidedError extends Error {
  constructor(what: string) {
    super(`${what} must be provided with machine.provide()`);
    this.name = 'NotProvidedError';
  }
}

export const placeholderPeerActor = fromCallback<PeerDeliverCommand, PeerActorInput>(() => {
  throw new NotProvidedError('actor "peer"');
});

export const placeholderMediaActor = fromPromise<MediaStream>(() => Promise.reject(new NotProvidedError('actor "acquireMedia"')));
