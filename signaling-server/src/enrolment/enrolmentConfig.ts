import { z } from 'zod';

/** How long an issued code may be used: a working day, long enough to install the kiosk the same day. */
export const DEFAULT_CODE_TTL_MINUTES = 24 * 60;
const MIN_CODE_TTL_MINUTES = 5;
const MAX_CODE_TTL_MINUTES = 7 * 24 * 60;

/**
 * The config's optional `enrolment` section; read by `kiosk-admin issue-code` when CONFIG is set.
 * Codes are stored as HMAC-SHA256 under a key kept outside the database (enrolment/enrolmentKey.ts):
 * `KIOSK_ENROLMENT_KEY` in the environment wins over `keyFile`, which wins over an inline `key`.
 * Without any, enrolment is off (POST /api/enrol answers ENROLMENT_UNAVAILABLE).
 */
export const EnrolmentConfig = z.strictObject({
  codeTtlMinutes: z.number().int().min(MIN_CODE_TTL_MINUTES).max(MAX_CODE_TTL_MINUTES).default(DEFAULT_CODE_TTL_MINUTES),
  /** A file holding base64 of 32 random bytes (`openssl rand -base64 32`). */
  keyFile: z.string().min(1).optional(),
  /** Inline base64 key: for the generated demo config and tests; real sites use keyFile or the env. */
  key: z.string().min(1).max(256).optional(),
});
export type EnrolmentConfig = z.infer<typeof EnrolmentConfig>;
export type EnrolmentConfigInput = z.input<typeof EnrolmentConfig>;

export function resolveEnrolmentConfig(section: EnrolmentConfigInput | undefined): EnrolmentConfig {
  return EnrolmentConfig.parse(section ?? {});
}
