import { AUDIO_ONLY_STEP, DEFAULT_POLICY_TUNING, INITIAL_POLICY_STATE, nextPolicy, sendScaleFor, type PolicyState, type PolicyTuning } from './degradationPolicy.js';
import { sampleBetween, type LinkSample } from './linkSample.js';
import { DEFAULT_LEVEL_TUNING, INITIAL_LEVEL_STATE, nextLevel, type LevelState, type LevelTuning, type QualityLevel } from './qualityLevel.js';
import type { StatsSnapshot } from './statsSnapshot.js';

/**
 * What the call core should do now. It applies `sendScale` with RTCRtpSender.setParameters
 * (scaleResolutionDownBy, degradationPreference `maintain-framerate`) and stops or resumes
 * sending video for `audioOnly`; the kiosk shows `qualityLabelKey(plan)`.
 */
export interface QualityPlan {
  level: QualityLevel;
  /** False during the warm-up after joining: nothing is judged, nothing is shown. */
  settled: boolean;
  sendScale: number;
  audioOnly: boolean;
}

/**
 * The first seconds of a call always look bad (the bandwidth estimate starts low and ramps up);
 * judging them would flash "poor connection" at every visitor.
 */
export const WARM_UP_MS = 6_000;

export interface QualityTuning {
  warmUpMs: number;
  level: LevelTuning;
  policy: PolicyTuning;
}
export const DEFAULT_QUALITY_TUNING: QualityTuning = { warmUpMs: WARM_UP_MS, level: DEFAULT_LEVEL_TUNING, policy: DEFAULT_POLICY_TUNING };

export interface QualityState {
  startedAtMs: number | undefined;
  previous: StatsSnapshot | undefined;
  lastSample: LinkSample | undefined;
  settled: boolean;
  link: LevelState;
  policy: PolicyState;
}

export const INITIAL_QUALITY_STATE: QualityState = {
  startedAtMs: undefined,
  previous: undefined,
  lastSample: undefined,
  settled: false,
  link: INITIAL_LEVEL_STATE,
  policy: INITIAL_POLICY_STATE,
};

/** Pure reducer: feed it getStats() snapshots (about one a second) in order. */
export function nextQuality(state: QualityState, snapshot: StatsSnapshot, tuning: QualityTuning = DEFAULT_QUALITY_TUNING): QualityState {
  const startedAtMs = state.startedAtMs ?? snapshot.atMs;
  const sample = state.previous ? sampleBetween(state.previous, snapshot) : undefined;
  const base = { ...state, startedAtMs, previous: snapshot, lastSample: sample };
  if (!sample || snapshot.atMs - startedAtMs < tuning.warmUpMs) return base;
  const link = nextLevel(state.link, sample, tuning.level);
  return { ...base, settled: true, link, policy: nextPolicy(state.policy, link.level, sample, tuning.policy) };
}

export function qualityPlan(state: QualityState): QualityPlan {
  return {
    level: state.link.level,
    settled: state.settled,
    sendScale: sendScaleFor(state.policy.step),
    audioOnly: state.policy.step >= AUDIO_ONLY_STEP,
  };
}

/** Replays a recorded sequence: one plan per snapshot. */
export function replayQuality(snapshots: readonly StatsSnapshot[], tuning: QualityTuning = DEFAULT_QUALITY_TUNING): QualityPlan[] {
  let state = INITIAL_QUALITY_STATE;
  return snapshots.map((snapshot) => {
    state = nextQuality(state, snapshot, tuning);
    return qualityPlan(state);
  });
}
