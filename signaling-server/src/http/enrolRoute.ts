import type { IncomingMessage, ServerResponse } from 'node:http';
import { EnrolRequest, MAX_ENROL_BODY_BYTES, parse, type EnrolErrorCode, type EnrolErrorResponse } from '../../../protocol/index.js';
import { enrolKiosk, type EnrolmentDeps } from '../enrolment/enrolKiosk.js';
import type { Logger } from '../logger.js';
import type { AddressGuard } from '../security/addressGuard.js';
import { clientAddress } from '../security/clientAddress.js';
import { sendJson } from './responses.js';

const STATUS: Record<EnrolErrorCode, number> = {
  BAD_JSON: 400,
  INVALID_REQUEST: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  METHOD_NOT_ALLOWED: 405,
  RATE_LIMITED: 429,
  CODE_INVALID: 401,
  CODE_USED: 401,
  CODE_EXPIRED: 401,
  ENROLMENT_UNAVAILABLE: 503,
};

const MESSAGES: Record<EnrolErrorCode, string> = {
  BAD_JSON: 'The body is not valid JSON.',
  INVALID_REQUEST: 'The request is not valid.',
  BODY_TOO_LARGE: `The body is larger than ${MAX_ENROL_BODY_BYTES} bytes.`,
  UNSUPPORTED_MEDIA_TYPE: 'The body must be application/json.',
  METHOD_NOT_ALLOWED: 'Only POST is allowed.',
  RATE_LIMITED: 'Too many failed attempts from this address; try again later.',
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

function refuse(res: ServerResponse, code: EnrolErrorCode, detail?: string): void {
  const body: EnrolErrorResponse = { error: { code, message: detail ? `${MESSAGES[code]} ${detail}`.slice(0, 500) : MESSAGES[code] } };
  sendJson(res, STATUS[code], body);
}

/** The body, or undefined once it passes the limit (reading stops there). */
export function readLimitedBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** POST /api/enrol {kioskId, code} → 200 {deviceSecret} once, or a coded error (protocol/enrolment.ts). */
export function createEnrolRoute({ enrolment, addresses, trustForwardedFor, logger }: EnrolRouteOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return refuse(res, 'METHOD_NOT_ALLOWED');
    }
    const address = clientAddress(req, trustForwardedFor);
    if (!addresses.loginAllowed(address)) return refuse(res, 'RATE_LIMITED');
    const failed = (code: EnrolErrorCode, detail?: string) => {
      addresses.recordFailedLogin(address);
      logger.warn('enrolment refused', { code });
      // An unread body must not keep the connection: the client gets its answer, then the socket closes.
      res.setHeader('Connection', 'close');
      refuse(res, code, detail);
    };
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') return failed('UNSUPPORTED_MEDIA_TYPE');
    if (Number(req.headers['content-length'] ?? 0) > MAX_ENROL_BODY_BYTES) return failed('BODY_TOO_LARGE');
    const body = await readLimitedBody(req, MAX_ENROL_BODY_BYTES);
    if (body === undefined) return failed('BODY_TOO_LARGE');
    let data: unknown;
    try {
      data = JSON.parse(body.toString('utf8'));
    } catch {
      return failed('BAD_JSON');
    }
    const parsed = parse(EnrolRequest, data);
    if (!parsed.ok) return failed('INVALID_REQUEST', parsed.message);
    if (!enrolment) return refuse(res, 'ENROLMENT_UNAVAILABLE');
    const result = enrolKiosk(enrolment, parsed.value);
    if (!result.ok) return failed(result.code);
    logger.info('kiosk enrolled', { kioskId: parsed.value.kioskId });
    sendJson(res, 200, { deviceSecret: result.deviceSecret });
  };
}
