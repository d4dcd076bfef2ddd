import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../log/logger.js';
import { APP_ORIGIN, KIOSK_ENTRY_URL, OUT_OF_SERVICE_URL } from '../security/origin.js';
import { OUT_OF_SERVICE_RETRY_MS, RELOAD_AFTER_CRASH_MS, UNRESPONSIVE_GRACE_MS } from '../startup/crash-policy.js';
import { KIOSK_CSP } from '../security/csp.js';
import { createWebPreferences } from '../security/web-preferences.js';
import { FakeSession, fakeEvent } from './testing/fake-electron.js';

const fake = await vi.hoisted(async () => (await import('./testing/fake-electron.js')).createFakeElectron());
vi.mock('electron', () => fake);

const { claimSingleInstance } = await import('./single-instance.js');
const { registerAppSchemePrivileges, serveAppScheme, APP_SCHEME_PRIVILEGES } = await import('./app-scheme.js');
const { createKioskWindow, KIOSK_BACKGROUND_COLOUR, LOAD_FAILED_REASON } = await import('./kiosk-window.js');
const { registerKioskIpc, senderFacts } = await import('./kiosk-ipc.js');
const { createElectronHost, KIOSK_PARTITION, appLayout, EXIT_BAD_CONFIG } = await import('./electron-host.js');
const { electronSecureStorage } = await import('./secure-storage.js');

const log = createLogger('test', () => undefined);

