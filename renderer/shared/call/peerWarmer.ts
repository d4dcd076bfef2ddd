import type { IceServer, IceTransportPolicy } from '../../../protocol/index.js';
import type { Peer, PeerOptions } from './peer.js';

/** A connection made ready this long ago or more is not used: its TURN allocation may be stale. */
export const WARM_PEER_MAX_AGE_MS = 60_000;

export interface WarmStart {
  stream: MediaStream;
  iceServers: readonly IceServer[];
  iceTransportPolicy?: IceTransportPolicy | undefined;
}

type Callbacks = Omit<PeerOptions, 'initiator' | 'stream' | 'iceServers' | 'iceTransportPolicy'>;

interface Warm {
  peer: Peer;
  start: WarmStart;
  at: number;
  /** Signals (the offer, candidates) written before any call took the connection, in order. */
  held: Record<string, unknown>[];
  /** The link that took the connection: from then on every callback is its own. */
  owner?: Callbacks;
  /** Held signals go to the owner once its createPeer call has returned (it ignores them before). */
  handingOver: boolean;
  failed: boolean;
}

/**
 * The kiosk's side of a call, made ready while the agent's console rings (`call.ringing`): the
 * RTCPeerConnection with the open camera's tracks, its offer and its ICE candidates. When the call
 * starts, the link that writes the offer to the agent takes this connection and its held signals
 * go out at once, so the accept waits for neither the offer nor the screen change (issue 7,
 * docs/performance.md). Anything that does not match exactly (another stream, another transport
 * policy, the responder side, too old, failed) is not used, and a fresh connection is made.
 */
export class PeerWarmer {
  private warm: Warm | undefined;
  private generation = 0;

  constructor(
    private readonly load: () => Promise<{ createPeer(options: PeerOptions): Peer }>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Makes a connection ready for the next call; one made earlier is dropped. */
  prepare(start: WarmStart): void {
    this.discard();
    const generation = ++this.generation;
    void this.load().then(
      ({ createPeer }) => {
        if (generation !== this.generation) return;
        this.warm = this.open(createPeer, start);
      },
      // The call itself will load the module again and report the failure.
      () => undefined,
    );
  }

  /** The visit ended or moved on: nothing of it stays open. */
  discard(): void {
    this.generation += 1;
    const warm = this.warm;
    this.warm = undefined;
    if (warm && !warm.owner) warm.peer.destroy();
  }

  /** `createPeer` for the call's links: the matching one takes the ready connection, others get `real`. */
  createPeer(real: (options: PeerOptions) => Peer): (options: PeerOptions) => Peer {
    return (options) => this.take(options) ?? real(options);
  }

  private take(options: PeerOptions): Peer | undefined {
    const warm = this.warm;
    this.warm = undefined;
    if (!warm) return undefined;
    const usable =
      options.initiator &&
      !warm.failed &&
      options.stream === warm.start.stream &&
      options.iceTransportPolicy === warm.start.iceTransportPolicy &&
      this.now() - warm.at < WARM_PEER_MAX_AGE_MS;
    if (!usable) {
      warm.peer.destroy();
      return undefined;
    }
    // The ICE servers stay the ringing's (minted seconds before the call's own): Chromium treats a
    // change of servers as an ICE restart and gathers every candidate again.
    const { initiator: _initiator, stream: _stream, iceServers: _servers, iceTransportPolicy: _policy, ...callbacks } = options;
    warm.owner = callbacks;
    warm.handingOver = true;
    queueMicrotask(() => {
      for (const data of warm.held.splice(0)) callbacks.onSignal(data);
      warm.handingOver = false;
    });
    return warm.peer;
  }

  private open(createPeer: (options: PeerOptions) => Peer, start: WarmStart): Warm {
    const warm: Omit<Warm, 'peer'> = { start, at: this.now(), held: [], handingOver: false, failed: false };
    // Before a call takes it, only its signals matter (held); a failure makes it unusable.
    const unusable = () => {
      warm.failed = true;
    };
    const peer = createPeer({
      initiator: true,
      stream: start.stream,
      iceServers: start.iceServers,
      iceTransportPolicy: start.iceTransportPolicy,
      onSignal: (data) => (warm.owner && !warm.handingOver ? warm.owner.onSignal(data) : warm.held.push(data)),
      onRemoteStream: (stream) => warm.owner?.onRemoteStream(stream),
      onConnect: () => warm.owner?.onConnect(),
      onIceState: (state) => warm.owner?.onIceState?.(state),
      onError: (code) => (warm.owner ? warm.owner.onError(code) : unusable()),
      onClose: () => (warm.owner ? warm.owner.onClose() : unusable()),
    });
    return Object.assign(warm, { peer });
  }
}
