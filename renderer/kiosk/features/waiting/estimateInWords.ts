const MINUTE_MS = 60_000;
/** Below this the visitor hears "less than 5 minutes": smaller numbers promise a precision the estimate does not have. */
export const ESTIMATE_FLOOR_MINUTES = 5;
/** Estimates are rounded to this many minutes ("about 10", "about 15"). */
export const ESTIMATE_STEP_MINUTES = 5;
/** Above this the visitor hears "more than 60 minutes": a longer number would be a guess. */
export const ESTIMATE_CEILING_MINUTES = 60;

export type EstimateWords =
  | { kind: 'under'; minutes: number }
  | { kind: 'about'; minutes: number }
  | { kind: 'over'; minutes: number };

/**
 * The estimate as a visitor should hear it: "less than 5 minutes", "about 10 minutes" (to the
 * nearest 5), "more than 60 minutes". The wording only changes when the rounded value does,
 * so the polite live region is not re-announced on every 15-second refresh.
 */
export function estimateInWords(estimatedWaitMs: number): EstimateWords {
  const minutes = Math.max(0, estimatedWaitMs) / MINUTE_MS;
  if (minutes < ESTIMATE_FLOOR_MINUTES) return { kind: 'under', minutes: ESTIMATE_FLOOR_MINUTES };
  if (minutes > ESTIMATE_CEILING_MINUTES) return { kind: 'over', minutes: ESTIMATE_CEILING_MINUTES };
  return { kind: 'about', minutes: Math.max(ESTIMATE_FLOOR_MINUTES, Math.round(minutes / ESTIMATE_STEP_MINUTES) * ESTIMATE_STEP_MINUTES) };
}