beforeEach(() => {
  vi.clearAllMocks();
  fake.app.listeners.clear();
  fake.ipcHandlers.clear();
  fake.windows.length = 0;
  fake.loadFailures.length = 0;
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

  it('answers the out-of-service page from memory, even when the renderer folder is missing', async () => {
    const ses = new FakeSession();
    serveAppScheme(ses as never, join(base, 'does-not-exist'));
    const handler = ses.protocol.handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
    const page = await handler(new Request(OUT_OF_SERVICE_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(KIOSK_CSP);
    expect(await page.text()).toContain('<section lang="fr">');
    expect((await handler(new Request(KIOSK_ENTRY_URL))).status).toBe(404);
  });
});

describe('kiosk window', () => {
  const webPreferences = createWebPreferences({ preloadPath: '/p.cjs', isPackaged: true, nodeEnv: 'production' });
  const devPreferences = createWebPreferences({ preloadPath: '/p.cjs', isPackaged: false, nodeEnv: 'development' });

  function open(prefs = webPreferences) {
    const events = { onOutOfService: vi.fn(), onBackInService: vi.fn() };
    createKioskWindow({ url: KIOSK_ENTRY_URL, session: {} as never, webPreferences: prefs, events, log });
    const created = fake.windows[0];
    if (!created) throw new Error('no window');
    const loaded = () => created.loadURL.mock.calls.map(([url]) => url);
    const crash = (reason = 'crashed') => created.webContents.emit('render-process-gone', {}, { reason, exitCode: 1 });
    return { created, events, loaded, crash };
  }

  it('is a full-screen kiosk window without menu, on the kiosk session, loading the app page', () => {
    const session = { id: 'kiosk-session' };
    const window = createKioskWindow({ url: KIOSK_ENTRY_URL, session: session as never, webPreferences, events: { onOutOfService: vi.fn(), onBackInService: vi.fn() }, log });
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

  describe('when the page crashes', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('reloads the page after a renderer crash', () => {
      const { crash, loaded } = open();
      crash();
      vi.advanceTimersByTime(RELOAD_AFTER_CRASH_MS);
      expect(loaded()).toEqual([KIOSK_ENTRY_URL, KIOSK_ENTRY_URL]);
    });

    it('shows the out-of-service page after two crashes within a minute, reports it, and tries the app again later', () => {
      const { crash, loaded, events } = open();
      crash();
      vi.advanceTimersByTime(RELOAD_AFTER_CRASH_MS + 5_000);
      crash('oom');
      expect(loaded()).toEqual([KIOSK_ENTRY_URL, KIOSK_ENTRY_URL, OUT_OF_SERVICE_URL]);
      expect(events.onOutOfService).toHaveBeenCalledWith(expect.objectContaining({ crashCount: 2, recentReasons: ['crashed', 'oom'] }));
      vi.advanceTimersByTime(OUT_OF_SERVICE_RETRY_MS);
      expect(loaded().at(-1)).toBe(KIOSK_ENTRY_URL);
      expect(loaded()).toHaveLength(4);
    });

    it('ends a page that stays unresponsive, unless it answers again in time', () => {
      const { created } = open();
      created.emit('unresponsive');
      created.emit('responsive');
      vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS);
      expect(created.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
      created.emit('unresponsive');
      vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS);
      expect(created.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    });

    it('counts a page that cannot be loaded as a crash, but not a navigation that was merely replaced', async () => {
      const failed = Object.assign(new Error('ERR_FILE_NOT_FOUND (-6) loading app://kiosk/kiosk/index.html'), { code: 'ERR_FILE_NOT_FOUND' });
      const aborted = Object.assign(new Error('ERR_ABORTED (-3)'), { code: 'ERR_ABORTED' });
      fake.loadFailures.push(aborted, failed);
      const { crash, loaded, events } = open();
      await vi.advanceTimersByTimeAsync(0);
      // Aborted: nothing happens.
      expect(loaded()).toEqual([KIOSK_ENTRY_URL]);
      crash();
      await vi.advanceTimersByTimeAsync(RELOAD_AFTER_CRASH_MS);
      // That reload fails: the second failure within a minute puts the kiosk out of service.
      expect(events.onOutOfService).toHaveBeenCalledWith(expect.objectContaining({ recentReasons: ['crashed', LOAD_FAILED_REASON] }));
      expect(loaded().at(-1)).toBe(OUT_OF_SERVICE_URL);
    });

    it('stops its timers and quits the app when the window closes', () => {
      const { created, crash, loaded } = open();
      crash();
      created.emit('closed');
      vi.advanceTimersByTime(OUT_OF_SERVICE_RETRY_MS);
      expect(loaded()).toEqual([KIOSK_ENTRY_URL]);
      expect(fake.app.quit).toHaveBeenCalledTimes(1);
    });
  });

  it('swallows escape shortcuts on the kiosk page', () => {
    const { created } = open();
    const input = { type: 'keyDown', key: 'F5', control: false, meta: false, alt: false, shift: false };
    const reload = fakeEvent();
    created.webContents.emit('before-input-event', reload, input);
    expect(reload.defaultPrevented).toBe(true);
    const typing = fakeEvent();
    created.webContents.emit('before-input-event', typing, { ...input, key: 'b' });
    expect(typing.defaultPrevented).toBe(false);
  });

  it('closes DevTools if they open in production, and leaves them in development', () => {
    open().created.webContents.emit('devtools-opened');
    expect(fake.windows[0]?.webContents.closeDevTools).toHaveBeenCalledTimes(1);
    fake.windows.length = 0;
    open(devPreferences).created.webContents.emit('devtools-opened');
    expect(fake.windows[0]?.webContents.closeDevTools).not.toHaveBeenCalled();
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

  it('keeps the display awake', () => {
    createElectronHost(log).preventDisplaySleep();
    expect(fake.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(fake.powerSaveBlocker.stop).not.toHaveBeenCalled();
  });

  it('fails with the message on stderr and in a bilingual dialog naming the field, then exits', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      createElectronHost(log).fail('kiosk config /x: serverUrl: must be wss:// except on localhost');
      expect(stderr).toHaveBeenCalledWith('kiosk config /x: serverUrl: must be wss:// except on localhost\n');
      const [title, content] = fake.dialog.showErrorBox.mock.calls[0] ?? [];
      expect(title).toBe('Kiosk cannot start / Le kiosque ne peut pas démarrer');
      expect(content).toContain('The kiosk configuration is not valid.');
      expect(content).toContain("La configuration du kiosque n'est pas valide.");
      expect(content).toMatch(/\nkiosk config \/x: serverUrl: must be wss:\/\/ except on localhost$/);
      expect(fake.app.exit).toHaveBeenCalledWith(EXIT_BAD_CONFIG);
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('safeStorage and net.fetch for enrolment', () => {
  it('wraps safeStorage, asking for the keyring backend on Linux only', () => {
    const linux = electronSecureStorage('linux');
    const encrypted = linux.encryptString('secret-value');
    expect(fake.safeStorage.encryptString).toHaveBeenCalledWith('secret-value');
    expect(linux.decryptString(encrypted)).toBe('secret-value');
    expect(linux.isEncryptionAvailable()).toBe(true);
    fake.safeStorage.getSelectedStorageBackend.mockReturnValueOnce('basic_text');
    expect(linux.linuxBackend?.()).toBe('basic_text');
    expect(electronSecureStorage('win32').linuxBackend).toBeUndefined();
    expect(electronSecureStorage('darwin').linuxBackend).toBeUndefined();
  });

  it('the host enrols through Electron net.fetch (system proxy settings apply)', async () => {
    const host = createElectronHost(log);
    const init = { method: 'POST' as const, headers: {}, body: '{}', signal: AbortSignal.timeout(1000) };
    await host.fetch('https://signaling.example.ca/api/enrol', init);
    expect(fake.net.fetch).toHaveBeenCalledWith('https://signaling.example.ca/api/enrol', init);
    expect(host.secureStorage().isEncryptionAvailable()).toBe(true);
  });
});
