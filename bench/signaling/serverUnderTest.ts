import { startChildServer, type ChildServer } from '../lib/childServer.js';
import type { Fleet } from './fleet.js';
import { LatencyRecorder, type LoadWindow } from './load.js';
import { createOurFleet } from './ourFleet.js';
import { createPeerJsFleet } from './peerjsFleet.js';
import type { SignalingPlan } from './benchSignaling.js';

export type ServerKind = 'ours' | 'peerjs';

/** A signaling server in its own process, with the fleet that speaks its protocol and records its latencies. */
export interface ServerUnderTest {
  kind: ServerKind;
  server: ChildServer;
  fleet: Fleet;
  recorder: LatencyRecorder;
}

/** Starts the server with room for `clients` (kiosk–agent pairs on ours) and an empty fleet for it. */
export async function startServerUnderTest(kind: ServerKind, clients: number): Promise<ServerUnderTest> {
  const server = await startChildServer({ kind, kiosks: Math.ceil(clients / 2), agents: Math.ceil(clients / 2) });
  const recorder = new LatencyRecorder();
  const url = `http://127.0.0.1:${server.port}`;
  const fleet = kind === 'ours' ? createOurFleet(url, recorder) : createPeerJsFleet(url, recorder);
  return { kind, server, fleet, recorder };
}

/** Its clients gone and its server stopped. Only the first call does the work; later ones wait for it. */
export function stopServerUnderTest(side: ServerUnderTest & { stopped?: Promise<void> }): Promise<void> {
  side.stopped ??= (async () => {
    await side.fleet.close();
    await side.server.stop();
  })();
  return side.stopped;
}

/** A rate counts as offered only if the load generator really sent this share of it. */
const MIN_SENT_SHARE = 0.95;

/**
 * Whether one try at `rate` held: no loss, no error, p99 within the limit, and the load generator
 * really sent the rate (one it could not even send is not a rate the server held).
 */
export const rateHeld = (window: LoadWindow, rate: number, plan: Pick<SignalingPlan, 'rateP99LimitMs'>): boolean =>
  window.lost === 0 && window.errors === 0 && window.p99Ms <= plan.rateP99LimitMs && window.sentPerSec >= rate * MIN_SENT_SHARE;
