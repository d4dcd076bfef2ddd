import { loadavg } from 'node:os';
import type { ServerStats } from '../lib/childServer.js';
import type { GcSummary } from '../lib/gcProfile.js';
import { inKb, round } from '../lib/stats.js';
import { pooledWindow, runLoad, type LoadWindow } from './load.js';
import { rateHeld, startServerUnderTest, stopServerUnderTest, type ServerKind, type ServerUnderTest } from './serverUnderTest.js';
import { Turns } from './turns.js';

export interface SignalingPlan {
  /** Client counts held in turn (each includes both ends of every pair). */
  connectionSteps: number[];
  /** The step whose latency and memory are reported. */
  latencyAt: number;
  /** The step at which the highest lossless rate is searched. */
  rateSearchAt: number;
  /** Each server's hold at each step, in all. */
  holdMs: number;
  /** The hold is taken in this many windows, the two servers' windows in turn. */
  holdWindows: number;
  /** Quiet time after the fleets grow, so connection setup does not count as relay latency. */
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
  /** RSS at the end of the hold at `latencyAt` clients, minus `idleAfterGc`, per client. */
  bytesPerConnection: number;
  /**
   * Details only, not in latest.json: the hold's reading taken after a memory-reducing collection
   * too, so it counts only what the server keeps, not the garbage and young generation V8 happened
   * to hold (docs/performance.md).
   */
  bytesPerConnectionAfterGc?: number;
  /** The server before any client, as it was. */
  idle: ServerStats;
  /**
   * The same after a memory-reducing collection: the baseline of both per-connection figures.
   * Without the collection each server's idle young generation was whatever its start-up left
   * (ours 33.6 MB, PeerJS 16.8 MB), and the difference was counted against PeerJS.
   */
  idleAfterGc: ServerStats;
  /** Right after the rate search: what the overload left behind shows in the next step's RSS. */
  afterRateSearch?: ServerStats;
  /**
   * `hold`: the windows pooled (percentiles over every message of the step); `windows`: each one.
   * `server`: the server's memory and CPU at the end of its last window (heap, young generation, external).
   */
  steps: { clients: number; growMs: number; growth: Growth; hold: LoadWindow; windows: LoadWindow[]; rssBytes: number; server: ServerStats; loadAverage: number }[];
  rateSteps: { targetPerSec: number; window: LoadWindow; passed: boolean; loadAverage: number }[];
}

/**
 * What connecting this step's new clients cost the server: its collections while the fleet grew,
 * per connection added, and its memory right after. Our clients each say hello, join the queue
 * or go available, and get an offer and a call; PeerJS's only open a socket. That work's garbage
 * is part of what RSS shows at the hold (docs/performance.md, "Memory: what the gap is made of").
 */
