import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createKioskApi } from './api.js';

const fake = await vi.hoisted(async () => (await import('../platform/testing/fake-electron.js')).createFakeElectron());
vi.mock('electron', () => fake);

describe('createKioskApi', () => {
  it('maps each call to its kiosk:* channel with no arguments', async () => {
    const invoke = vi.fn(async (channel: string) => (channel === 'kiosk:get-config' ? { serverUrl: 'wss://s', kioskId: 'k', token: 't' } : undefined));
    const api = createKioskApi({ invoke });
    expect(await api.getConfig()).toEqual({ serverUrl: 'wss://s', kioskId: 'k', token: 't' });
    await api.endVisit();
    expect(invoke.mock.calls).toEqual([['kiosk:get-config'], ['kiosk:end-visit']]);
  });
});

describe('preload', () => {
  beforeEach(() => vi.resetModules());

  it('exposes window.kiosk with exactly getConfig and endVisit, never ipcRenderer', async () => {
    await import('./index.js');
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = fake.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(name).toBe('kiosk');
    expect(Object.keys(api).sort()).toEqual(['endVisit', 'getConfig']);
    expect(Object.values(api)).not.toContain(fake.ipcRenderer);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    await (api.endVisit as () => Promise<void>)();
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('kiosk:end-visit');
  });
});
