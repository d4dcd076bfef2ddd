import { app, BrowserWindow, Menu, type Session } from 'electron';
import type { Logger } from '../log/logger.js';
import type { KioskWebPreferences } from '../security/web-preferences.js';

/** Shown behind the page while it loads, so the screen never flashes white. */
export const KIOSK_BACKGROUND_COLOUR = '#26374a';
/** After a renderer crash, wait a moment before reloading so a crash loop does not spin the CPU. */
export const RELOAD_AFTER_CRASH_MS = 2_000;

export interface KioskWindowOptions {
  url: string;
  session: Session;
  webPreferences: KioskWebPreferences;
  log: Logger;
}

export function createKioskWindow({ url, session, webPreferences, log }: KioskWindowOptions): BrowserWindow {
  // No menu bar, and no menu accelerators (reload, zoom, devtools) that could be typed on an attached keyboard.
  Menu.setApplicationMenu(null);
  const window = new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: KIOSK_BACKGROUND_COLOUR,
    webPreferences: { ...webPreferences, session },
  });
  window.removeMenu();
  window.once('ready-to-show', () => window.show());
  // A kiosk has nobody to restart it: a crashed page comes back by itself.
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error('renderer gone, reloading', { reason: details.reason });
    setTimeout(() => {
      if (!window.isDestroyed()) void window.loadURL(url);
    }, RELOAD_AFTER_CRASH_MS);
  });
  window.on('closed', () => app.quit());
  void window.loadURL(url).catch((error: unknown) => log.error('kiosk page failed to load', { error: String(error) }));
  return window;
}