export interface Growth {
  added: number;
  gc: GcSummary;
  allocatedBytesPerConnection: number;
  promotedBytesPerConnection: number;
  server: ServerStats;
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
/** One server under test with its own clients, and what has been measured of it so far. */
interface Side extends ServerUnderTest {
  result: SignalingSideResult;
  /** False once a step failed (errors, or fewer clients than asked): it takes no more steps. */
  going: boolean;
}

const BISECTION_STEPS = 2;

/**
 * The machine's one-minute load average: above its core count, other work competed with the
 * server and the load generator, and the step's latency says more about the machine than the
 * server. Logged and kept with every step so a noisy run can be told from a slow server.
 */
const machineLoad = (): number => Math.round(loadavg()[0]! * 10) / 10;

/** Highest rate held with no loss and p99 within the limit: doubling, then bisection, each try in its turn. */
async function searchMaxRate(side: Side, plan: SignalingPlan, turns: Turns, log: Log): Promise<number> {
  const out = side.result.rateSteps;
  const tryOnce = (rate: number) =>
    turns.take(async () => {
      const window = await runLoad(side.fleet, side.recorder, rate, plan.rateSearch.stepMs);
      const passed = rateHeld(window, rate, plan);
      const loadAverage = machineLoad();
      out.push({ targetPerSec: rate, window, passed, loadAverage });
      log(`  ${side.kind} rate ${rate}/s: sent ${Math.round(window.sentPerSec)}/s lost ${window.lost} p99 ${round(window.p99Ms)} ms → ${passed ? 'held' : 'not held'} (load ${loadAverage})`);
      return passed;
    });
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

/** The side's hold at this step, window by window in its turns; its memory is read right after its last window. */
async function hold(side: Side, clients: number, growMs: number, growth: Growth, errorsBefore: number, plan: SignalingPlan, turns: Turns, log: Log): Promise<void> {
  const windowMs = plan.holdMs / plan.holdWindows;
  const windows: LoadWindow[] = [];
  const latencies: number[][] = [];
  const reported = clients === plan.latencyAt;
  let server: ServerStats | undefined;
  let afterGc: ServerStats | undefined;
  for (let i = 0; i < plan.holdWindows; i++) {
    await turns.take(async () => {
      windows.push(await runLoad(side.fleet, side.recorder, clients * plan.holdRatePerClient, windowMs));
      // The recorder starts a new array per window, so keeping this one costs no copy.
      latencies.push(side.recorder.snapshot());
      if (i < plan.holdWindows - 1) return;
      server = await side.server.stats();
      // In this turn too: a full collection is work the other server's window must not share.
      if (reported) afterGc = await side.server.statsAfterGc();
    });
  }
  const pooled = pooledWindow(windows, latencies.flat());
  const errors = side.fleet.errors - errorsBefore;
  const loadAverage = machineLoad();
  const { rssBytes } = server!;
  side.result.steps.push({ clients, growMs, growth, hold: pooled, windows, rssBytes, server: server!, loadAverage });
  log(
    `  ${side.kind}: held ${clients} for ${plan.holdMs} ms in ${plan.holdWindows} windows (p99 ${windows.map((w) => round(w.p99Ms)).join(' / ')} ms): ` +
      `errors ${errors}, lost ${pooled.lost}, p50 ${round(pooled.p50Ms)} ms, p99 ${round(pooled.p99Ms)} ms, rss ${Math.round(rssBytes / 1e6)} MB (load ${loadAverage})`,
  );
  if (reported) {
    const result = side.result;
    result.p50Ms = pooled.p50Ms;
    result.p99Ms = pooled.p99Ms;
    result.bytesPerConnection = (rssBytes - result.idleAfterGc.rssBytes) / clients;
    result.bytesPerConnectionAfterGc = (afterGc!.rssBytes - result.idleAfterGc.rssBytes) / clients;
    log(`  ${side.kind}: bytes per connection ${Math.round(result.bytesPerConnection)}, after a full collection ${Math.round(result.bytesPerConnectionAfterGc)}`);
  }
  if (errors > 0 || side.fleet.size < clients) side.going = false;
  else side.result.connections = clients;
}

/** A step's growth as recorded: the profile's figures per connection added (also `npm run bench:memory`). */
export function measuredGrowth(added: number, gc: GcSummary, server: ServerStats): Growth {
  const per = Math.max(1, added);
  return { added, gc, allocatedBytesPerConnection: Math.round(gc.allocatedBytes / per), promotedBytesPerConnection: Math.round(gc.promotedBytes / per), server };
}

/** The sides of this step grow their fleets one after the other, settle, then hold in turns. */
async function takeStep(sides: Side[], clients: number, plan: SignalingPlan, turns: Turns, log: Log): Promise<void> {
  const grown = [];
  for (const side of sides) {
    const errorsBefore = side.fleet.errors;
    const sizeBefore = side.fleet.size;
    const growStart = Date.now();
    side.server.startGcProfile();
    await side.fleet.grow(clients, plan.growTimeoutMs).catch(() => undefined);
    const growMs = Date.now() - growStart;
    const growth = measuredGrowth(side.fleet.size - sizeBefore, await side.server.stopGcProfile(), await side.server.stats());
    log(
      `  ${side.kind}: ${side.fleet.size}/${clients} clients connected in ${growMs} ms, ` +
        `allocating ${inKb(growth.allocatedBytesPerConnection)} KB per connection (${inKb(growth.promotedBytesPerConnection)} KB promoted)`,
    );
    grown.push({ side, growMs, growth, errorsBefore });
  }
  await new Promise((done) => setTimeout(done, plan.settleMs));
  await Promise.all(grown.map(({ side, growMs, growth, errorsBefore }) => hold(side, clients, growMs, growth, errorsBefore, plan, turns, log)));
}

async function startSide(kind: ServerKind, plan: SignalingPlan): Promise<Side> {
  const started = await startServerUnderTest(kind, Math.max(...plan.connectionSteps));
  const idle = await started.server.stats();
  const idleAfterGc = await started.server.statsAfterGc();
  const result: SignalingSideResult = { connections: 0, p50Ms: Number.NaN, p99Ms: Number.NaN, maxMsgPerSec: 0, bytesPerConnection: Number.NaN, idle, idleAfterGc, steps: [], rateSteps: [] };
  return { ...started, result, going: true };
}

/**
 * Our server and PeerJS's, each in its own process with its own clients, both up until their
 * last step. At each step up to the ones reported, both fleets grow (one after the other), then
 * their holds and rate searches take turns (`Turns`): never two at once, and each server
 * measured in the same minutes. The larger steps after those (`connections` only) each side
 * takes alone, ours first.
 */
export async function benchSignaling(plan: SignalingPlan, log: Log): Promise<{ summary: SignalingResult; ours: SignalingSideResult; peerjs: SignalingSideResult }> {
  const sides: Side[] = [];
  try {
    for (const kind of ['ours', 'peerjs'] as const) sides.push(await startSide(kind, plan));
    const turns = new Turns();
    // Past the steps the reported figures come from, each side takes its remaining steps alone and
    // is shut before the other starts: both fleets at 10,000 would be 20,000 sockets in this one
    // process, past the open-file limit of these machines (20,000).
    const lastTogether = Math.max(plan.latencyAt, plan.rateSearchAt);
    for (const clients of plan.connectionSteps.filter((n) => n <= lastTogether)) {
      const going = sides.filter((side) => side.going);
      if (going.length === 0) break;
      await takeStep(going, clients, plan, turns, log);
      if (clients !== plan.rateSearchAt) continue;
      await Promise.all(
        sides
          .filter((side) => side.going)
          .map(async (side) => {
            side.result.maxMsgPerSec = await searchMaxRate(side, plan, turns, log);
            side.result.afterRateSearch = await side.server.stats();
          }),
      );
    }
    for (const side of sides) {
      for (const clients of plan.connectionSteps.filter((n) => n > lastTogether)) {
        if (!side.going) break;
        await takeStep([side], clients, plan, turns, log);
      }
      await stopServerUnderTest(side);
    }
  } finally {
    for (const side of sides) await stopServerUnderTest(side);
  }
  const [ours, peerjs] = sides.map((side) => side.result) as [SignalingSideResult, SignalingSideResult];
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
