import { z } from 'zod';

/** How long an issued code may be used: a working day, long enough to install the kiosk the same day. */
export const DEFAULT_CODE_TTL_MINUTES = 24 * 60;
const MIN_CODE_TTL_MINUTES = 5;
const MAX_CODE_TTL_MINUTES = 7 * 24 * 60;

/** The config's optional `enrolment` section; read by `kiosk-admin issue-code` when CONFIG is set. */
export const EnrolmentConfig = z.strictObject({
  codeTtlMinutes: z.number().int().min(MIN_CODE_TTL_MINUTES).max(MAX_CODE_TTL_MINUTES).default(DEFAULT_CODE_TTL_MINUTES),
});
export type EnrolmentConfig = z.infer<typeof EnrolmentConfig>;
export type EnrolmentConfigInput = z.input<typeof EnrolmentConfig>;

export function resolveEnrolmentConfig(section: EnrolmentConfigInput | undefined): EnrolmentConfig {
  return EnrolmentConfig.parse(section ?? {});
}
