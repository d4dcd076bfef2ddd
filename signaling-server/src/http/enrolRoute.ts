import { EnrolRequest, MAX_ENROL_BODY_BYTES, type EnrolErrorCode } from '../../../protocol/index.js';
import { enrolKiosk, type EnrolmentDeps } from '../enrolment/enrolKiosk.js';
import type { Logger } from '../logger.js';
import type { AddressGuard } from '../security/addressGuard.js';
import { createJsonPostRoute, JSON_POST_STATUS, jsonPostMessages } from './jsonPostRoute.js';
import { sendJson } from './responses.js';

const STATUS: Record<EnrolErrorCode, number> = {
  ...JSON_POST_STATUS,
  CODE_INVALID: 401,
  CODE_USED: 401,
  CODE_EXPIRED: 401,
  ENROLMENT_UNAVAILABLE: 503,
};

const MESSAGES: Record<EnrolErrorCode, string> = {
  ...jsonPostMessages(MAX_ENROL_BODY_BYTES, 'The request is not valid.'),
  CODE_INVALID: 'This enrolment code is not valid for this kiosk. Ask the administrator for a new code.',
  CODE_USED: 'This enrolment code has already been used. Ask the administrator for a new code.',
  CODE_EXPIRED: 'This enrolment code has expired. Ask the administrator for a new code.',
  ENROLMENT_UNAVAILABLE: 'Enrolment is not available on this server.',
};

export interface EnrolRouteOptions {
  /** Undefined when the store keeps no enrolment data: every request is ENROLMENT_UNAVAILABLE. */
  enrolment: EnrolmentDeps | undefined;
  /** Failed enrolments draw on the same per-address budget as failed hellos. */
  addresses: AddressGuard;
  trustForwardedFor: boolean;
  logger: Logger;
}

/** POST /api/enrol {kioskId, code} → 200 {deviceSecret} once, or a coded error (protocol/enrolment.ts). */
export function createEnrolRoute({ enrolment, addresses, trustForwardedFor, logger }: EnrolRouteOptions) {
  return createJsonPostRoute<EnrolErrorCode, typeof EnrolRequest>({
    schema: EnrolRequest,
    maxBodyBytes: MAX_ENROL_BODY_BYTES,
    status: STATUS,
    messages: MESSAGES,
    addresses,
    trustForwardedFor,
    logger,
    refusedLogMessage: 'enrolment refused',
    handle: ({ res, body, failed, refuse }) => {
      if (!enrolment) return refuse('ENROLMENT_UNAVAILABLE');
      const result = enrolKiosk(enrolment, body);
      if (!result.ok) return failed(result.code);
      logger.info('kiosk enrolled', { kioskId: body.kioskId });
      sendJson(res, 200, { deviceSecret: result.deviceSecret });
    },
  });
}
