import { z } from 'zod';
import { Id } from './domain.js';
import { httpErrorResponse, JSON_POST_ERROR_CODES } from './httpErrors.js';

/**
 * Kiosk enrolment over HTTP (docs/security.md, "Kiosk enrolment"): the kiosk's main process POSTs
 * its one-time code and receives, once, the device secret it then uses as its hello token.
 */
export const ENROL_PATH = '/api/enrol';
/** The request body is a few dozen bytes; anything larger is refused before it is parsed. */
export const MAX_ENROL_BODY_BYTES = 1024;

/** As typed by a person: case, spaces and hyphens do not matter (the server normalizes). */
export const EnrolmentCodeInput = z.string().min(4).max(32);

export const EnrolRequest = z.strictObject({ kioskId: Id, code: EnrolmentCodeInput });
export type EnrolRequest = z.infer<typeof EnrolRequest>;

/** Same bounds as a kiosk hello token, so the secret can be used as one. */
export const EnrolResponse = z.strictObject({ deviceSecret: z.string().min(32).max(256) });
export type EnrolResponse = z.infer<typeof EnrolResponse>;

/**
 * What went wrong, as a code. The three CODE_* answers never say whether a kiosk id exists:
 * an unknown kiosk, a revoked one and a code issued for another kiosk all read CODE_INVALID.
 */
export const ENROL_ERROR_CODES = [
  ...JSON_POST_ERROR_CODES,
  'CODE_INVALID',
  'CODE_USED',
  'CODE_EXPIRED',
  'ENROLMENT_UNAVAILABLE',
] as const;
export const EnrolErrorCode = z.enum(ENROL_ERROR_CODES);
export type EnrolErrorCode = z.infer<typeof EnrolErrorCode>;

export const EnrolErrorResponse = httpErrorResponse(EnrolErrorCode);
export type EnrolErrorResponse = z.infer<typeof EnrolErrorResponse>;

/** Case, spaces and hyphens as typed do not matter: "abcde fghjk" is "ABCDEFGHJK". */
export function normalizeEnrolmentCode(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toUpperCase();
}
