import type { Page } from 'playwright-core';

/**
 * An init script that keeps every RTCPeerConnection the page creates, so a test can read its
 * state and stats without any hook in the app. Runs before the app's scripts (and before
 * webrtc-adapter wraps the class).
 */
export function trackPeerConnections(): void {
  const Native = window.RTCPeerConnection;
  const created: RTCPeerConnection[] = [];
  (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = created;
  window.RTCPeerConnection = class TrackedPeerConnection extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      created.push(this);
    }
  };
}

/** What a test can tell of one tracked connection from outside: descriptions, states, media received. */
export interface PeerConnectionView {
  localType: RTCSdpType | null;
  remoteType: RTCSdpType | null;
  signalingState: RTCSignalingState;
  connectionState: RTCPeerConnectionState;
  dtlsStates: string[];
  /** ICE transports the connection has (one with max-bundle: one TURN allocation, one set of candidates). */
  transports: number;
  bundlePolicy: RTCBundlePolicy | undefined;
  /** RTP packets received on every inbound stream together. */
  packetsReceived: number;
}

/** Every RTCPeerConnection the page made (with `trackPeerConnections`), in creation order. */
export function peerConnectionsOf(page: Page): Promise<PeerConnectionView[]> {
  return page.evaluate(async () => {
    const all = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    return Promise.all(
      all.map(async (pc) => {
        const stats: (RTCStats & Record<string, unknown>)[] = [];
        if (pc.signalingState !== 'closed') (await pc.getStats()).forEach((s: RTCStats & Record<string, unknown>) => stats.push(s));
        return {
          localType: pc.localDescription?.type ?? null,
          remoteType: pc.remoteDescription?.type ?? null,
          signalingState: pc.signalingState,
          connectionState: pc.connectionState,
          dtlsStates: stats.filter((s) => s.type === 'transport').map((s) => String(s['dtlsState'])),
          transports: stats.filter((s) => s.type === 'transport').length,
          bundlePolicy: pc.getConfiguration().bundlePolicy,
          packetsReceived: stats.filter((s) => s.type === 'inbound-rtp').reduce((sum, s) => sum + Number(s['packetsReceived'] ?? 0), 0),
        };
      }),
    );
  });
}
