import type { CallSetupPlan } from './callSetup/benchCallSetup.js';
import type { KioskPlan } from './kiosk/benchKiosk.js';
import type { RoutingPlan } from './routing/benchRouting.js';
import type { SignalingPlan } from './signaling/benchSignaling.js';

export interface BenchPlan {
  name: 'full' | 'smoke';
  /** The whole run must end within this; phases are also bounded one by one. */
  budgetMs: number;
  callSetup: CallSetupPlan;
  signaling: SignalingPlan;
  routing: RoutingPlan;
  kiosk: KioskPlan;
}

/**
 * `BENCH_SIGNALING_DELAY_MS=25 npm run bench -- callSetup`: call setup with every signaling frame
 * 25 ms late each way (a server 50 ms away); 0, loopback, unless asked.
 */
function signalingDelayFromEnvironment(): number {
  const raw = process.env['BENCH_SIGNALING_DELAY_MS'];
  if (raw === undefined || raw === '') return 0;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0 || ms > 1_000) throw new Error(`BENCH_SIGNALING_DELAY_MS: a whole number of milliseconds from 0 to 1000, not "${raw}"`);
  return ms;
}

/** What `npm run bench` measures (issue 7). Sizes are the issue's; only the clock limits are ours. */
export const FULL_PLAN: BenchPlan = {
  name: 'full',
  budgetMs: 10 * 60_000,
  callSetup: { calls: 20, rawCalls: 20, ringMs: 1_000, signalingDelayMs: signalingDelayFromEnvironment(), callTimeoutMs: 30_000 },
  signaling: {
    connectionSteps: [1_000, 5_000, 10_000],
    latencyAt: 5_000,
    rateSearchAt: 1_000,
    holdMs: 30_000,
    holdWindows: 3,
    settleMs: 2_000,
    holdRatePerClient: 0.5,
    growTimeoutMs: 90_000,
    rateSearch: { startPerSec: 2_000, maxPerSec: 128_000, stepMs: 3_000 },
    rateP99LimitMs: 50,
  },
  routing: { waitingSteps: [100, 1_000, 10_000], p99At: 1_000, busyAgents: 199, probeCycles: 300, setupTimeoutMs: 120_000 },
  kiosk: { loads: 5, visitorCycles: 100, stepTimeoutMs: 20_000 },
};

/** Tiny sizes, same code: run by `npm test` so the benchmarks cannot rot. No thresholds. */
export const SMOKE_PLAN: BenchPlan = {
  name: 'smoke',
  budgetMs: 90_000,
  callSetup: { calls: 2, rawCalls: 2, ringMs: 200, signalingDelayMs: 0, callTimeoutMs: 20_000 },
  signaling: {
    // 60 is past both reported steps, so the smoke run also takes a step alone (benchSignaling).
    connectionSteps: [20, 40, 60],
    latencyAt: 40,
    rateSearchAt: 20,
    holdMs: 500,
    holdWindows: 2,
    settleMs: 50,
    holdRatePerClient: 2,
    growTimeoutMs: 10_000,
    rateSearch: { startPerSec: 100, maxPerSec: 200, stepMs: 300 },
    rateP99LimitMs: 50,
  },
  routing: { waitingSteps: [5, 10, 20], p99At: 10, busyAgents: 3, probeCycles: 10, setupTimeoutMs: 10_000 },
  kiosk: { loads: 1, visitorCycles: 2, stepTimeoutMs: 20_000 },
};
