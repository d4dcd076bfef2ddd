import { describe, expect, it } from 'vitest';
import type { KioskApi } from '../../main/preload/api.js';
import { createBridge, type BridgeHost } from './bridge.js';

function host(hash: string, kiosk?: KioskApi) {
  const calls = { replaced: [] as (string | undefined)[], cleared: 0 };
  const value: BridgeHost = {
    ...(kiosk ? { kiosk } : {}),
    location: { protocol: 'http:', host: '127.0.0.1:4000', hash, pathname: '/kiosk/', search: '' },
    history: { replaceState: (_d, _u, url) => calls.replaced.push(url) },
    localStorage: { clear: () => calls.cleared++ },
    sessionStorage: { clear: () => calls.cleared++ },
  };
  return { value, calls };
}

describe('kiosk bridge', () => {
  it('browser mode reads the hash once, erases it, and connects to the same origin', async () => {
    const { value, calls } = host('#kioskId=k-1&token=secret-token-1');
    const bridge = createBridge(value);
    expect(calls.replaced).toEqual(['/kiosk/']);
    await expect(bridge.getConfig()).resolves.toEqual({ kioskId: 'k-1', token: 'secret-token-1', serverUrl: 'ws://127.0.0.1:4000/ws' });
    await bridge.endVisit();
    expect(calls.cleared).toBe(2);
  });

  it('browser mode wipes storage, cookies and IndexedDB at the end of a visit', async () => {
    const { value } = host('#kioskId=k-1&token=secret-token-1');
    const deleted: string[] = [];
    const jar = new Map([['a', '1'], ['b', '2']]);
    const document = {
      get cookie() {
        return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      },
      set cookie(line: string) {
        if (/expires=Thu, 01 Jan 1970/.test(line)) jar.delete(line.split('=')[0]!);
      },
    };
    const indexedDB = { databases: async () => [{ name: 'visit' }, { name: 'other' }, {}], deleteDatabase: (name: string) => deleted.push(name) };
    await createBridge({ ...value, document, indexedDB }).endVisit();
    expect(jar.size).toBe(0);
    expect(deleted).toEqual(['visit', 'other']);
  });

  it('browser mode without credentials says how to open the page', async () => {
    await expect(createBridge(host('').value).getConfig()).rejects.toMatchObject({ code: 'KIOSK_NOT_CONFIGURED' });
  });

  it('browser mode reads the layout test switches (pseudo-locale, right to left) from the hash; off by default', () => {
    const { value, calls } = host('#kioskId=k-1&token=secret-token-1&pseudo=1&dir=rtl');
    expect(createBridge(value).testDisplay).toEqual({ pseudoLocale: true, rtl: true });
    expect(calls.replaced).toEqual(['/kiosk/']);
    expect(createBridge(host('#kioskId=k-1&token=secret-token-1').value).testDisplay).toEqual({ pseudoLocale: false, rtl: false });
  });

  it('Electron never turns the layout test switches on, whatever the address says', () => {
    const api: KioskApi = { getConfig: async () => ({}) as never, endVisit: async () => {} };
    expect(createBridge(host('#pseudo=1&dir=rtl', api).value).testDisplay).toEqual({ pseudoLocale: false, rtl: false });
  });

  it('parses what the preload returns instead of trusting it', async () => {
    const api = (config: unknown): KioskApi => ({ getConfig: async () => config as never, endVisit: async () => {} });
    const good = { serverUrl: 'wss://signal.example.ca/ws', kioskId: 'k-1', token: 'secret-token-1' };
    await expect(createBridge(host('', api(good)).value).getConfig()).resolves.toEqual(good);
    await expect(createBridge(host('', api({ ...good, serverUrl: 'javascript:alert(1)' })).value).getConfig()).rejects.toMatchObject({
      code: 'KIOSK_CONFIG_INVALID',
    });
  });
});
