import type { App, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../log/logger.js';
import { APP_ORIGIN, KIOSK_ENTRY_URL } from '../security/origin.js';
import { FakeEmitter, FakeSession, FakeWebContents, fakeEvent } from '../platform/testing/fake-electron.js';
import { blockEscapeShortcuts, guardAllWebContents, guardWebContents, keepDevToolsClosed, lockDownSession, wipeSession } from './index.js';

const lines: string[] = [];
const log = createLogger('test', (line) => lines.push(line));

function lockedSession() {
  const ses = new FakeSession();
  lockDownSession(ses as unknown as Session, APP_ORIGIN, log);
  return ses;
}

function request(ses: FakeSession, permission: string, details: Record<string, unknown>): boolean {
  let answer: boolean | undefined;
  ses.permissionRequestHandler?.({}, permission, (granted: boolean) => (answer = granted), { isMainFrame: true, ...details });
  if (answer === undefined) throw new Error('the handler never answered');
  return answer;
}

describe('lockDownSession', () => {
  it('registers request, check and device handlers', () => {
    const ses = lockedSession();
    expect(ses.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(ses.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect(ses.setDevicePermissionHandler).toHaveBeenCalledTimes(1);
  });

  it('grants camera and microphone to our page only', () => {
    const ses = lockedSession();
    const media = { mediaTypes: ['video', 'audio'], securityOrigin: 'app://kiosk/' };
    expect(request(ses, 'media', { requestingUrl: KIOSK_ENTRY_URL, ...media })).toBe(true);
    expect(request(ses, 'media', { requestingUrl: 'https://evil.example/', ...media, securityOrigin: 'https://evil.example/' })).toBe(false);
  });

  it.each(['notifications', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'openExternal', 'fullscreen'])(
    'denies %s even to our page',
    (permission) => {
      expect(request(lockedSession(), permission, { requestingUrl: KIOSK_ENTRY_URL })).toBe(false);
    },
  );

  it('logs denials by origin, never by full URL', () => {
    lines.length = 0;
    request(lockedSession(), 'geolocation', { requestingUrl: 'https://evil.example/path?visitor=jane' });
    expect(lines.join('\n')).toContain('https://evil.example');
    expect(lines.join('\n')).not.toContain('visitor=jane');
  });

  it('answers permission checks the same way', () => {
    const ses = lockedSession();
    const check = (permission: string, origin: string) => ses.permissionCheckHandler?.(null, permission, origin, { isMainFrame: true });
    expect(check('media', APP_ORIGIN)).toBe(true);
    expect(check('media', 'https://evil.example')).toBe(false);
    expect(check('notifications', APP_ORIGIN)).toBe(false);
    expect(check('hid', APP_ORIGIN)).toBe(false);
  });

  it('denies every device permission and cancels downloads', () => {
    const ses = lockedSession();
    expect(ses.devicePermissionHandler?.({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);
    const download = fakeEvent();
    ses.emit('will-download', download, {}, {});
    expect(download.defaultPrevented).toBe(true);
  });
});

describe('guardWebContents', () => {
  function guarded() {
    const contents = new FakeWebContents();
    guardWebContents(contents as unknown as WebContents, APP_ORIGIN, log);
    return contents;
  }

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: blocks other origins, allows our own', (eventName) => {
    const contents = guarded();
    const away = fakeEvent({ url: 'https://evil.example/' });
    contents.emit(eventName, away);
    expect(away.defaultPrevented).toBe(true);
    const fileUrl = fakeEvent({ url: 'file:///etc/passwd' });
    contents.emit(eventName, fileUrl);
    expect(fileUrl.defaultPrevented).toBe(true);
    const home = fakeEvent({ url: KIOSK_ENTRY_URL });
    contents.emit(eventName, home);
    expect(home.defaultPrevented).toBe(false);
  });

  it('denies every window.open, even to our own origin', () => {
    const contents = guarded();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: KIOSK_ENTRY_URL })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    const contents = guarded();
    const attach = fakeEvent();
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.defaultPrevented).toBe(true);
  });

  it('guards every web contents the app creates', () => {
    const app = new FakeEmitter();
    guardAllWebContents(app as unknown as App, APP_ORIGIN, log);
    const created = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), created);
    expect(created.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    expect(created.listenerCount('will-navigate')).toBe(1);
  });
});

describe('wipeSession', () => {
  it('clears all storage (no filter), the HTTP cache and the auth cache', async () => {
    const ses = new FakeSession();
    await wipeSession(ses as unknown as Session);
    expect(ses.clearStorageData).toHaveBeenCalledTimes(1);
    expect(ses.clearStorageData.mock.calls[0]).toEqual([]);
    expect(ses.clearCache).toHaveBeenCalledTimes(1);
    expect(ses.clearAuthCache).toHaveBeenCalledTimes(1);
  });

  it('fails when a clear fails, so the caller knows the visit was not wiped', async () => {
    const ses = new FakeSession();
    ses.clearCache = vi.fn(async () => Promise.reject(new Error('disk')));
    await expect(wipeSession(ses as unknown as Session)).rejects.toThrow('disk');
  });
});

describe('keyboard and DevTools lockdown', () => {
  const key = (key: string, mods: Partial<Record<'control' | 'meta' | 'alt' | 'shift', boolean>> = {}) => ({
    type: 'keyDown',
    key,
    code: '',
    isAutoRepeat: false,
    isComposing: false,
    control: false,
    meta: false,
    alt: false,
    shift: false,
    location: 0,
    modifiers: [],
    ...mods,
  });

  it('swallows escape shortcuts before the page or Electron sees them, and lets typing through', () => {
    const contents = new FakeWebContents();
    blockEscapeShortcuts(contents as unknown as WebContents);
    const reload = fakeEvent();
    contents.emit('before-input-event', reload, key('r', { control: true }));
    expect(reload.defaultPrevented).toBe(true);
    const devtools = fakeEvent();
    contents.emit('before-input-event', devtools, key('F12'));
    expect(devtools.defaultPrevented).toBe(true);
    const typing = fakeEvent();
    contents.emit('before-input-event', typing, key('a'));
    expect(typing.defaultPrevented).toBe(false);
  });

  it('closes DevTools at once when they are not allowed', () => {
    const contents = new FakeWebContents();
    keepDevToolsClosed(contents as unknown as WebContents, false, log);
    contents.emit('devtools-opened');
    expect(contents.closeDevTools).toHaveBeenCalledTimes(1);
  });

  it('leaves DevTools alone in development', () => {
    const contents = new FakeWebContents();
    keepDevToolsClosed(contents as unknown as WebContents, true, log);
    contents.emit('devtools-opened');
    expect(contents.closeDevTools).not.toHaveBeenCalled();
    expect(contents.listenerCount('devtools-opened')).toBe(0);
  });
});
