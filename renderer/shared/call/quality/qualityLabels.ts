import type { QualityPlan } from './qualityMonitor.js';

/**
 * i18next keys for the plain-language connection label on the kiosk (e.g. "Weak connection:
 * the picture may be less sharp"). The strings themselves live in the i18n resources.
 */
export const QUALITY_LABEL_KEYS = {
  good: 'call.quality.good',
  fair: 'call.quality.fair',
  poor: 'call.quality.poor',
  /** Our camera is paused to keep the voice going. */
  audioOnly: 'call.quality.audioOnly',
} as const;
export type QualityLabelKey = (typeof QUALITY_LABEL_KEYS)[keyof typeof QUALITY_LABEL_KEYS];

/** undefined while warming up: better no label than a wrong one. */
export function qualityLabelKey(plan: QualityPlan): QualityLabelKey | undefined {
  if (!plan.settled) return undefined;
  if (plan.audioOnly) return QUALITY_LABEL_KEYS.audioOnly;
  return QUALITY_LABEL_KEYS[plan.level];
}
