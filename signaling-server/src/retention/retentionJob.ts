import type { Clock, TimerHandle } from '../clock.js';
import type { Logger } from '../logger.js';
import type { RetentionRule } from './retentionRules.js';

export interface RetentionJob {
  /** Deletes every record past its period now; returns the counts per rule. */
  runOnce(): Record<string, number>;
  /** Runs once now, then every interval. */
  start(): void;
  stop(): void;
}

export interface RetentionJobOptions {
  rules: readonly RetentionRule[];
  intervalMs: number;
  clock: Clock;
  logger: Logger;
}

/**
 * Deletes old records on a timer. Logs counts only, never what was deleted. A failing rule
 * is logged and the others still run: one broken table must not keep everything forever.
 */
export function createRetentionJob({ rules, intervalMs, clock, logger }: RetentionJobOptions): RetentionJob {
  let timer: TimerHandle | undefined;

  const runOnce = (): Record<string, number> => {
    const now = clock.now();
    const deleted: Record<string, number> = {};
    for (const rule of rules) {
      try {
        deleted[rule.name] = rule.deleteBefore(now - rule.keepMs);
      } catch (error) {
        logger.error('retention: deleting old records failed', { rule: rule.name, error });
      }
    }
    const total = Object.values(deleted).reduce((sum, n) => sum + n, 0);
    if (total > 0) logger.info('retention: deleted old records', deleted);
    else logger.debug('retention: nothing to delete');
    return deleted;
  };

  return {
    runOnce,
    start() {
      if (timer !== undefined) return;
      runOnce();
      timer = clock.setInterval(runOnce, intervalMs);
    },
    stop() {
      if (timer === undefined) return;
      clock.clearInterval(timer);
      timer = undefined;
    },
  };
}
