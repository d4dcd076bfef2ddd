import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { STATIC_DIR } from '../tests/harness/server.js';
import { benchCallSetup, type CallSetupResult } from './callSetup/benchCallSetup.js';
import { benchKiosk, type KioskResult } from './kiosk/benchKiosk.js';
import type { BenchPlan } from './plans.js';
import { benchRouting, type RoutingResult } from './routing/benchRouting.js';
import { benchSignaling, type SignalingResult } from './signaling/benchSignaling.js';

/** The figures of issue 7, and nothing else: this is what bench/results/latest.json holds. */
export interface BenchResults {
  callSetup: CallSetupResult;
  signaling: SignalingResult;
  routing: RoutingResult;
  kiosk: KioskResult;
}

/** Where and how the figures were taken; printed and kept beside them, never mixed in. */
export interface BenchRunInfo {
  plan: BenchPlan['name'];
  /** Set when only some benchmarks ran (`npm run bench -- routing`). */
  only?: string[];
  startedAt: string;
  durationMs: number;
  machine: { cpu: string; cores: number; memoryGB: number; node: string; platform: string };
  details: Record<string, unknown>;
}

export type Log = (line: string) => void;

export function describeMachine(): BenchRunInfo['machine'] {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memoryGB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/**
 * Runs every benchmark one after the other (never two at once: they would share the cores
 * and measure each other). The run stops with an error if it outlives the plan's budget.
 */
export async function runBenchmarks(plan: BenchPlan, log: Log): Promise<{ results: BenchResults; info: BenchRunInfo }> {
  const { results, info } = await runSelectedBenchmarks(plan, log, BENCHMARK_NAMES);
  const { callSetup, signaling, routing, kiosk } = results;
  if (!callSetup || !signaling || !routing || !kiosk) throw new Error('A benchmark returned no figures.');
  return { results: { callSetup, signaling, routing, kiosk }, info };
}

/** The benchmarks in the order they run; `npm run bench -- routing` picks some of them. */
export const BENCHMARK_NAMES = ['routing', 'signaling', 'callSetup', 'kiosk'] as const;
export type BenchmarkName = (typeof BENCHMARK_NAMES)[number];
export const isBenchmarkName = (name: string): name is BenchmarkName => (BENCHMARK_NAMES as readonly string[]).includes(name);

/** Runs only the named benchmarks (in their usual order), with the same budget. */
export async function runSelectedBenchmarks(
  plan: BenchPlan,
  log: Log,
  only: readonly BenchmarkName[],
): Promise<{ results: Partial<BenchResults>; info: BenchRunInfo }> {
  const wants = (name: BenchmarkName) => only.includes(name);
  // Only the browser benchmarks load the renderer.
  if ((wants('callSetup') || wants('kiosk')) && !existsSync(STATIC_DIR)) {
    throw new Error(`No built renderer at ${STATIC_DIR}: run \`npm run build\` first.`);
  }
  const started = Date.now();
  const deadline = started + plan.budgetMs;
  const withinBudget = async <T>(name: string, task: () => Promise<T>): Promise<T> => {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`The bench ran out of its ${plan.budgetMs / 1000} s budget before ${name}.`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${name} did not finish within the bench's ${plan.budgetMs / 1000} s budget.`)), left);
    });
    const phaseStart = Date.now();
    log(`${name} …`);
    try {
      return await Promise.race([task(), timeout]);
    } finally {
      clearTimeout(timer);
      log(`${name} took ${((Date.now() - phaseStart) / 1000).toFixed(1)} s`);
    }
  };

  const routing = wants('routing') ? await withinBudget('routing', () => benchRouting(plan.routing, log)) : undefined;
  const signaling = wants('signaling') ? await withinBudget('signaling', () => benchSignaling(plan.signaling, log)) : undefined;
  const callSetup = wants('callSetup') ? await withinBudget('callSetup', () => benchCallSetup(plan.callSetup, log)) : undefined;
  const kiosk = wants('kiosk') ? await withinBudget('kiosk', () => benchKiosk(plan.kiosk, log)) : undefined;
  return {
    results: {
      ...(callSetup ? { callSetup: callSetup.summary } : {}),
      ...(signaling ? { signaling: signaling.summary } : {}),
      ...(routing ? { routing: routing.summary } : {}),
      ...(kiosk ? { kiosk: kiosk.summary } : {}),
    },
    info: {
      plan: plan.name,
      ...(only.length < BENCHMARK_NAMES.length ? { only: [...only] } : {}),
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      machine: describeMachine(),
      details: {
        ...(routing ? { routingSteps: routing.steps } : {}),
        ...(signaling ? { signalingOurs: signaling.ours, signalingPeerJS: signaling.peerjs } : {}),
        ...(callSetup ? { callSetupSamplesMs: callSetup.samples, callSetupRawSamplesMs: callSetup.rawSamples } : {}),
        ...(kiosk ? { kioskLoadsMs: kiosk.loadsMs } : {}),
      },
    },
  };
}
