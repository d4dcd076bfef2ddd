import { loadKioskConfig, type KioskConfig } from '../config/index.js';
import { resolveKioskToken } from '../enrolment/kiosk-token.js';
import { noticePath } from '../notices/notice-pages.js';
import type { Logger } from '../log/logger.js';
import { createKioskReporter, systemReportTimers, type KioskReporter, type ReportTimers } from '../reporting/kiosk-report-client.js';
import type { KioskConfigForRenderer } from '../preload/api.js';
import { APP_ORIGIN, KIOSK_ENTRY_URL, originOf } from '../security/origin.js';
import { createWebPreferences } from '../security/web-preferences.js';
import type { KioskHost, KioskWindowEvents, KioskWindowHandle } from './kiosk-host.js';

export type StartOutcome = 'started' | 'second-instance' | 'bad-config' | 'not-enrolled';

/** The page the window loads: our local app:// files, or a development server when the config says so and the app is not packaged. */
export function chooseEntryUrl(config: KioskConfig, isPackaged: boolean, log: Logger): string {
  if (config.kioskUrl === undefined) return KIOSK_ENTRY_URL;
  if (isPackaged) {
    // A packaged kiosk always runs the code it was shipped with.
    log.warn('kioskUrl ignored in a packaged app');
    return KIOSK_ENTRY_URL;
  }
  return config.kioskUrl;
}

/**
 * Only what the page needs to connect; the development kioskUrl and the enrolment code stay in the main
 * process. `token` is the config token or the device secret (never logged).
 */
export function configForRenderer(config: KioskConfig, token: string): KioskConfigForRenderer {
  return { serverUrl: config.serverUrl, kioskId: config.kioskId, token };
}

/**
 * What the main process does when the window reports trouble: log it (codes and counts only) and, when the
 * kiosk has credentials, send it to the signaling server in the background (never awaited here).
 */
export function kioskWindowEvents(log: Logger, reporter?: Pick<KioskReporter, 'outOfService' | 'backInService'>): KioskWindowEvents {
  return {
    onOutOfService: (report) => {
      log.error('kiosk out of service', { ...report });
      reporter?.outOfService(report);
    },
    onBackInService: (counts) => {
      log.info('kiosk back in service', { ...counts });
      reporter?.backInService(counts);
    },
  };
}

/**
 * Startup order: scheme → single instance → config → lockdown → ready → screen on → credentials (config
 * token, or the device secret from safeStorage, enrolling first if needed) → session → IPC → window.
 * Without credentials the window shows a bilingual notice page instead, and no IPC is answered.
 */
export async function startKiosk(
  host: KioskHost,
  env: Readonly<Record<string, string | undefined>>,
  log: Logger,
  timers: ReportTimers = systemReportTimers,
): Promise<StartOutcome> {
  host.registerAppScheme();
  // A second launch may arrive before the window exists; then there is nothing to focus yet.
  const opened: { window?: KioskWindowHandle } = {};
  if (!host.claimSingleInstance(() => opened.window?.focus())) return 'second-instance';

  const loaded = loadKioskConfig({ env, userDataDir: host.userDataDir() });
  if (!loaded.ok) {
    host.fail(loaded.message);
    return 'bad-config';
  }
  const { config } = loaded;
  const entryUrl = chooseEntryUrl(config, host.isPackaged, log);
  // entryUrl is KIOSK_ENTRY_URL or a validated http(s) URL, so it always has an origin.
  const appOrigin = originOf(entryUrl) ?? APP_ORIGIN;

  // Before anything can create a web contents.
  host.guardAllWebContents(appOrigin);
  await host.whenReady();
  host.preventDisplaySleep();
  const credentials = await resolveKioskToken({
    config,
    userDataDir: host.userDataDir(),
    storage: () => host.secureStorage(),
    fetch: host.fetch,
    log,
  });
  const session = host.openKioskSession(appOrigin);
  const webPreferences = createWebPreferences({ preloadPath: host.preloadPath(), isPackaged: host.isPackaged, nodeEnv: env.NODE_ENV });
  if (!credentials.ok) {
    log.error('kiosk not enrolled', { notice: credentials.notice, detail: credentials.message });
    opened.window = host.openKioskWindow(`${APP_ORIGIN}${noticePath(credentials.notice)}`, webPreferences, kioskWindowEvents(log));
    return 'not-enrolled';
  }
  const { token } = credentials;
  host.registerIpc(appOrigin, {
    getConfig: () => configForRenderer(config, token),
    endVisit: () => session.wipe(),
  });
  const reporter = createKioskReporter({ serverUrl: config.serverUrl, kioskId: config.kioskId, token, fetch: host.fetch, timers, log });
  opened.window = host.openKioskWindow(entryUrl, webPreferences, kioskWindowEvents(log, reporter));
  log.info('kiosk started', { origin: appOrigin, credentials: credentials.source });
  return 'started';
}
