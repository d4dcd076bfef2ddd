import { app, dialog, net, powerSaveBlocker, session } from 'electron';
import { join } from 'node:path';
import { guardAllWebContents, lockDownSession, wipeSession } from '../lockdown/index.js';
import type { Logger } from '../log/logger.js';
import { badConfigDialog } from '../notices/bad-config-dialog.js';
import type { KioskHost } from '../startup/kiosk-host.js';
import { registerAppSchemePrivileges, serveAppScheme } from './app-scheme.js';
import { registerKioskIpc } from './kiosk-ipc.js';
import { createKioskWindow } from './kiosk-window.js';
import { electronSecureStorage } from './secure-storage.js';
import { claimSingleInstance } from './single-instance.js';

/** No "persist:" prefix: an in-memory session, so nothing of a visit is ever written to disk. */
export const KIOSK_PARTITION = 'kiosk';
/** Exit status when the kiosk cannot start (bad config). */
export const EXIT_BAD_CONFIG = 78;

/** Paths inside the app (the asar when packaged): the layout scripts/build-main.ts and vite build produce. */
export function appLayout(appPath: string): { rendererDir: string; preloadPath: string } {
  return { rendererDir: join(appPath, 'dist', 'renderer'), preloadPath: join(appPath, 'dist', 'main', 'preload.cjs') };
}

export function createElectronHost(log: Logger): KioskHost {
  const layout = () => appLayout(app.getAppPath());
  return {
    isPackaged: app.isPackaged,
    userDataDir: () => app.getPath('userData'),
    preloadPath: () => layout().preloadPath,
    registerAppScheme: registerAppSchemePrivileges,
    claimSingleInstance,
    guardAllWebContents: (appOrigin) => guardAllWebContents(app, appOrigin, log),
    whenReady: () => app.whenReady(),
    preventDisplaySleep() {
      // Held for the life of the process: the kiosk never wants the screen to sleep.
      const id = powerSaveBlocker.start('prevent-display-sleep');
      log.info('display sleep prevented', { blocker: id });
    },
    openKioskSession(appOrigin) {
      const ses = session.fromPartition(KIOSK_PARTITION);
      lockDownSession(ses, appOrigin, log);
      serveAppScheme(ses, layout().rendererDir);
      return { wipe: () => wipeSession(ses) };
    },
    registerIpc: (appOrigin, handlers) => registerKioskIpc(appOrigin, handlers, log),
    openKioskWindow(url, webPreferences, events) {
      const window = createKioskWindow({ url, webPreferences, events, session: session.fromPartition(KIOSK_PARTITION), log });
      return {
        focus() {
          if (window.isMinimized()) window.restore();
          window.focus();
        },
      };
    },
    secureStorage: () => electronSecureStorage(),
    fetch: (url, init) => net.fetch(url, init),
    fail(message) {
      process.stderr.write(`${message}\n`);
      // Whoever stands at the screen reads English and French; the installer reads the named field below them.
      // Safe before 'ready'; on Linux before 'ready' it prints to stderr instead of showing a dialog.
      const { title, content } = badConfigDialog(message);
      dialog.showErrorBox(title, content);
      app.exit(EXIT_BAD_CONFIG);
    },
  };
}
