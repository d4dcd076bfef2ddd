import { fromCallback, fromPromise } from 'xstate';
import type { Logger } from '../log/logger.js';
import type { PeerActorInput, PeerCommand, PeerEvent } from './callActors.js';
import { CallMesh } from './callMesh.js';
import { openCameraAndMicrophone } from './media.js';
import type * as PeerModule from './peer.js';
import type { PeerWarmer } from './peerWarmer.js';

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

/**
 * The real peer actor: the call's media (callMesh.ts, one callLink.ts per other member) for as
 * long as the call state lasts, across ICE restarts, rejoins and members coming and going. With
 * a `warmer`, the link to the member the connection was made ready for takes it: the kiosk's
 * link to its agent (its offer), the console's link to the kiosk (its answer), both made while the
 * console rang (peerWarmer.ts).
 */
export function createPeerActor(log: Logger, warmer?: PeerWarmer) {
  return fromCallback<PeerCommand, PeerActorInput>(({ input, sendBack, receive }) => {
    const emit = (event: PeerEvent) => sendBack(event);
    let stopped = false;
    let link: CallMesh | undefined;
    // Commands that arrive while the module loads are kept in order, not dropped.
    const early: PeerCommand[] = [];
    receive((command) => (link ? link.command(command) : early.push(command)));
    preloadPeer().then(
      ({ createPeer }) => {
        if (stopped) return;
        link = new CallMesh(input, { createPeer: warmer ? warmer.createPeer(createPeer) : createPeer, log }, emit);
        link.start();
        for (const command of early.splice(0)) link.command(command);
      },
      (error: unknown) => {
        log.error('could not load the WebRTC module', { error: String(error) });
        if (!stopped) emit({ type: 'peer.failed', code: 'ERR_PEER_MODULE' });
      },
    );
    return () => {
      stopped = true;
      link?.stop();
    };
  });
}

/** The real media actor: the abort signal stops late-arriving tracks if the state was left meanwhile. */
export function createMediaActor() {
  return fromPromise<MediaStream>(({ signal }) => openCameraAndMicrophone(navigator.mediaDevices, signal));
}
