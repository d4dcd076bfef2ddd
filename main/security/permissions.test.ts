import { describe, expect, it } from 'vitest';
import { decidePermissionCheck, decidePermissionRequest } from './permissions.js';
import { APP_ORIGIN } from './origin.js';

const OWN_URL = 'app://kiosk/kiosk/index.html';
const FOREIGN_URL = 'https://evil.example/page';

/** Every permission Electron 38 can request; only 'media' (camera/microphone) is ever granted. */
const REQUESTABLE = [
  'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'geolocation', 'idle-detection',
  'media', 'mediaKeySystem', 'midi', 'midiSysex', 'notifications', 'pointerLock', 'keyboardLock', 'openExternal',
  'speaker-selection', 'storage-access', 'top-level-storage-access', 'window-management', 'unknown', 'fileSystem',
] as const;
const CHECKABLE = [
  'clipboard-read', 'clipboard-sanitized-write', 'geolocation', 'fullscreen', 'hid', 'idle-detection', 'media',
  'mediaKeySystem', 'midi', 'midiSysex', 'notifications', 'openExternal', 'pointerLock', 'serial', 'storage-access',
  'top-level-storage-access', 'usb', 'deprecated-sync-clipboard-read', 'fileSystem',
] as const;

describe('decidePermissionRequest', () => {
  const table = REQUESTABLE.flatMap((permission) => [
    { permission, url: OWN_URL, granted: permission === 'media' },
    { permission, url: FOREIGN_URL, granted: false },
  ]);
  it.each(table)('$permission from $url → $granted', ({ permission, url, granted }) => {
    const facts = { permission, requestingUrl: url, securityOrigin: url, mediaTypes: ['video', 'audio'] };
    expect(decidePermissionRequest(facts, APP_ORIGIN)).toBe(granted);
  });

  it('grants camera alone and microphone alone', () => {
    expect(decidePermissionRequest({ permission: 'media', requestingUrl: OWN_URL, mediaTypes: ['video'] }, APP_ORIGIN)).toBe(true);
    expect(decidePermissionRequest({ permission: 'media', requestingUrl: OWN_URL, mediaTypes: ['audio'] }, APP_ORIGIN)).toBe(true);
  });

  it('refuses media with no device type, an unknown type, or a foreign security origin', () => {
    expect(decidePermissionRequest({ permission: 'media', requestingUrl: OWN_URL, mediaTypes: [] }, APP_ORIGIN)).toBe(false);
    expect(decidePermissionRequest({ permission: 'media', requestingUrl: OWN_URL }, APP_ORIGIN)).toBe(false);
    expect(decidePermissionRequest({ permission: 'media', requestingUrl: OWN_URL, mediaTypes: ['video', 'screen'] }, APP_ORIGIN)).toBe(false);
    expect(
      decidePermissionRequest({ permission: 'media', requestingUrl: OWN_URL, securityOrigin: 'https://evil.example', mediaTypes: ['video'] }, APP_ORIGIN),
    ).toBe(false);
  });

  it('refuses look-alike origins and opaque URLs', () => {
    for (const url of ['app://kiosk.evil/x', 'app://evil/kiosk/index.html', 'file:///kiosk/index.html', 'data:text/html,hi', 'about:blank', '', undefined]) {
      expect(decidePermissionRequest({ permission: 'media', requestingUrl: url, mediaTypes: ['video'] }, APP_ORIGIN)).toBe(false);
    }
  });

  it('follows the app origin it is given (development server)', () => {
    const dev = 'http://localhost:5173';
    expect(decidePermissionRequest({ permission: 'media', requestingUrl: `${dev}/kiosk/`, mediaTypes: ['video'] }, dev)).toBe(true);
    expect(decidePermissionRequest({ permission: 'media', requestingUrl: OWN_URL, mediaTypes: ['video'] }, dev)).toBe(false);
  });
});

describe('decidePermissionCheck', () => {
  const table = CHECKABLE.flatMap((permission) => [
    { permission, origin: APP_ORIGIN, granted: permission === 'media' },
    { permission, origin: 'https://evil.example', granted: false },
  ]);
  it.each(table)('$permission checked by $origin → $granted', ({ permission, origin, granted }) => {
    expect(decidePermissionCheck({ permission, requestingOrigin: origin, mediaType: 'video' }, APP_ORIGIN)).toBe(granted);
  });

  it('accepts a trailing slash on our origin and an unknown media type (enumerateDevices)', () => {
    expect(decidePermissionCheck({ permission: 'media', requestingOrigin: 'app://kiosk/', mediaType: 'unknown' }, APP_ORIGIN)).toBe(true);
  });

  it('refuses a cross-origin subframe even when the requesting origin looks like ours', () => {
    expect(
      decidePermissionCheck({ permission: 'media', requestingOrigin: APP_ORIGIN, embeddingOrigin: 'https://evil.example', mediaType: 'audio' }, APP_ORIGIN),
    ).toBe(false);
  });
});
