import { KioskReport, MAX_KIOSK_REPORT_BODY_BYTES, type KioskReportErrorCode } from '../../../protocol/index.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { Clock } from '../clock.js';
import type { KioskReportStore } from '../kioskReports/kioskReportStore.js';
import type { Logger } from '../logger.js';
import type { AddressGuard } from '../security/addressGuard.js';
import { createJsonPostRoute, JSON_POST_STATUS, jsonPostMessages } from './jsonPostRoute.js';

const STATUS: Record<KioskReportErrorCode, number> = {
  ...JSON_POST_STATUS,
  UNAUTHORIZED: 401,
  REPORTS_UNAVAILABLE: 503,
};

const MESSAGES: Record<KioskReportErrorCode, string> = {
  ...jsonPostMessages(MAX_KIOSK_REPORT_BODY_BYTES, 'The report is not valid.'),
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
  /** Told of every accepted report, after it is stored: the site staff's view shows the kiosk out of service. */
  onReport?: (kioskId: string, kind: KioskReport['kind']) => void;
}

/** POST /api/kiosk-report {kioskId, kind, crashCount, reasons, outOfServiceCount} + Bearer token → 204, or a coded error. */
export function createKioskReportRoute({ reports, authenticator, addresses, trustForwardedFor, clock, logger, onReport }: KioskReportRouteOptions) {
  return createJsonPostRoute<KioskReportErrorCode, typeof KioskReport>({
    schema: KioskReport,
    maxBodyBytes: MAX_KIOSK_REPORT_BODY_BYTES,
    status: STATUS,
    messages: MESSAGES,
    headers: { UNAUTHORIZED: { 'WWW-Authenticate': 'Bearer' } },
    addresses,
    trustForwardedFor,
    logger,
    refusedLogMessage: 'kiosk report refused',
    handle: ({ req, res, body: report, failed, refuse }) => {
      const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
      // Same bounds as a hello token; the authenticator says no without telling why (unknown, wrong, revoked).
      const ok = token !== undefined && token.length >= 8 && token.length <= 256 && authenticator.authenticate({ role: 'kiosk', kioskId: report.kioskId, token }) !== undefined;
      if (!ok) return failed('UNAUTHORIZED');
      if (!reports) return refuse('REPORTS_UNAVAILABLE');
      reports.record({ ...report, at: clock.now() });
      const log = report.kind === 'out-of-service' ? logger.error.bind(logger) : logger.info.bind(logger);
      log(`kiosk reports ${report.kind}`, { kioskId: report.kioskId, crashCount: report.crashCount, reasons: report.reasons, outOfServiceCount: report.outOfServiceCount });
      onReport?.(report.kioskId, report.kind);
      res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
    },
  });
}
