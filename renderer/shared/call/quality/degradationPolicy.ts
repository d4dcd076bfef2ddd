import type { LinkSample } from './linkSample.js';
import { MIN_SIGN_LANGUAGE_FPS, type QualityLevel } from './qualityLevel.js';

/**
 * `scaleResolutionDownBy` steps for our outgoing video (720p → 480p → 360p → 240p). Resolution
 * goes first and frame rate is kept (the sender's degradationPreference is `maintain-framerate`):
 * a visitor signing needs fluid hands more than sharp ones.
 */
export const SEND_SCALES = [1, 1.5, 2, 3] as const;
/** One step past the last scale: camera off, voice kept. */
export const AUDIO_ONLY_STEP = SEND_SCALES.length;

export interface PolicyTuning {
  /** Consecutive strained samples before going one step down (each step needs the wait again). */
  samplesToStepDown: number;
  /** Consecutive good samples before going one step back up; longer than down so it does not oscillate. */
  samplesToStepUp: number;
}
export const DEFAULT_POLICY_TUNING: PolicyTuning = { samplesToStepDown: 3, samplesToStepUp: 10 };

export interface PolicyState {
  step: number;
  strainedRun: number;
  easyRun: number;
}
export const INITIAL_POLICY_STATE: PolicyState = { step: 0, strainedRun: 0, easyRun: 0 };

export function nextPolicy(state: PolicyState, level: QualityLevel, sample: LinkSample, tuning: PolicyTuning = DEFAULT_POLICY_TUNING): PolicyState {
  // Our own encoder dropping below the sign-language floor for want of bandwidth or CPU is strain too.
  const senderStarved = sample.sendLimited && sample.sentFps !== undefined && sample.sentFps < MIN_SIGN_LANGUAGE_FPS;
  if (level === 'poor' || senderStarved) {
    const strainedRun = state.strainedRun + 1;
    if (strainedRun >= tuning.samplesToStepDown && state.step < AUDIO_ONLY_STEP) {
      return { step: state.step + 1, strainedRun: 0, easyRun: 0 };
    }
    return { ...state, strainedRun, easyRun: 0 };
  }
  if (level === 'good') {
    const easyRun = state.easyRun + 1;
    if (easyRun >= tuning.samplesToStepUp && state.step > 0) return { step: state.step - 1, strainedRun: 0, easyRun: 0 };
    return { ...state, strainedRun: 0, easyRun };
  }
  // Fair: hold what we have.
  return { ...state, strainedRun: 0, easyRun: 0 };
}

export function sendScaleFor(step: number): number {
  return SEND_SCALES[Math.min(step, SEND_SCALES.length - 1)] ?? 1;
}
