import type { ServiceLine } from '../../../protocol/index.js';
import type { Clock } from '../clock.js';

/** The handle times an estimate learns from: the last this many calls of a line… */
export const HANDLE_TIME_WINDOW_CALLS = 50;
/** …and none older than this (a morning's long calls should not shape the afternoon's estimates). */
export const HANDLE_TIME_WINDOW_MS = 4 * 60 * 60 * 1000;
/** The kiosk's waiting screen is told its position, wait and estimate at least this often. */
export const QUEUE_STATUS_REFRESH_MS = 15_000;
/** …and, when its place or estimate moves, at most this often: the latest, once (queue/statusPacer.ts). */
export const QUEUE_STATUS_MIN_INTERVAL_MS = 1_000;

/**
 * A rolling window of recent handle times (accept → wrap-up done) per service line, on an
 * injected clock. Memory is bounded: at most HANDLE_TIME_WINDOW_CALLS entries per line.
 */
export class HandleTimes {
  private readonly byLine = new Map<ServiceLine, { at: number; ms: number }[]>();

  constructor(private readonly clock: Pick<Clock, 'now'>) {}

  record(serviceLine: ServiceLine, handleMs: number): void {
    const window = this.byLine.get(serviceLine) ?? [];
    window.push({ at: this.clock.now(), ms: Math.max(0, handleMs) });
    if (window.length > HANDLE_TIME_WINDOW_CALLS) window.shift();
    this.byLine.set(serviceLine, window);
  }

  /** Mean of the line's calls still in the window, or `fallbackMs` when there are none. */
  averageMs(serviceLine: ServiceLine, fallbackMs: number): number {
    const since = this.clock.now() - HANDLE_TIME_WINDOW_MS;
    const window = (this.byLine.get(serviceLine) ?? []).filter((entry) => entry.at >= since);
    if (window.length === 0) return fallbackMs;
    return window.reduce((sum, entry) => sum + entry.ms, 0) / window.length;
  }
}

export interface EstimateInput {
  /** 1 = next to be offered. */
  position: number;
  /** Agents who could take this request: logged in, not away, covering it. */
  eligibleAgents: number;
  averageHandleMs: number;
}

/**
 * EWT = ceil(position / max(1, eligibleAgents)) × averageHandleTime (docs/routing.md).
 *
 * The agents serve the line in parallel, so the visitor's place is reached after about
 * position / agents "rounds" of calls; rounding up counts the visitor's own round, which
 * assumes every agent has just started a call. That over-estimates slightly when calls are
 * half done, on purpose: a visitor told 10 minutes and served in 7 is better off than the
 * reverse, and the recorded error (estimateErrorReport) shows whether the bias is worth
 * correcting. With nobody eligible it still counts one agent, so the estimate stays finite.
 */
export function estimateWaitMs({ position, eligibleAgents, averageHandleMs }: EstimateInput): number {
  const rounds = Math.ceil(Math.max(1, position) / Math.max(1, eligibleAgents));
  return Math.round(rounds * averageHandleMs);
}
