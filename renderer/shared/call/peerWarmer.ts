import type { IceServer, IceTransportPolicy } from '../../../protocol/index.js';
import type { Peer, PeerOptions } from './peer.js';

/** A connection made ready this long ago or more is not used: its TURN allocation may be stale. */
export const WARM_PEER_MAX_AGE_MS = 60_000;

export interface WarmStart {
  stream: MediaStream;
  iceServers: readonly IceServer[];
  iceTransportPolicy?: IceTransportPolicy | undefined;
  /**
   * Who writes the offer: the kiosk makes its offer at once; the console answers the kiosk's
   * offer, fed to it as the kiosk's ring signals arrive (`feed`).
   */
  initiator: boolean;
  /** Each signal written before a call takes the connection, as it is written (the kiosk sends them to the ringing console). */
  onEarlySignal?: (data: Record<string, unknown>) => void;
}

type Callbacks = Omit<PeerOptions, 'initiator' | 'stream' | 'iceServers' | 'iceTransportPolicy'>;

interface Warm {
  peer: Peer;
  start: WarmStart;
  at: number;
  /** Signals (offer or answer, candidates) written before any call took the connection, in order. */
  held: Record<string, unknown>[];
  /** The other side's signals fed before the call (as JSON): the same ones relayed again in the call are not applied twice. */
  fed: Set<string>;
  /** The other side's media, announced when the console applied the kiosk's offer, before any call took the connection. */
  remoteStream?: MediaStream;
  /** The link that took the connection: from then on every callback is its own. */
  owner?: Callbacks;
  /** Held signals go to the owner once its createPeer call has returned (it ignores them before). */
  handingOver: boolean;
  failed: boolean;
}

/**
 * One side of a call, made ready while the agent's console rings: the RTCPeerConnection with the
 * open camera's tracks, and the signals it writes meanwhile.
 * - The kiosk (`call.ringing`) makes its offer and ICE candidates, and sends each to the ringing
 *   console as it is written (`onEarlySignal`, the `ring.signal` message).
 * - The console (`call.offer`) is fed those signals and writes its answer, which it holds: the
 *   kiosk cannot finish the connection without it, so no media flows before the accept.
 * When the call starts, the link for that member takes this connection and its held signals go
 * out at once, so the accept waits for neither the offer nor the answer (issue 7,
 * docs/performance.md). The kiosk's signals also go through the call as before, and the console
 * applies none twice, so either side may be an older version or may not have been ready in time.
 * Anything that does not match exactly (another stream, another transport policy, the other
 * side, too old, failed) is not used, and a fresh connection is made.
 */
export class PeerWarmer {
  private warm: Warm | undefined;
  /** Signals fed while the WebRTC module loads, for the connection about to open. */
  private fedEarly: Record<string, unknown>[] | undefined;
  private generation = 0;

  constructor(
    private readonly load: () => Promise<{ createPeer(options: PeerOptions): Peer }>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Makes a connection ready for the next call; one made earlier is dropped. */
  prepare(start: WarmStart): void {
    this.discard();
    const generation = ++this.generation;
    const fedEarly: Record<string, unknown>[] = [];
    this.fedEarly = fedEarly;
    void this.load().then(
      ({ createPeer }) => {
        if (generation !== this.generation) return;
        this.fedEarly = undefined;
        this.warm = this.open(createPeer, start);
        for (const data of fedEarly) this.feed(data);
      },
      // The call itself will load the module again and report the failure.
      () => undefined,
    );
  }

  /** A signal from the other side for the connection being made ready (the console: the kiosk's ring signals). */
  feed(data: Record<string, unknown>): void {
    const warm = this.warm;
    if (!warm) {
      this.fedEarly?.push(data);
      return;
    }
    if (warm.owner || warm.failed) return;
    warm.fed.add(JSON.stringify(data));
    warm.peer.signal(data);
  }

  /** The visit ended or moved on: nothing of it stays open. */
  discard(): void {
    this.generation += 1;
    this.fedEarly = undefined;
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
    // Taken or not, nothing prepared for this call may open after it started (one still loading, too).
    this.discard();
    if (!warm) return undefined;
    const usable =
      options.initiator === warm.start.initiator &&
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
      if (warm.remoteStream) callbacks.onRemoteStream(warm.remoteStream);
    });
    const { peer, fed } = warm;
    if (fed.size === 0) return peer;
    return {
      ...peer,
      // The kiosk's offer and candidates come again through the call: each was applied once already.
      signal: (data) => (fed.size > 0 && fed.delete(JSON.stringify(data)) ? undefined : peer.signal(data)),
    };
  }

  private open(createPeer: (options: PeerOptions) => Peer, start: WarmStart): Warm {
    const warm: Omit<Warm, 'peer'> = { start, at: this.now(), held: [], fed: new Set(), handingOver: false, failed: false };
    // Before a call takes it, only its signals matter (held, and sent early if asked); a failure makes it unusable.
    const unusable = () => {
      warm.failed = true;
    };
    const early = (data: Record<string, unknown>) => {
      warm.held.push(data);
      start.onEarlySignal?.(data);
    };
    const peer = createPeer({
      initiator: start.initiator,
      stream: start.stream,
      iceServers: start.iceServers,
      iceTransportPolicy: start.iceTransportPolicy,
      onSignal: (data) => {
        if (!warm.owner) early(data);
        else if (warm.handingOver) warm.held.push(data);
        else warm.owner.onSignal(data);
      },
      onRemoteStream: (stream) => {
        if (warm.owner && !warm.handingOver) warm.owner.onRemoteStream(stream);
        else warm.remoteStream = stream;
      },
      onConnect: () => warm.owner?.onConnect(),
      onIceState: (state) => warm.owner?.onIceState?.(state),
      onError: (code) => (warm.owner ? warm.owner.onError(code) : unusable()),
      onClose: () => (warm.owner ? warm.owner.onClose() : unusable()),
    });
    return Object.assign(warm, { peer });
  }
}
