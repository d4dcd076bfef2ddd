import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../log/logger.js';
import { APP_ORIGIN, KIOSK_ENTRY_URL } from '../security/origin.js';
import { KIOSK_CSP } from '../security/csp.js';
import { createWebPreferences } from '../security/web-preferences.js';
import { FakeSession } from './testing/fake-electron.js';

const fake = await vi.hoisted(async () => (await import('./testing/fake-electron.js')).createFakeElectron());
vi.mock('electron', () => fake);

const { claimSingleInstance } = await import('./single-instance.js');
const { registerAppSchemePrivileges, serveAppScheme, APP_SCHEME_PRIVILEGES } = await import('./app-scheme.js');
const { createKioskWindow, KIOSK_BACKGROUND_COLOUR } = await import('./kiosk-window.js');
const { registerKioskIpc, senderFacts } = await import('./kiosk-ipc.js');
const { createElectronHost, KIOSK_PARTITION, appLayout, EXIT_BAD_CONFIG } = await import('./electron-host.js');

const log = createLogger('test', () => undefined);

beforeEach(() => {
  vi.clearAllMocks();
  fake.app.listeners.clear();
  fake.ipcHandlers.clear();
  fake.windows.length = 0;
  fake.sessions.clear();
  fake.app.requestSingleInstanceLock.mockReturnValue(true);
});

describe('single-instance lock', () => {
  it('the first instance keeps running and focuses its window when a second one starts', () => {
    const focus = vi.fn();
    expect(claimSingleInstance(focus)).toBe(true);
    expect(fake.app.quit).not.toHaveBeenCalled();
    fake.app.emit('second-instance', {}, ['electron', '.'], '/');
    expect(focus).toHaveBeenCalledTimes(1);
  });

  it('a second instance quits at once', () => {
    fake.app.requestSingleInstanceLock.mockReturnValue(false);
    const focus = vi.fn();
    expect(claimSingleInstance(focus)).toBe(false);
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.app.listenerCount('second-instance')).toBe(0);
  });
});

