import { describe, expect, it } from 'vitest';
import { isTrustedSender, validateKioskInvoke } from './ipc-sender.js';
import { APP_ORIGIN, KIOSK_ENTRY_URL } from './origin.js';

const ours = { frameUrl: KIOSK_ENTRY_URL, isMainFrame: true };

describe('IPC sender validation', () => {
  it('trusts only our main frame', () => {
    expect(isTrustedSender(ours, APP_ORIGIN)).toBe(true);
    expect(isTrustedSender({ frameUrl: KIOSK_ENTRY_URL, isMainFrame: false }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'https://evil.example/', isMainFrame: true }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'file:///app/dist/renderer/kiosk/index.html', isMainFrame: true }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ frameUrl: undefined, isMainFrame: true }, APP_ORIGIN)).toBe(false);
  });

  it.each(['kiosk:get-config', 'kiosk:end-visit'])('lets our page call %s with no arguments', (channel) => {
    expect(validateKioskInvoke(channel, ours, [], APP_ORIGIN)).toEqual({ ok: true });
  });

  it('refuses arguments, unknown channels and foreign senders, each with its code', () => {
    expect(validateKioskInvoke('kiosk:end-visit', ours, [{ all: true }], APP_ORIGIN)).toEqual({ ok: false, code: 'BAD_ARGUMENTS' });
    expect(validateKioskInvoke('kiosk:open-shell', ours, [], APP_ORIGIN)).toEqual({ ok: false, code: 'UNKNOWN_CHANNEL' });
    expect(validateKioskInvoke('kiosk:get-config', { ...ours, isMainFrame: false }, [], APP_ORIGIN)).toEqual({
      ok: false,
      code: 'UNTRUSTED_SENDER',
    });
  });
});
