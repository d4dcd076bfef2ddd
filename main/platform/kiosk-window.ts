import { app, BrowserWindow, Menu, type Session } from 'electron';
import { blockEscapeShortcuts, keepDevToolsClosed } from '../lockdown/keyboard-lockdown.js';
import type { Logger } from '../log/logger.js';
import { OUT_OF_SERVICE_URL } from '../security/origin.js';
import type { KioskWebPreferences } from '../security/web-preferences.js';
import { CrashPolicy } from '../startup/crash-policy.js';
import type { KioskWindowEvents } from '../startup/kiosk-host.js';
import { createRendererWatchdog } from '../startup/renderer-watchdog.js';

/** Shown behind the page while it loads, so the screen never flashes white. */
export const KIOSK_BACKGROUND_COLOUR = '#26374a';
/** Reason given to the crash policy when the page cannot even be loaded (missing bundle, dev server down). */
export const LOAD_FAILED_REASON = 'load-failed';
/** Chromium's code when a navigation is replaced by another one: not a failure. */
const NAVIGATION_ABORTED = 'ERR_ABORTED';

export interface KioskWindowOptions {
  url: string;
  session: Session;
  webPreferences: KioskWebPreferences;
  events: KioskWindowEvents;
  log: Logger;
}

export function createKioskWindow({ url, session, webPreferences, events, log }: KioskWindowOptions): BrowserWindow {
  // No menu bar, and no menu accelerators (reload, zoom, devtools) that could be typed on an attached keyboard.
  Menu.setApplicationMenu(null);
  const window = new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: KIOSK_BACKGROUND_COLOUR,
    // The isolation flags are restated literally (same values as createWebPreferences, which is
    // unit-tested) so static checkers such as electronegativity can see them at the call site.
    webPreferences: {
      ...webPreferences,
      session,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.removeMenu();
  window.once('ready-to-show', () => window.show());
  const contents = window.webContents;
  blockEscapeShortcuts(contents);
  keepDevToolsClosed(contents, webPreferences.devTools, log);

  // A kiosk has nobody to restart it: a crashed or hung page comes back by itself, and a page that keeps
  // crashing gives way to the static out-of-service page (startup/crash-policy.ts).
  const watchdog = createRendererWatchdog({
    policy: new CrashPolicy(() => Date.now()),
    timers: { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
    actions: {
      loadApp: () => load(url),
      showOutOfService: () => load(OUT_OF_SERVICE_URL),
      killHungRenderer: () => {
        if (!window.isDestroyed()) contents.forcefullyCrashRenderer();
      },
      onOutOfService: (report) => events.onOutOfService(report),
      onBackInService: (counts) => events.onBackInService(counts),
    },
    log,
  });
  function load(target: string): void {
    if (window.isDestroyed()) return;
    window.loadURL(target).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === NAVIGATION_ABORTED) return;
      log.error('kiosk page failed to load', { error: String(error) });
      watchdog.crashed(LOAD_FAILED_REASON);
    });
  }
  contents.on('render-process-gone', (_event, details) => watchdog.crashed(details.reason));
  window.on('unresponsive', () => watchdog.unresponsive());
  window.on('responsive', () => watchdog.responsive());
  window.on('closed', () => {
    watchdog.dispose();
    app.quit();
  });
  load(url);
  return window;
}
