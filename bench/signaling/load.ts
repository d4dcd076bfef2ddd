import { performance } from 'node:perf_hooks';
import { percentile, waitUntil } from '../lib/stats.js';
import type { Fleet, Probe, ProbeSink } from './fleet.js';

/** How often the sender wakes up; each tick sends what is due, spread over the endpoints. */
const SEND_TICK_MS = 10;
/** After the last send, how long a message may still arrive before it counts as lost. */
const DRAIN_MS = 2_000;

export interface LoadWindow {
  sent: number;
  received: number;
  lost: number;
  /** Messages actually sent per second over the window. */
  sentPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Fleet errors that happened during the window. */
  errors: number;
}

/** Counts probe arrivals and their latencies, one window at a time. */
export class LatencyRecorder implements ProbeSink {
  private latencies: number[] = [];
  private count = 0;

  received(probe: Probe): void {
    this.count += 1;
    this.latencies.push(performance.now() - probe.t);
  }

  reset(): void {
    this.latencies = [];
    this.count = 0;
  }

  get receivedCount(): number {
    return this.count;
  }

  snapshot(): number[] {
    return this.latencies;
  }
}

/**
 * Sends `ratePerSec` probes for `durationMs`, round-robin over every endpoint of the fleet,
 * then waits for stragglers and reports loss and latency percentiles.
 */
export async function runLoad(fleet: Fleet, recorder: LatencyRecorder, ratePerSec: number, durationMs: number): Promise<LoadWindow> {
  recorder.reset();
  const errorsBefore = fleet.errors;
  const endpoints = fleet.endpoints;
  let sent = 0;
  let cursor = 0;
  const start = performance.now();
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const elapsed = Math.min(performance.now() - start, durationMs);
      const due = Math.floor((elapsed / 1000) * ratePerSec) - sent;
      for (let i = 0; i < due && endpoints.length > 0; i++) {
        endpoints[cursor % endpoints.length]!.sendProbe({ t: performance.now(), seq: sent });
        cursor += 1;
        sent += 1;
      }
      if (elapsed >= durationMs) {
        clearInterval(timer);
        done();
      }
    }, SEND_TICK_MS);
  });
  const sentPerSec = sent / ((performance.now() - start) / 1000);
  await waitUntil(() => recorder.receivedCount >= sent, DRAIN_MS, 'stragglers').catch(() => undefined);
  const latencies = recorder.snapshot();
  return {
    sent,
    received: recorder.receivedCount,
    lost: Math.max(0, sent - recorder.receivedCount),
    sentPerSec,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors: fleet.errors - errorsBefore,
  };
}

/**
 * Several windows of one hold as one: counts summed, the rate over their sending time, the
 * percentiles over every latency of every window (not an average of percentiles).
 */
export function pooledWindow(windows: readonly LoadWindow[], latencies: readonly number[]): LoadWindow {
  const sum = (pick: (w: LoadWindow) => number) => windows.reduce((total, w) => total + pick(w), 0);
  const sendingSeconds = sum((w) => (w.sentPerSec > 0 ? w.sent / w.sentPerSec : 0));
  return {
    sent: sum((w) => w.sent),
    received: sum((w) => w.received),
    lost: sum((w) => w.lost),
    sentPerSec: sendingSeconds > 0 ? sum((w) => w.sent) / sendingSeconds : 0,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors: sum((w) => w.errors),
  };
}
