import { KIOSK_CRASH_REASONS, KIOSK_REPORT_PATH, MAX_KIOSK_REPORT_REASONS, type KioskCrashReason, type KioskReport } from '../../protocol/index.js';
import { serverApiUrl, type FetchLike } from '../enrolment/enrolment-client.js';
import type { Logger } from '../log/logger.js';
import type { OutOfServiceReport } from '../startup/crash-policy.js';

/** One small request; a server that has not answered by then is treated as unreachable for this try. */
export const KIOSK_REPORT_TIMEOUT_MS = 10_000;
/** Tries per report before giving up quietly: the report is a courtesy, the out-of-service page is what matters. */
export const KIOSK_REPORT_ATTEMPTS = 5;
/** Wait before the second try; doubled for each later one (5 s, 10 s, 20 s, 40 s). */
export const KIOSK_REPORT_FIRST_BACKOFF_MS = 5_000;

export interface ReportTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemReportTimers: ReportTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What one try ended with. `retry: false` means trying again cannot help (refused, malformed). */
export type ReportAttempt = { sent: true } | { sent: false; retry: boolean; why: string };

/** Statuses worth another try: the server is busy, restarting or limiting this address for now. */
const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
const KNOWN_REASONS: ReadonlySet<string> = new Set(KIOSK_CRASH_REASONS);

/** The policy's free-form reasons as the protocol's bounded list; an unknown word becomes 'other'. */
export function reportReasons(reasons: readonly string[]): KioskCrashReason[] {
  return reasons.slice(-MAX_KIOSK_REPORT_REASONS).map((reason) => (KNOWN_REASONS.has(reason) ? (reason as KioskCrashReason) : 'other'));
}

export function outOfServiceBody(kioskId: string, report: OutOfServiceReport): KioskReport {
  return {
    kioskId,
    kind: 'out-of-service',
    crashCount: report.crashCount,
    reasons: reportReasons(report.recentReasons),
    outOfServiceCount: report.outOfServiceCount,
  };
}

/** One POST; never throws. The token goes in the Authorization header only, never in a message. */
export async function postKioskReport(
  target: { serverUrl: string; token: string },
  body: KioskReport,
  fetchImpl: FetchLike,
  timeoutMs: number = KIOSK_REPORT_TIMEOUT_MS,
): Promise<ReportAttempt> {
  const url = serverApiUrl(target.serverUrl, KIOSK_REPORT_PATH);
  try {
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status === 204) return { sent: true };
    return { sent: false, retry: RETRYABLE_STATUS.has(response.status), why: `HTTP ${response.status}` };
  } catch (error) {
    return { sent: false, retry: true, why: `${(error as Error).name}: ${(error as Error).message}`.slice(0, 200) };
  }
}

export interface KioskReporterOptions {
  serverUrl: string;
  kioskId: string;
  /** The hello token (config token or device secret). Never logged. */
  token: string;
  fetch: FetchLike;
  timers: ReportTimers;
  log: Logger;
  attempts?: number;
  firstBackoffMs?: number;
}

export interface KioskReporter {
  /** Queues the report and returns at once: the out-of-service page never waits for the network. */
  outOfService(report: OutOfServiceReport): void;
  backInService(report: { crashCount: number; outOfServiceCount: number }): void;
  /** Resolves when every queued report is sent or given up (tests, shutdown). */
  idle(): Promise<void>;
  /** Cancels pending retries; later reports are dropped. */
  dispose(): void;
}

/**
 * Sends out-of-service and back-in-service reports one after the other (so the server sees them in order),
 * each with bounded retries and doubling back-off on the injected timers. Gives up quietly after the last try.
 */
export function createKioskReporter({
  serverUrl,
  kioskId,
  token,
  fetch,
  timers,
  log,
  attempts = KIOSK_REPORT_ATTEMPTS,
  firstBackoffMs = KIOSK_REPORT_FIRST_BACKOFF_MS,
}: KioskReporterOptions): KioskReporter {
  let queue: Promise<void> = Promise.resolve();
  let disposed = false;
  const pending = new Map<unknown, () => void>();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const handle = timers.setTimeout(() => {
        pending.delete(handle);
        resolve();
      }, ms);
      pending.set(handle, resolve);
    });

  async function send(body: KioskReport): Promise<void> {
    for (let attempt = 1; attempt <= attempts && !disposed; attempt += 1) {
      const result = await postKioskReport({ serverUrl, token }, body, fetch);
      if (result.sent) {
        log.info('kiosk report sent', { kind: body.kind, attempt });
        return;
      }
      if (!result.retry || attempt === attempts) {
        log.warn('kiosk report given up', { kind: body.kind, attempt, why: result.why });
        return;
      }
      await wait(firstBackoffMs * 2 ** (attempt - 1));
    }
  }

  const enqueue = (body: KioskReport) => {
    if (disposed) return;
    queue = queue.then(() => send(body));
  };

  return {
    outOfService: (report) => enqueue(outOfServiceBody(kioskId, report)),
    backInService: ({ crashCount, outOfServiceCount }) => enqueue({ kioskId, kind: 'back-in-service', crashCount, reasons: [], outOfServiceCount }),
    idle: () => queue,
    dispose() {
      disposed = true;
      for (const [handle, resolve] of pending) {
        timers.clearTimeout(handle);
        resolve();
      }
      pending.clear();
    },
  };
}
