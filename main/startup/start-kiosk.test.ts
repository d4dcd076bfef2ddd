import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../log/logger.js';
import type { FetchLike } from '../enrolment/enrolment-client.js';
import type { SecureStorage } from '../enrolment/secure-storage.js';
import { createFakeElectron } from '../platform/testing/fake-electron.js';
import type { KioskWebPreferences } from '../security/web-preferences.js';
import type { KioskHost, KioskIpcHandlers, KioskWindowEvents } from './kiosk-host.js';
import { chooseEntryUrl, startKiosk } from './start-kiosk.js';

const dir = mkdtempSync(join(tmpdir(), 'start-kiosk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lines: string[] = [];
const log = createLogger('test', (line) => lines.push(line));
const good = { serverUrl: 'wss://signaling.example.ca/ws', kioskId: 'snb-01', token: 'k-0123456789abcdef' };

function configFile(content: unknown): string {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

/** Records the order of host calls and what each received. */
function fakeHost() {
  const calls: string[] = [];
  const record = <A extends unknown[], R>(name: string, result: (...args: A) => R) => vi.fn((...args: A) => (calls.push(name), result(...args)));
  const wipe = vi.fn(async () => undefined);
  const focus = vi.fn();
  let ipc: KioskIpcHandlers | undefined;
  let secondInstance: (() => void) | undefined;
  const host = {
    isPackaged: false,
    userDataDir: () => dir,
    preloadPath: () => '/app/dist/main/preload.cjs',
    registerAppScheme: record('registerAppScheme', () => undefined),
    claimSingleInstance: record('claimSingleInstance', (onSecond: () => void) => ((secondInstance = onSecond), true)),
    guardAllWebContents: record('guardAllWebContents', (_origin: string) => undefined),
    whenReady: record('whenReady', async () => undefined),
    preventDisplaySleep: record('preventDisplaySleep', () => undefined),
    openKioskSession: record('openKioskSession', (_origin: string) => ({ wipe })),
    registerIpc: record('registerIpc', (_origin: string, handlers: KioskIpcHandlers) => void (ipc = handlers)),
    openKioskWindow: record('openKioskWindow', (_url: string, _prefs: KioskWebPreferences, _events: KioskWindowEvents) => ({ focus })),
    fail: record('fail', (_message: string) => undefined),
    // A kiosk with a config token never touches the keyring or the network.
    secureStorage: vi.fn((): SecureStorage => {
      throw new Error('secureStorage used with a config token');
    }),
    // A kiosk with a config token never enrols; only the out-of-service reports below use the network.
    fetch: vi.fn<FetchLike>(async () => {
      throw new Error('fetch used with a config token');
    }),
  } satisfies KioskHost;
  return { host, calls, wipe, focus, ipc: () => ipc, secondInstance: () => secondInstance?.() };
}

describe('startKiosk', () => {
  it('starts in a safe order and loads the local app page', async () => {
    const { host, calls, focus, wipe, ipc, secondInstance } = fakeHost();
    expect(await startKiosk(host, { KIOSK_CONFIG: configFile(good) }, log)).toBe('started');
    expect(calls).toEqual([
      'registerAppScheme',
      'claimSingleInstance',
      'guardAllWebContents',
      'whenReady',
      'preventDisplaySleep',
      'openKioskSession',
      'registerIpc',
      'openKioskWindow',
    ]);
    expect(host.guardAllWebContents).toHaveBeenCalledWith('app://kiosk');
    expect(host.openKioskSession).toHaveBeenCalledWith('app://kiosk');
    expect(host.registerIpc).toHaveBeenCalledWith('app://kiosk', expect.anything());
    const [url, prefs] = host.openKioskWindow.mock.calls[0] ?? [];
    expect(url).toBe('app://kiosk/kiosk/index.html');
    expect(prefs).toMatchObject({ preload: '/app/dist/main/preload.cjs', sandbox: true, contextIsolation: true, devTools: true });

    expect(ipc()?.getConfig()).toEqual(good);
    await ipc()?.endVisit();
    expect(wipe).toHaveBeenCalledTimes(1);
    secondInstance();
    expect(focus).toHaveBeenCalledTimes(1);
  });

  it('stops with the named error and opens nothing when the config is bad', async () => {
    const { host, calls } = fakeHost();
    const path = configFile({ ...good, serverUrl: 'ws://signaling.example.ca' });
    expect(await startKiosk(host, { KIOSK_CONFIG: path }, log)).toBe('bad-config');
    expect(host.fail).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^kiosk config ${path}: serverUrl: must be wss:// except on localhost`)));
    expect(calls).toEqual(['registerAppScheme', 'claimSingleInstance', 'fail']);
  });

  it('does nothing more in a second instance', async () => {
    const { host, calls } = fakeHost();
    host.claimSingleInstance.mockImplementation(() => (calls.push('claimSingleInstance'), false));
    expect(await startKiosk(host, { KIOSK_CONFIG: configFile(good) }, log)).toBe('second-instance');
    expect(calls).toEqual(['registerAppScheme', 'claimSingleInstance']);
  });

  it('never hands the development kioskUrl to the page, and locks policies to the dev origin when it is used', async () => {
    const { host, ipc } = fakeHost();
    await startKiosk(host, { KIOSK_CONFIG: configFile({ ...good, kioskUrl: 'http://localhost:5173/kiosk/index.html' }), NODE_ENV: 'production' }, log);
    expect(ipc()?.getConfig()).toEqual(good);
    expect(host.guardAllWebContents).toHaveBeenCalledWith('http://localhost:5173');
    expect(host.openKioskWindow.mock.calls[0]?.[0]).toBe('http://localhost:5173/kiosk/index.html');
    expect(host.openKioskWindow.mock.calls[0]?.[1].devTools).toBe(false);
  });
});

describe('out-of-service hook', () => {
  it('hands the window a hook that logs the report (codes and counts, no token) and sends it to the server', async () => {
    const { host } = fakeHost();
    const sent: { url: string; headers: Record<string, string>; body: unknown }[] = [];
    host.fetch.mockImplementation(async (url, init) => {
      sent.push({ url, headers: init.headers, body: JSON.parse(init.body) });
      return { status: 204, json: async () => ({}) };
    });
    await startKiosk(host, { KIOSK_CONFIG: configFile(good) }, log);
    const events = host.openKioskWindow.mock.calls[0]?.[2];
    lines.length = 0;
    events?.onOutOfService({ at: '2025-01-06T09:00:00.000Z', crashCount: 2, recentReasons: ['crashed', 'oom'], outOfServiceCount: 1 });
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 'error', message: 'kiosk out of service', crashCount: 2, recentReasons: ['crashed', 'oom'] });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      url: 'https://signaling.example.ca/api/kiosk-report',
      headers: { authorization: `Bearer ${good.token}` },
      body: { kioskId: 'snb-01', kind: 'out-of-service', crashCount: 2, reasons: ['crashed', 'oom'], outOfServiceCount: 1 },
    });
    events?.onBackInService({ crashCount: 2, outOfServiceCount: 1 });
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]?.body).toMatchObject({ kind: 'back-in-service', reasons: [] });
    expect(lines.join('\n')).not.toContain(good.token);
  });
});

