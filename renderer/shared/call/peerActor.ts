import { fromCallback, fromPromise } from 'xstate';
import type { Logger } from '../log/logger.js';
import type { PeerActorInput, PeerDeliverCommand, PeerEvent } from './callActors.js';
import { openCameraAndMicrophone } from './media.js';
import type * as PeerModule from './peer.js';
import type { Peer } from './peer.js';

/**
 * The WebRTC stack (webrtc-adapter, simple-peer and its stream library) is the largest part
 * of the bundle and is needed only once a call starts: it loads in its own chunk, fetched
 * ahead of time by `preloadPeer()` so the call never waits for it.
 */
let peerModule: Promise<typeof PeerModule> | undefined;
export function preloadPeer(): Promise<typeof PeerModule> {
  peerModule ??= import('./peer.js');
  return peerModule;
}

/** The real peer actor: one RTCPeerConnection for as long as the call state lasts. */
export function createPeerActor(log: Logger) {
  return fromCallback<PeerDeliverCommand, PeerActorInput>(({ input, sendBack, receive }) => {
    const emit = (event: PeerEvent) => sendBack(event);
    let stopped = false;
    let peer: Peer | undefined;
    // Signals that arrive while the module loads are kept in order, not dropped.
    const early: Record<string, unknown>[] = [];
    receive((command) => (peer ? peer.signal(command.data) : early.push(command.data)));
    preloadPeer().then(
      ({ createPeer }) => {
        if (stopped) return;
        peer = createPeer({
          ...input,
          onSignal: (data) => emit({ type: 'peer.signal', data }),
          onRemoteStream: (stream) => emit({ type: 'peer.stream', stream }),
          onConnect: () => emit({ type: 'peer.connected' }),
          onClose: () => emit({ type: 'peer.closed' }),
          onError: (code) => {
            log.warn('peer connection failed', { code });
            emit({ type: 'peer.failed', code });
          },
        });
        for (const data of early.splice(0)) peer.signal(data);
      },
      (error: unknown) => {
        log.error('could not load the WebRTC module', { error: String(error) });
        if (!stopped) emit({ type: 'peer.failed', code: 'ERR_PEER_MODULE' });
      },
    );
    return () => {
      stopped = true;
      peer?.destroy();
    };
  });
}

/** The real media actor: the abort signal stops late-arriving tracks if the state was left meanwhile. */
export function createMediaActor() {
  return fromPromise<MediaStream>(({ signal }) => openCameraAndMicrophone(navigator.mediaDevices, signal));
}
