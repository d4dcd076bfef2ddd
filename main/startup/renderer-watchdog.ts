import type { Logger } from '../log/logger.js';
import { BACK_IN_SERVICE_AFTER_MS, UNRESPONSIVE_GRACE_MS, type CrashPolicy, type OutOfServiceReport } from './crash-policy.js';

/** Reason recorded when the watchdog killed a hung renderer, instead of Electron's 'killed'. */
export const UNRESPONSIVE_REASON = 'unresponsive';

export interface WatchdogTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the watchdog asks of the window; main/platform implements these on a BrowserWindow. */
export interface WatchdogActions {
  loadApp(): void;
  showOutOfService(): void;
  /** Ends a hung renderer; Electron then fires render-process-gone, which comes back here as crashed(). */
  killHungRenderer(): void;
  onOutOfService(report: OutOfServiceReport): void;
  /** The app has run a whole crash window since the cool-down retry without going out of service again. */
  onBackInService(counts: { crashCount: number; outOfServiceCount: number }): void;
}

export interface RendererWatchdog {
  crashed(reason: string): void;
  unresponsive(): void;
  responsive(): void;
  /** The window is gone: cancel every pending timer. */
  dispose(): void;
}

export interface RendererWatchdogOptions {
  policy: CrashPolicy;
  timers: WatchdogTimers;
  actions: WatchdogActions;
  log: Logger;
  unresponsiveGraceMs?: number;
  backInServiceAfterMs?: number;
}

/** Turns renderer events into the policy's decisions, with the delays it asks for. */
export function createRendererWatchdog({
  policy,
  timers,
  actions,
  log,
  unresponsiveGraceMs = UNRESPONSIVE_GRACE_MS,
  backInServiceAfterMs = BACK_IN_SERVICE_AFTER_MS,
}: RendererWatchdogOptions): RendererWatchdog {
  let pendingLoad: unknown;
  let pendingRetry: unknown;
  let pendingBackInService: unknown;
  let hangTimer: unknown;
  let killedForHang = false;

  const clear = (handle: unknown) => {
    if (handle !== undefined) timers.clearTimeout(handle);
  };
  const later = (ms: number, run: () => void) => {
    clear(pendingLoad);
    pendingLoad = timers.setTimeout(() => {
      pendingLoad = undefined;
      run();
    }, ms);
  };

  return {
    crashed(electronReason) {
      clear(hangTimer);
      hangTimer = undefined;
      const reason = killedForHang ? UNRESPONSIVE_REASON : electronReason;
      killedForHang = false;
      const decision = policy.recordCrash(reason);
      switch (decision.action) {
        case 'reload':
          log.error('renderer gone, reloading', { reason, afterMs: decision.afterMs });
          later(decision.afterMs, actions.loadApp);
          return;
        case 'stay-out-of-service':
          log.error('out-of-service page gone, showing it again', { reason });
          later(decision.afterMs, actions.showOutOfService);
          return;
        case 'go-out-of-service':
          log.error('renderer keeps crashing, out of service', { ...decision.report, retryAfterMs: decision.retryAfterMs });
          clear(pendingLoad);
          pendingLoad = undefined;
          actions.showOutOfService();
          actions.onOutOfService(decision.report);
          // Tried again and broke again: it never came back, so no back-in-service for that retry.
          clear(pendingBackInService);
          pendingBackInService = undefined;
          clear(pendingRetry);
          pendingRetry = timers.setTimeout(() => {
            pendingRetry = undefined;
            log.info('out-of-service cool-down over, trying the app again');
            policy.retry();
            actions.loadApp();
            pendingBackInService = timers.setTimeout(() => {
              pendingBackInService = undefined;
              if (policy.isOutOfService) return;
              log.info('kiosk back in service');
              actions.onBackInService(policy.counts);
            }, backInServiceAfterMs);
          }, decision.retryAfterMs);
          return;
      }
    },
    unresponsive() {
      if (hangTimer !== undefined) return;
      hangTimer = timers.setTimeout(() => {
        hangTimer = undefined;
        log.error('renderer unresponsive, ending it', { graceMs: unresponsiveGraceMs });
        killedForHang = true;
        actions.killHungRenderer();
      }, unresponsiveGraceMs);
    },
    responsive() {
      clear(hangTimer);
      hangTimer = undefined;
    },
    dispose() {
      for (const handle of [pendingLoad, pendingRetry, pendingBackInService, hangTimer]) clear(handle);
      pendingLoad = pendingRetry = pendingBackInService = hangTimer = undefined;
    },
  };
}
