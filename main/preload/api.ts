/** The one API the preload exposes to the kiosk renderer as `window.kiosk`. Renderer imports this type only. */
export interface KioskConfigForRenderer { serverUrl: string; kioskId: string; token: string }
export interface IpcInvoker { invoke(channel: string, ...args: unknown[]): Promise<unknown> }
export function createKioskApi(ipc: IpcInvoker) {
  return {
    getConfig: () => ipc.invoke('kiosk:get-config') as Promise<KioskConfigForRenderer>,
    endVisit: () => ipc.invoke('kiosk:end-visit') as Promise<void>,
  };
}
export type KioskApi = ReturnType<typeof createKioskApi>;