describe('app:// scheme', () => {
  const base = mkdtempSync(join(tmpdir(), 'platform-scheme-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('is registered as standard and secure, without CORS or CSP bypass', () => {
    registerAppSchemePrivileges();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: APP_SCHEME_PRIVILEGES }]);
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true, stream: true });
  });

  it('serves files through the session protocol with the CSP header and refuses traversal', async () => {
    mkdirSync(join(base, 'kiosk'), { recursive: true });
    writeFileSync(join(base, 'kiosk', 'index.html'), '<title>k</title>');
    const ses = new FakeSession();
    serveAppScheme(ses as never, base);
    expect(ses.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = ses.protocol.handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
    const ok = await handler(new Request('app://kiosk/kiosk/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(KIOSK_CSP);
    expect(await ok.text()).toBe('<title>k</title>');
    const refused = await handler(new Request('app://kiosk/..%2f..%2fetc%2fpasswd'));
    expect(refused.status).toBe(403);
    // No route to the global protocol object: only the kiosk session serves app://.
    expect(fake.protocol.handle).not.toHaveBeenCalled();
  });
});

describe('kiosk window', () => {
  const webPreferences = createWebPreferences({ preloadPath: '/p.cjs', isPackaged: true, nodeEnv: 'production' });

  it('is a full-screen kiosk window without menu, on the kiosk session, loading the app page', () => {
    const session = { id: 'kiosk-session' };
    const window = createKioskWindow({ url: KIOSK_ENTRY_URL, session: session as never, webPreferences, log });
    const created = fake.windows[0];
    expect(created).toBe(window);
    expect(created?.options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true, show: false, backgroundColor: KIOSK_BACKGROUND_COLOUR });
    expect(created?.options.webPreferences).toEqual({ ...webPreferences, session });
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(created?.removeMenu).toHaveBeenCalled();
    expect(created?.loadURL).toHaveBeenCalledWith('app://kiosk/kiosk/index.html');
    created?.emit('ready-to-show');
    expect(created?.show).toHaveBeenCalled();
  });

  it('reloads the page after a renderer crash', () => {
    vi.useFakeTimers();
    try {
      createKioskWindow({ url: KIOSK_ENTRY_URL, session: {} as never, webPreferences, log });
      const created = fake.windows[0];
      created?.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
      vi.runAllTimers();
      expect(created?.loadURL).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('kiosk IPC', () => {
  const handlers = { getConfig: vi.fn(() => ({ serverUrl: 'wss://s', kioskId: 'k1', token: 'secret-token' })), endVisit: vi.fn(async () => undefined) };
  const mainFrame = { url: KIOSK_ENTRY_URL, parent: null };
  const invoke = (channel: string, senderFrame: unknown, ...args: unknown[]) => fake.ipcHandlers.get(channel)?.({ senderFrame }, ...args);

  it('registers exactly the two kiosk channels', () => {
    registerKioskIpc(APP_ORIGIN, handlers, log);
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(['kiosk:end-visit', 'kiosk:get-config']);
  });

  it('answers our main frame', async () => {
    registerKioskIpc(APP_ORIGIN, handlers, log);
    expect(invoke('kiosk:get-config', mainFrame)).toEqual({ serverUrl: 'wss://s', kioskId: 'k1', token: 'secret-token' });
    await invoke('kiosk:end-visit', mainFrame);
    expect(handlers.endVisit).toHaveBeenCalledTimes(1);
  });

  it('refuses subframes, other origins, destroyed frames and extra arguments', () => {
    registerKioskIpc(APP_ORIGIN, handlers, log);
    handlers.getConfig.mockClear();
    expect(() => invoke('kiosk:get-config', { url: KIOSK_ENTRY_URL, parent: mainFrame })).toThrow('UNTRUSTED_SENDER');
    expect(() => invoke('kiosk:get-config', { url: 'https://evil.example/', parent: null })).toThrow('UNTRUSTED_SENDER');
    expect(() => invoke('kiosk:get-config', null)).toThrow('UNTRUSTED_SENDER');
    expect(() => invoke('kiosk:end-visit', mainFrame, 'everything')).toThrow('BAD_ARGUMENTS');
    expect(handlers.getConfig).not.toHaveBeenCalled();
  });

  it('reads sender facts from the frame', () => {
    expect(senderFacts({ senderFrame: mainFrame as never })).toEqual({ frameUrl: KIOSK_ENTRY_URL, isMainFrame: true });
    expect(senderFacts({ senderFrame: null })).toEqual({ frameUrl: undefined, isMainFrame: false });
  });
});

describe('electron host', () => {
  it('opens the in-memory kiosk partition, locks it down and serves app:// from dist/renderer', async () => {
    const host = createElectronHost(log);
    const handle = host.openKioskSession(APP_ORIGIN);
    expect(fake.session.fromPartition).toHaveBeenCalledWith(KIOSK_PARTITION);
    expect(KIOSK_PARTITION.startsWith('persist:')).toBe(false);
    const ses = fake.sessions.get(KIOSK_PARTITION);
    expect(ses?.setPermissionRequestHandler).toHaveBeenCalled();
    expect(ses?.setPermissionCheckHandler).toHaveBeenCalled();
    expect(ses?.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    await handle.wipe();
    expect(ses?.clearStorageData).toHaveBeenCalled();
    expect(ses?.clearCache).toHaveBeenCalled();
    expect(ses?.clearAuthCache).toHaveBeenCalled();
  });

  it('lays out the app as the build produces it', () => {
    expect(appLayout('/opt/app.asar')).toEqual({
      rendererDir: join('/opt/app.asar', 'dist', 'renderer'),
      preloadPath: join('/opt/app.asar', 'dist', 'main', 'preload.cjs'),
    });
  });

  it('fails with the message on stderr and in a dialog, then exits', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      createElectronHost(log).fail('kiosk config /x: serverUrl: must be wss:// except on localhost');
      expect(stderr).toHaveBeenCalledWith('kiosk config /x: serverUrl: must be wss:// except on localhost\n');
      expect(fake.dialog.showErrorBox).toHaveBeenCalledWith('Kiosk cannot start', 'kiosk config /x: serverUrl: must be wss:// except on localhost');
      expect(fake.app.exit).toHaveBeenCalledWith(EXIT_BAD_CONFIG);
    } finally {
      stderr.mockRestore();
    }
  });
});
