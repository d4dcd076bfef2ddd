import type { LinkSample } from './linkSample.js';

export type QualityLevel = 'good' | 'fair' | 'poor';
const RANK: Record<QualityLevel, number> = { good: 0, fair: 1, poor: 2 };

/** Sign language needs fluid hands: below this many frames per second it becomes hard to read. */
export const MIN_SIGN_LANGUAGE_FPS = 12;

export interface Limits {
  lossPct: number;
  rttMs: number;
  fps: number;
}

/**
 * Two sets of limits make the hysteresis: a level is entered past the `enter` limits and left only
 * once the link is clearly better than the `leave` limits, so a link hovering at a limit holds still.
 */
export const FAIR_LIMITS = { enter: { lossPct: 3, rttMs: 400, fps: 15 }, leave: { lossPct: 1.5, rttMs: 300, fps: 18 } } as const;
export const POOR_LIMITS = {
  enter: { lossPct: 10, rttMs: 800, fps: MIN_SIGN_LANGUAGE_FPS },
  leave: { lossPct: 6, rttMs: 600, fps: MIN_SIGN_LANGUAGE_FPS + 2 },
} as const;

export interface LevelTuning {
  /** Weight of the newest sample in the moving average (0–1): one bad second does not make a poor call. */
  smoothing: number;
  /** Consecutive samples needed to go down a level (quick: people notice a bad call). */
  samplesToWorsen: number;
  /** Consecutive samples needed to go up a level (slow: a label that flickers is worse than none). */
  samplesToImprove: number;
}
export const DEFAULT_LEVEL_TUNING: LevelTuning = { smoothing: 0.5, samplesToWorsen: 2, samplesToImprove: 5 };

export interface Smoothed {
  lossPct: number;
  rttMs: number | undefined;
  fps: number | undefined;
}

export interface LevelState {
  level: QualityLevel;
  smoothed: Smoothed | undefined;
  /** Consecutive samples pointing worse / better than the current level. */
  worseRun: number;
  betterRun: number;
}

export const INITIAL_LEVEL_STATE: LevelState = { level: 'good', smoothed: undefined, worseRun: 0, betterRun: 0 };

export function nextLevel(state: LevelState, sample: LinkSample, tuning: LevelTuning = DEFAULT_LEVEL_TUNING): LevelState {
  const smoothed = smooth(state.smoothed, sample, tuning.smoothing);
  const target = agreedTarget(state.level, targetLevel(state.level, smoothed), targetLevel(state.level, instant(sample)));
  if (RANK[target] > RANK[state.level]) {
    const worseRun = state.worseRun + 1;
    return worseRun >= tuning.samplesToWorsen
      ? { level: target, smoothed, worseRun: 0, betterRun: 0 }
      : { ...state, smoothed, worseRun, betterRun: 0 };
  }
  if (RANK[target] < RANK[state.level]) {
    const betterRun = state.betterRun + 1;
    // One level at a time on the way up: poor → fair → good.
    const up: QualityLevel = state.level === 'poor' ? 'fair' : 'good';
    return betterRun >= tuning.samplesToImprove
      ? { level: up, smoothed, worseRun: 0, betterRun: 0 }
      : { ...state, smoothed, worseRun: 0, betterRun };
  }
  return { ...state, smoothed, worseRun: 0, betterRun: 0 };
}

/**
 * The level moves only where the last second and the average agree: one lost burst cannot make a
 * good call fair (the average alone would stay above the limit for a few seconds after it), and one
 * clean second cannot make a poor call fair. When both point the same way, the smaller move wins.
 */
function agreedTarget(current: QualityLevel, averaged: QualityLevel, latest: QualityLevel): QualityLevel {
  const [a, b] = [RANK[averaged] - RANK[current], RANK[latest] - RANK[current]];
  if (a > 0 && b > 0) return RANK[averaged] < RANK[latest] ? averaged : latest;
  if (a < 0 && b < 0) return RANK[averaged] > RANK[latest] ? averaged : latest;
  return current;
}

/** Where a link points, given where we are (the limits differ up and down). */
export function targetLevel(current: QualityLevel, link: Smoothed): QualityLevel {
  if (link.lossPct >= 100) return 'poor';
  const poor = current === 'poor' ? !within(link, POOR_LIMITS.leave) : beyond(link, POOR_LIMITS.enter);
  if (poor) return 'poor';
  if (current === 'good') return beyond(link, FAIR_LIMITS.enter) ? 'fair' : 'good';
  return within(link, FAIR_LIMITS.leave) ? 'good' : 'fair';
}

/** Past at least one limit (an absent measure is never past). */
function beyond(link: Smoothed, limits: Limits): boolean {
  return (
    link.lossPct >= limits.lossPct ||
    (link.rttMs !== undefined && link.rttMs >= limits.rttMs) ||
    (link.fps !== undefined && link.fps < limits.fps)
  );
}

/** Clearly inside every limit. */
function within(link: Smoothed, limits: Limits): boolean {
  return (
    link.lossPct < limits.lossPct &&
    (link.rttMs === undefined || link.rttMs < limits.rttMs) &&
    (link.fps === undefined || link.fps >= limits.fps)
  );
}

function instant(sample: LinkSample): Smoothed {
  return { lossPct: Math.max(sample.lossPct, sample.remoteLossPct ?? 0), rttMs: sample.rttMs, fps: sample.receivedFps };
}

function smooth(previous: Smoothed | undefined, sample: LinkSample, weight: number): Smoothed {
  // A stall is taken at once, not averaged away.
  if (!previous || sample.stalled) return instant(sample);
  // Our loss and what the other side reports losing of ours: the worse of the two describes the link.
  const { lossPct } = instant(sample);
  const mix = (old: number | undefined, now: number | undefined) =>
    now === undefined ? undefined : old === undefined ? now : old + weight * (now - old);
  return { lossPct: mix(previous.lossPct, lossPct) as number, rttMs: mix(previous.rttMs, sample.rttMs), fps: mix(previous.fps, sample.receivedFps) };
}
