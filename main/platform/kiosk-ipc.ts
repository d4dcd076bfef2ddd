import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Logger } from '../log/logger.js';
import { validateKioskInvoke, type IpcSenderFacts, type KioskChannel } from '../security/ipc-sender.js';
import type { KioskIpcHandlers } from '../startup/kiosk-host.js';

export function senderFacts(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): IpcSenderFacts {
  const frame = event.senderFrame;
  // A frame without a parent is a main frame; a destroyed frame (null) is never trusted.
  return { frameUrl: frame?.url, isMainFrame: frame !== null && frame !== undefined && frame.parent === null };
}

/** ipcMain.handle for kiosk:*, each behind the sender and argument check. A refused call rejects in the page. */
export function registerKioskIpc(appOrigin: string, handlers: KioskIpcHandlers, log: Logger): void {
  const guarded =
    <T>(channel: KioskChannel, run: () => T) =>
    (event: IpcMainInvokeEvent, ...args: unknown[]): T => {
      const verdict = validateKioskInvoke(channel, senderFacts(event), args, appOrigin);
      if (!verdict.ok) {
        log.warn('ipc call refused', { channel, code: verdict.code });
        throw new Error(`${verdict.code}: ${channel} refused`);
      }
      return run();
    };
  ipcMain.handle('kiosk:get-config', guarded('kiosk:get-config', () => handlers.getConfig()));
  ipcMain.handle('kiosk:end-visit', guarded('kiosk:end-visit', () => handlers.endVisit()));
}
