import { loadavg } from 'node:os';
import { startChildServer, type ServerStats } from '../lib/childServer.js';
import { round } from '../lib/stats.js';
import type { Fleet } from './fleet.js';
import { LatencyRecorder, runLoad, type LoadWindow } from './load.js';
import { createOurFleet } from './ourFleet.js';
import { createPeerJsFleet } from './peerjsFleet.js';

export interface SignalingPlan {
  /** Client counts held in turn (each includes both ends of every pair). */
  connectionSteps: number[];
  /** The step whose latency and memory are reported. */
  latencyAt: number;
  /** The step at which the highest lossless rate is searched. */
  rateSearchAt: number;
  holdMs: number;
  /** Quiet time after the fleet grows, so connection setup does not count as relay latency. */
  settleMs: number;
  /** Messages per client per second while holding. */
  holdRatePerClient: number;
  growTimeoutMs: number;
  rateSearch: { startPerSec: number; maxPerSec: number; stepMs: number };
  /** A rate passes with no loss and p99 at or under this. */
  rateP99LimitMs: number;
}

export interface SignalingSideResult {
  connections: number;
  p50Ms: number;
  p99Ms: number;
  maxMsgPerSec: number;
  bytesPerConnection: number;
  /**
   * Details only, not in latest.json: the same reading after a full collection in the server (idle
   * and at the latency step), so the garbage V8 happened to hold does not move it (docs/performance.md).
   */
  bytesPerConnectionAfterGc?: number;
  /** The server before any client: the baseline of bytesPerConnection. */
  idle?: ServerStats;
  /** Right after the rate search: what the overload left behind shows in the next step's RSS. */
  afterRateSearch?: ServerStats;
  /** `server`: the server's memory and CPU at the end of the hold (heap, young generation, external). */
  steps: { clients: number; hold: LoadWindow; rssBytes: number; server: ServerStats; loadAverage: number }[];
  rateSteps: { targetPerSec: number; window: LoadWindow; passed: boolean; loadAverage: number }[];
}

export interface SignalingResult {
  connections: number;
  p50Ms: number;
  p99Ms: number;
  maxMsgPerSec: number;
  bytesPerConnection: number;
  peerjsP99Ms: number;
  p99RatioToPeerJS: number;
  peerjsMaxMsgPerSec: number;
  throughputRatioToPeerJS: number;
  peerjsBytesPerConnection: number;
}

type Log = (line: string) => void;

const BISECTION_STEPS = 2;
/** A rate counts as offered only if the load generator really sent this share of it. */
const MIN_SENT_SHARE = 0.95;

/**
 * The machine's one-minute load average: above its core count, other work competed with the
 * server and the load generator, and the step's latency says more about the machine than the
 * server. Logged and kept with every step so a noisy run can be told from a slow server.
 */
const machineLoad = (): number => Math.round(loadavg()[0]! * 10) / 10;

/** Highest rate held with no loss and p99 within the limit: doubling, then one bisection step. */
async function searchMaxRate(fleet: Fleet, recorder: LatencyRecorder, plan: SignalingPlan, log: Log, out: SignalingSideResult['rateSteps']): Promise<number> {
  const tryOnce = async (rate: number) => {
    const window = await runLoad(fleet, recorder, rate, plan.rateSearch.stepMs);
    // A rate the load generator could not even send is not a rate the server held.
    const passed = window.lost === 0 && window.errors === 0 && window.p99Ms <= plan.rateP99LimitMs && window.sentPerSec >= rate * MIN_SENT_SHARE;
    const loadAverage = machineLoad();
    out.push({ targetPerSec: rate, window, passed, loadAverage });
    log(`  rate ${rate}/s: sent ${Math.round(window.sentPerSec)}/s lost ${window.lost} p99 ${round(window.p99Ms)} ms → ${passed ? 'held' : 'not held'} (load ${loadAverage})`);
    return passed;
  };
  // A rate fails only if it fails twice: one stall of a shared machine must not end the search.
  const attempt = async (rate: number) => (await tryOnce(rate)) || (await tryOnce(rate));
  let best = 0;
  let rate = plan.rateSearch.startPerSec;
  let failedAt: number | undefined;
  while (rate <= plan.rateSearch.maxPerSec) {
    if (!(await attempt(rate))) {
      failedAt = rate;
      break;
    }
    best = rate;
    rate *= 2;
  }
  // Two bisection steps narrow the answer to a quarter of the last doubling.
  for (let step = 0; step < BISECTION_STEPS && failedAt !== undefined && best > 0; step++) {
    const middle = Math.round((best + failedAt) / 2);
    if (await attempt(middle)) best = middle;
    else failedAt = middle;
  }
  return best;
}

