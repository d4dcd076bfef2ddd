import { z } from 'zod';

/**
 * How long records are kept. Defaults: visits a little over a year (a full year of service
 * statistics plus the time to report on it), help requests one quarter (they only serve to
 * staff the partner offices), checked every hour.
 */
export const DEFAULT_VISITS_RETENTION_DAYS = 400;
export const DEFAULT_HELP_REQUESTS_RETENTION_DAYS = 90;
export const DEFAULT_RETENTION_INTERVAL_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;
/** Ten years: anything longer is a typo, not a retention policy. */
const MAX_RETENTION_DAYS = 3650;
/** Between a minute and a day: more often is wasted work, less often keeps records too long. */
const MIN_INTERVAL_MS = 60 * 1000;
const MAX_INTERVAL_MS = DAY_MS;

const Days = z.number().int().min(1).max(MAX_RETENTION_DAYS);

export const RetentionConfig = z.object({
  visitsDays: Days.default(DEFAULT_VISITS_RETENTION_DAYS),
  helpRequestsDays: Days.default(DEFAULT_HELP_REQUESTS_RETENTION_DAYS),
  intervalMs: z.number().int().min(MIN_INTERVAL_MS).max(MAX_INTERVAL_MS).default(DEFAULT_RETENTION_INTERVAL_MS),
});
export type RetentionConfig = z.infer<typeof RetentionConfig>;

/** The section as written, or absent, with every default filled in. */
export function resolveRetentionConfig(section: z.input<typeof RetentionConfig> | undefined): RetentionConfig {
  return RetentionConfig.parse(section ?? {});
}
