import type { FetchLike } from '../enrolment/enrolment-client.js';
import type { SecureStorage } from '../enrolment/secure-storage.js';
import type { KioskConfigForRenderer } from '../preload/api.js';
import type { KioskWebPreferences } from '../security/web-preferences.js';
import type { OutOfServiceReport } from './crash-policy.js';

/** What the main-process IPC answers; the platform layer puts the sender check in front of each. */
export interface KioskIpcHandlers {
  getConfig(): KioskConfigForRenderer;
  endVisit(): Promise<void>;
}

export interface KioskSessionHandle {
  /** Clears every trace of the visit (storage, cache, auth cache). */
  wipe(): Promise<void>;
}

export interface KioskWindowHandle {
  focus(): void;
}

/** What the window tells startup about; startKiosk decides what to do with it. */
export interface KioskWindowEvents {
  /**
   * The page crashed twice within a minute and the out-of-service page is showing. startKiosk logs the
   * report and sends it to the signaling server (main/reporting/kiosk-report-client.ts) without waiting.
   */
  onOutOfService(report: OutOfServiceReport): void;
  /** After the cool-down retry the app ran a whole crash window: startKiosk tells the server. */
  onBackInService(counts: { crashCount: number; outOfServiceCount: number }): void;
}

/**
 * Everything startKiosk needs from Electron, as one injected object: main/platform implements it,
 * tests pass a fake. Keeps the startup order (and its security consequences) testable in plain Node.
 */
export interface KioskHost {
  readonly isPackaged: boolean;
  userDataDir(): string;
  preloadPath(): string;
  /** Registers app:// as a privileged scheme; Electron requires this before the app is ready. */
  registerAppScheme(): void;
  /** False when another instance already runs (this one then quits). */
  claimSingleInstance(onSecondInstance: () => void): boolean;
  guardAllWebContents(appOrigin: string): void;
  whenReady(): Promise<void>;
  /** Keeps the screen on: an unattended kiosk must never go dark. Call after whenReady. */
  preventDisplaySleep(): void;
  /** The kiosk's in-memory session with permissions locked down and app:// served from the built renderer. */
  openKioskSession(appOrigin: string): KioskSessionHandle;
  registerIpc(appOrigin: string, handlers: KioskIpcHandlers): void;
  openKioskWindow(url: string, webPreferences: KioskWebPreferences, events: KioskWindowEvents): KioskWindowHandle;
  /** Electron's safeStorage (OS keyring). Use after whenReady. */
  secureStorage(): SecureStorage;
  /** HTTP for enrolment and kiosk reports; Electron's net.fetch, so the system proxy settings apply. Use after whenReady. */
  fetch: FetchLike;
  /** Shows the message (stderr as is; a bilingual dialog around it) and exits with a failure status. */
  fail(message: string): void;
}