async function benchSide(kind: 'ours' | 'peerjs', plan: SignalingPlan, log: Log): Promise<SignalingSideResult> {
  const largest = Math.max(...plan.connectionSteps);
  const server = await startChildServer({ kind, kiosks: Math.ceil(largest / 2), agents: Math.ceil(largest / 2) });
  const recorder = new LatencyRecorder();
  const url = `http://127.0.0.1:${server.port}`;
  const fleet = kind === 'ours' ? createOurFleet(url, recorder) : createPeerJsFleet(url, recorder);
  const result: SignalingSideResult = {
    connections: 0,
    p50Ms: Number.NaN,
    p99Ms: Number.NaN,
    maxMsgPerSec: 0,
    bytesPerConnection: Number.NaN,
    steps: [],
    rateSteps: [],
  };
  try {
    const idle: ServerStats = await server.stats();
    result.idle = idle;
    const idleAfterGc = await server.statsAfterGc();
    for (const clients of plan.connectionSteps) {
      const errorsBefore = fleet.errors;
      const growStart = Date.now();
      await fleet.grow(clients, plan.growTimeoutMs).catch(() => undefined);
      log(`  ${kind}: ${fleet.size}/${clients} clients connected in ${Date.now() - growStart} ms`);
      await new Promise((done) => setTimeout(done, plan.settleMs));
      const hold = await runLoad(fleet, recorder, clients * plan.holdRatePerClient, plan.holdMs);
      const stats = await server.stats();
      const { rssBytes } = stats;
      const errors = fleet.errors - errorsBefore;
      const loadAverage = machineLoad();
      result.steps.push({ clients, hold, rssBytes, server: stats, loadAverage });
      log(
        `  ${kind}: held ${clients} for ${plan.holdMs} ms: errors ${errors}, lost ${hold.lost}, p50 ${round(hold.p50Ms)} ms, p99 ${round(hold.p99Ms)} ms, rss ${Math.round(rssBytes / 1e6)} MB (load ${loadAverage})`,
      );
      if (clients === plan.latencyAt) {
        result.p50Ms = hold.p50Ms;
        result.p99Ms = hold.p99Ms;
        result.bytesPerConnection = (rssBytes - idle.rssBytes) / clients;
        const afterGc = await server.statsAfterGc();
        result.bytesPerConnectionAfterGc = (afterGc.rssBytes - idleAfterGc.rssBytes) / clients;
        log(`  ${kind}: bytes per connection ${Math.round(result.bytesPerConnection)}, after a full collection ${Math.round(result.bytesPerConnectionAfterGc)}`);
      }
      if (errors > 0 || fleet.size < clients) break;
      result.connections = clients;
      if (clients === plan.rateSearchAt) {
        result.maxMsgPerSec = await searchMaxRate(fleet, recorder, plan, log, result.rateSteps);
        result.afterRateSearch = await server.stats();
      }
    }
  } finally {
    await fleet.close();
    await server.stop();
  }
  return result;
}

/** Our server and PeerJS's, one after the other (never at once: they would share the cores). */
export async function benchSignaling(plan: SignalingPlan, log: Log): Promise<{ summary: SignalingResult; ours: SignalingSideResult; peerjs: SignalingSideResult }> {
  log('signaling: our server');
  const ours = await benchSide('ours', plan, log);
  log('signaling: PeerJS server');
  const peerjs = await benchSide('peerjs', plan, log);
  return {
    ours,
    peerjs,
    summary: {
      connections: ours.connections,
      p50Ms: round(ours.p50Ms),
      p99Ms: round(ours.p99Ms),
      maxMsgPerSec: ours.maxMsgPerSec,
      bytesPerConnection: Math.round(ours.bytesPerConnection),
      peerjsP99Ms: round(peerjs.p99Ms),
      p99RatioToPeerJS: round(ours.p99Ms / peerjs.p99Ms),
      peerjsMaxMsgPerSec: peerjs.maxMsgPerSec,
      throughputRatioToPeerJS: round(ours.maxMsgPerSec / peerjs.maxMsgPerSec),
      peerjsBytesPerConnection: Math.round(peerjs.bytesPerConnection),
    },
  };
}
