import { z } from 'zod';
import { Id } from './domain.js';
import { httpErrorResponse, JSON_POST_ERROR_CODES } from './httpErrors.js';

/**
 * A kiosk's own health, over HTTP (docs/protocol.md, "HTTP endpoints"): the kiosk's main process tells the
 * server when its page kept crashing and the static out-of-service page is showing, and again when it is
 * back. Authenticated with the kiosk's hello token as `Authorization: Bearer <token>`. Codes and counts only.
 */
export const KIOSK_REPORT_PATH = '/api/kiosk-report';
/** A report is a couple of hundred bytes; anything larger is refused before it is parsed. */
export const MAX_KIOSK_REPORT_BODY_BYTES = 2048;
/** The crash policy trips after a few crashes; a longer list is not a real report. */
export const MAX_KIOSK_REPORT_REASONS = 10;
/** Counts since the kiosk started; bounded so a stored row stays small. */
const MAX_KIOSK_REPORT_COUNT = 1_000_000;

export const KIOSK_REPORT_KINDS = ['out-of-service', 'back-in-service'] as const;
export const KioskReportKind = z.enum(KIOSK_REPORT_KINDS);
export type KioskReportKind = z.infer<typeof KioskReportKind>;

/**
 * Why the page went: Electron's render-process-gone reasons, the watchdog's 'unresponsive', the window's
 * 'load-failed', and 'other' for a reason this list does not know (the kiosk maps it before sending).
 */
export const KIOSK_CRASH_REASONS = [
  'crashed',
  'oom',
  'killed',
  'abnormal-exit',
  'clean-exit',
  'launch-failed',
  'integrity-failure',
  'memory-eviction',
  'unresponsive',
  'load-failed',
  'other',
] as const;
export const KioskCrashReason = z.enum(KIOSK_CRASH_REASONS);
export type KioskCrashReason = z.infer<typeof KioskCrashReason>;

const Count = z.number().int().min(0).max(MAX_KIOSK_REPORT_COUNT);

/** The body of POST /api/kiosk-report. The server stamps the time: a kiosk's clock is not trusted. */
export const KioskReport = z.strictObject({
  kioskId: Id,
  kind: KioskReportKind,
  /** Renderer crashes since the kiosk started, hangs included. */
  crashCount: Count,
  /** The crashes that tripped the limit, oldest first; empty for back-in-service. */
  reasons: z.array(KioskCrashReason).max(MAX_KIOSK_REPORT_REASONS),
  /** How many times the kiosk has gone out of service since it started. */
  outOfServiceCount: Count,
});
export type KioskReport = z.infer<typeof KioskReport>;

/** 204 on success (no body); otherwise one of these, never saying whether a kiosk id exists. */
export const KIOSK_REPORT_ERROR_CODES = [
  ...JSON_POST_ERROR_CODES,
  'UNAUTHORIZED',
  'REPORTS_UNAVAILABLE',
] as const;
export const KioskReportErrorCode = z.enum(KIOSK_REPORT_ERROR_CODES);
export type KioskReportErrorCode = z.infer<typeof KioskReportErrorCode>;

export const KioskReportErrorResponse = httpErrorResponse(KioskReportErrorCode);
export type KioskReportErrorResponse = z.infer<typeof KioskReportErrorResponse>;
