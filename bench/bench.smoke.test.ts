import { describe, expect, it } from 'vitest';
import type { SignalingSideResult } from './signaling/benchSignaling.js';
import { SMOKE_PLAN } from './plans.js';
import { flattenFigures } from './report.js';
import { runBenchmarks } from './suite.js';

/** Every figure latest.json must hold; a rename or a lost figure fails here, not in the next full run. */
const EXPECTED_FIGURES = [
  'callSetup.medianMs',
  'callSetup.p95Ms',
  'callSetup.rawMedianMs',
  'callSetup.ratioToRaw',
  'signaling.connections',
  'signaling.p50Ms',
  'signaling.p99Ms',
  'signaling.maxMsgPerSec',
  'signaling.bytesPerConnection',
  'signaling.peerjsP99Ms',
  'signaling.p99RatioToPeerJS',
  'signaling.peerjsMaxMsgPerSec',
  'signaling.throughputRatioToPeerJS',
  'signaling.peerjsBytesPerConnection',
  'routing.p99MsAt1000',
  'routing.scaling.cpuMsPerEventAt100',
  'routing.scaling.cpuMsPerEventAt1000',
  'routing.scaling.cpuMsPerEventAt10000',
  'routing.scaling.growth100To10000',
  'kiosk.firstInteractiveMs',
  'kiosk.jsGzipBytes',
  'kiosk.heapGrowthMB',
];

// A smoke run, not a measurement: tiny sizes, no thresholds, only "every figure is a number".
describe('benchmarks (smoke)', () => {
  it('produces every figure of latest.json as a finite number', { timeout: SMOKE_PLAN.budgetMs + 10_000 }, async () => {
    const { results, info } = await runBenchmarks(SMOKE_PLAN, () => undefined);
    const figures = flattenFigures(results);
    // Not a threshold: at these sizes both servers must take every step, the ones in turns and the one alone.
    const steps = (side: unknown) => (side as { steps: { clients: number }[] }).steps.map((step) => step.clients);
    expect(steps(info.details.signalingOurs)).toEqual(SMOKE_PLAN.signaling.connectionSteps);
    expect(steps(info.details.signalingPeerJS)).toEqual(SMOKE_PLAN.signaling.connectionSteps);
    // Each step's growth was profiled: the clients it added, and some allocation for them.
    const growths = (side: unknown) => (side as SignalingSideResult).steps.map((step) => step.growth);
    for (const growth of [...growths(info.details.signalingOurs), ...growths(info.details.signalingPeerJS)]) {
      expect(growth.added).toBe(20);
      expect(growth.allocatedBytesPerConnection).toBeGreaterThan(0);
    }
    expect(figures.map(([name]) => name).sort()).toEqual([...EXPECTED_FIGURES].sort());
    for (const [name, value] of figures) {
      expect.soft(Number.isFinite(value), `${name} = ${String(value)}`).toBe(true);
    }
  });
});
