/** After a renderer crash, wait a moment before reloading so a crash loop does not spin the CPU. */
export const RELOAD_AFTER_CRASH_MS = 2_000;
/** Two crashes this close together mean the app is broken, not unlucky: stop reloading. */
export const CRASH_WINDOW_MS = 60_000;
export const CRASHES_BEFORE_OUT_OF_SERVICE = 2;
/** Out of service, try the app again after this long, so a transient fault (network, GPU) recovers without staff. */
export const OUT_OF_SERVICE_RETRY_MS = 10 * 60_000;
/**
 * After the cool-down retry, the app counts as back in service once it has run this long without going out
 * of service again: one crash window, so a still-broken app does not report back-in-service at all.
 */
export const BACK_IN_SERVICE_AFTER_MS = CRASH_WINDOW_MS;
/** A page that stops answering input this long is treated as crashed (Electron's 'unresponsive' fires after a few seconds already). */
export const UNRESPONSIVE_GRACE_MS = 15_000;

export interface CrashLimits {
  reloadAfterMs: number;
  windowMs: number;
  crashesBeforeOutOfService: number;
  retryAfterMs: number;
}

export const CRASH_LIMITS: CrashLimits = {
  reloadAfterMs: RELOAD_AFTER_CRASH_MS,
  windowMs: CRASH_WINDOW_MS,
  crashesBeforeOutOfService: CRASHES_BEFORE_OUT_OF_SERVICE,
  retryAfterMs: OUT_OF_SERVICE_RETRY_MS,
};

/**
 * What the kiosk reports to the server when it goes out of service (main/reporting/kiosk-report-client.ts).
 * Codes and counts only: Electron's reason words ('crashed', 'oom', 'killed', …) or 'unresponsive'.
 */
export interface OutOfServiceReport {
  /** ISO time the kiosk went out of service. */
  at: string;
  /** Renderer crashes since the kiosk started, hangs included. */
  crashCount: number;
  /** Reasons of the crashes that tripped the limit, oldest first. */
  recentReasons: string[];
  /** How many times the kiosk has gone out of service since it started (1 the first time). */
  outOfServiceCount: number;
}

export type CrashDecision =
  /** Load the app again after afterMs. */
  | { action: 'reload'; afterMs: number }
  /** Stop reloading: show the out-of-service page, report, and retry the app after retryAfterMs. */
  | { action: 'go-out-of-service'; report: OutOfServiceReport; retryAfterMs: number }
  /** Already out of service and the static page's renderer died: show the page again, nothing more. */
  | { action: 'stay-out-of-service'; afterMs: number };

/**
 * Decides what a renderer crash leads to. Pure apart from the injected clock: the caller does the loading
 * and the timers (see renderer-watchdog.ts).
 */
export class CrashPolicy {
  private recent: { at: number; reason: string }[] = [];
  private crashCount = 0;
  private outOfServiceCount = 0;
  private outOfService = false;

  constructor(
    private readonly now: () => number,
    private readonly limits: CrashLimits = CRASH_LIMITS,
  ) {}

  get isOutOfService(): boolean {
    return this.outOfService;
  }

  /** Counts since the kiosk started, for the back-in-service report. */
  get counts(): { crashCount: number; outOfServiceCount: number } {
    return { crashCount: this.crashCount, outOfServiceCount: this.outOfServiceCount };
  }

  recordCrash(reason: string): CrashDecision {
    const at = this.now();
    this.crashCount += 1;
    // A crash of the out-of-service page says nothing about the app; it only needs showing again.
    if (this.outOfService) return { action: 'stay-out-of-service', afterMs: this.limits.reloadAfterMs };
    this.recent = [...this.recent.filter((crash) => at - crash.at < this.limits.windowMs), { at, reason }];
    if (this.recent.length < this.limits.crashesBeforeOutOfService) return { action: 'reload', afterMs: this.limits.reloadAfterMs };
    this.outOfService = true;
    this.outOfServiceCount += 1;
    const report: OutOfServiceReport = {
      at: new Date(at).toISOString(),
      crashCount: this.crashCount,
      recentReasons: this.recent.map((crash) => crash.reason),
      outOfServiceCount: this.outOfServiceCount,
    };
    // The next attempt starts with a clean window: one crash after the retry is again just a reload.
    this.recent = [];
    return { action: 'go-out-of-service', report, retryAfterMs: this.limits.retryAfterMs };
  }

  /** The cool-down is over: the caller loads the app again. */
  retry(): void {
    this.outOfService = false;
  }
}
