import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  KioskReport,
  MAX_KIOSK_REPORT_BODY_BYTES,
  parse,
  type KioskReportErrorCode,
  type KioskReportErrorResponse,
} from '../../../protocol/index.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { Clock } from '../clock.js';
import type { KioskReportStore } from '../kioskReports/kioskReportStore.js';
import type { Logger } from '../logger.js';
import type { AddressGuard } from '../security/addressGuard.js';
import { clientAddress } from '../security/clientAddress.js';
import { readLimitedBody } from './enrolRoute.js';
import { sendJson } from './responses.js';

const STATUS: Record<KioskReportErrorCode, number> = {
  BAD_JSON: 400,
  INVALID_REQUEST: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  METHOD_NOT_ALLOWED: 405,
  RATE_LIMITED: 429,
  UNAUTHORIZED: 401,
  REPORTS_UNAVAILABLE: 503,
};

const MESSAGES: Record<KioskReportErrorCode, string> = {
  BAD_JSON: 'The body is not valid JSON.',
  INVALID_REQUEST: 'The report is not valid.',
  BODY_TOO_LARGE: `The body is larger than ${MAX_KIOSK_REPORT_BODY_BYTES} bytes.`,
  UNSUPPORTED_MEDIA_TYPE: 'The body must be application/json.',
  METHOD_NOT_ALLOWED: 'Only POST is allowed.',
  RATE_LIMITED: 'Too many failed attempts from this address; try again later.',
  UNAUTHORIZED: 'The kiosk credential is missing or not accepted.',
  REPORTS_UNAVAILABLE: 'Kiosk reports are not kept on this server.',
};

/** `Bearer <token>`, scheme case-insensitive (RFC 6750); anything else is no credential at all. */
const BEARER = /^Bearer +(\S+)$/i;

export interface KioskReportRouteOptions {
  /** Undefined when the store keeps no kiosk reports: every valid request is REPORTS_UNAVAILABLE. */
  reports: KioskReportStore | undefined;
  /** The same kiosk check as a hello: config token or enrolled device secret, revoked kiosks refused. */
  authenticator: Pick<Authenticator, 'authenticate'>;
  /** Failed reports draw on the same per-address budget as failed hellos and enrolments. */
  addresses: AddressGuard;
  trustForwardedFor: boolean;
  clock: Clock;
  logger: Logger;
}

function refuse(res: ServerResponse, code: KioskReportErrorCode, detail?: string): void {
  const body: KioskReportErrorResponse = { error: { code, message: detail ? `${MESSAGES[code]} ${detail}`.slice(0, 500) : MESSAGES[code] } };
  if (code === 'UNAUTHORIZED') res.setHeader('WWW-Authenticate', 'Bearer');
  sendJson(res, STATUS[code], body);
}

/** POST /api/kiosk-report {kioskId, kind, crashCount, reasons, outOfServiceCount} + Bearer token → 204, or a coded error. */
export function createKioskReportRoute({ reports, authenticator, addresses, trustForwardedFor, clock, logger }: KioskReportRouteOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return refuse(res, 'METHOD_NOT_ALLOWED');
    }
    const address = clientAddress(req, trustForwardedFor);
    if (!addresses.loginAllowed(address)) return refuse(res, 'RATE_LIMITED');
    const failed = (code: KioskReportErrorCode, detail?: string) => {
      addresses.recordFailedLogin(address);
      logger.warn('kiosk report refused', { code });
      // An unread body must not keep the connection: the client gets its answer, then the socket closes.
      res.setHeader('Connection', 'close');
      refuse(res, code, detail);
    };
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') return failed('UNSUPPORTED_MEDIA_TYPE');
    if (Number(req.headers['content-length'] ?? 0) > MAX_KIOSK_REPORT_BODY_BYTES) return failed('BODY_TOO_LARGE');
    const body = await readLimitedBody(req, MAX_KIOSK_REPORT_BODY_BYTES);
    if (body === undefined) return failed('BODY_TOO_LARGE');
    let data: unknown;
    try {
      data = JSON.parse(body.toString('utf8'));
    } catch {
      return failed('BAD_JSON');
    }
    const parsed = parse(KioskReport, data);
    if (!parsed.ok) return failed('INVALID_REQUEST', parsed.message);
    const report = parsed.value;
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    // Same bounds as a hello token; the authenticator says no without telling why (unknown, wrong, revoked).
    const ok = token !== undefined && token.length >= 8 && token.length <= 256 && authenticator.authenticate({ role: 'kiosk', kioskId: report.kioskId, token }) !== undefined;
    if (!ok) return failed('UNAUTHORIZED');
    if (!reports) return refuse(res, 'REPORTS_UNAVAILABLE');
    reports.record({ ...report, at: clock.now() });
    const log = report.kind === 'out-of-service' ? logger.error.bind(logger) : logger.info.bind(logger);
    log(`kiosk reports ${report.kind}`, { kioskId: report.kioskId, crashCount: report.crashCount, reasons: report.reasons, outOfServiceCount: report.outOfServiceCount });
    res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
  };
}
