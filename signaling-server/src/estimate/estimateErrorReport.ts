import type { Store } from '../store/store.js';

export interface EstimateErrorReport {
  /** Visits with both a predicted and an actual wait (served by an agent). */
  visits: number;
  /** Mean of |predicted − actual|, in ms; 0 with no visits. */
  meanAbsoluteErrorMs: number;
  /** Mean of (predicted − actual), in ms: positive means the kiosk over-estimated. */
  biasMs: number;
}

/** How far the estimates shown at join were from the waits that followed (docs/routing.md). */
export function estimateErrorReport(store: Pick<Store, 'listVisits'>): EstimateErrorReport {
  let visits = 0;
  let absolute = 0;
  let signed = 0;
  for (const visit of store.listVisits()) {
    if (visit.predictedWaitMs === undefined || visit.actualWaitMs === undefined) continue;
    const error = visit.predictedWaitMs - visit.actualWaitMs;
    visits += 1;
    absolute += Math.abs(error);
    signed += error;
  }
  return {
    visits,
    meanAbsoluteErrorMs: visits === 0 ? 0 : Math.round(absolute / visits),
    biasMs: visits === 0 ? 0 : Math.round(signed / visits),
  };
}