describe('chooseEntryUrl', () => {
  it('ignores kioskUrl in a packaged app', () => {
    expect(chooseEntryUrl({ ...good, kioskUrl: 'http://localhost:5173/kiosk/' }, true, log)).toBe('app://kiosk/kiosk/index.html');
    expect(chooseEntryUrl({ ...good, kioskUrl: 'http://localhost:5173/kiosk/' }, false, log)).toBe('http://localhost:5173/kiosk/');
    expect(chooseEntryUrl(good, false, log)).toBe('app://kiosk/kiosk/index.html');
  });
});

describe('startKiosk with enrolment', () => {
  const SECRET = 'enrolled-device-secret-0123456789abcdefghij';
  const fakeElectron = createFakeElectron();
  const storage = (): SecureStorage => ({
    isEncryptionAvailable: () => fakeElectron.safeStorage.isEncryptionAvailable(),
    encryptString: (text) => fakeElectron.safeStorage.encryptString(text),
    decryptString: (data) => fakeElectron.safeStorage.decryptString(data),
    linuxBackend: () => fakeElectron.safeStorage.getSelectedStorageBackend(),
  });
  const { token: _token, ...noToken } = good;

  function enrollingHost(userDataDir: string, fetch: FetchLike) {
    const fake = fakeHost();
    return { ...fake, host: { ...fake.host, userDataDir: () => userDataDir, secureStorage: vi.fn(storage), fetch: vi.fn(fetch) } };
  }

  it('enrols after ready, then hands the device secret to the page (never to the log)', async () => {
    const userData = mkdtempSync(join(dir, 'user-'));
    const { host, calls, ipc } = enrollingHost(userData, async () => ({ status: 200, json: async () => ({ deviceSecret: SECRET }) }));
    lines.length = 0;
    expect(await startKiosk(host, { KIOSK_CONFIG: configFile({ ...noToken, enrolmentCode: 'ABCDE-FGHJK' }) }, log)).toBe('started');
    expect(calls.indexOf('whenReady')).toBeLessThan(calls.indexOf('openKioskSession'));
    expect(host.fetch).toHaveBeenCalledTimes(1);
    expect(ipc()?.getConfig()).toEqual({ ...noToken, token: SECRET });
    expect(host.openKioskWindow.mock.calls[0]?.[0]).toBe('app://kiosk/kiosk/index.html');
    expect(lines.join('\n')).not.toContain(SECRET);
    expect(lines.join('\n')).not.toContain('ABCDE');
  });

  it('shows the bilingual notice page, and answers no IPC, when enrolment fails', async () => {
    const userData = mkdtempSync(join(dir, 'user-'));
    const { host, calls } = enrollingHost(userData, async () => ({ status: 401, json: async () => ({ error: { code: 'CODE_USED', message: 'used' } }) }));
    expect(await startKiosk(host, { KIOSK_CONFIG: configFile({ ...noToken, enrolmentCode: 'ABCDE-FGHJK' }) }, log)).toBe('not-enrolled');
    expect(calls).not.toContain('registerIpc');
    expect(host.openKioskWindow.mock.calls[0]?.[0]).toBe('app://kiosk/notice/enrolment-refused.html');
  });

  it('refuses to go on when safeStorage cannot encrypt', async () => {
    const userData = mkdtempSync(join(dir, 'user-'));
    fakeElectron.safeStorage.isEncryptionAvailable.mockReturnValueOnce(false);
    const { host } = enrollingHost(userData, async () => ({ status: 200, json: async () => ({ deviceSecret: SECRET }) }));
    expect(await startKiosk(host, { KIOSK_CONFIG: configFile({ ...noToken, enrolmentCode: 'ABCDE-FGHJK' }) }, log)).toBe('not-enrolled');
    expect(host.fetch).not.toHaveBeenCalled();
    expect(host.openKioskWindow.mock.calls[0]?.[0]).toBe('app://kiosk/notice/secure-storage-unavailable.html');
  });
});
