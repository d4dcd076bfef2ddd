import { describe, expect, it } from 'vitest';
import { decideWindowOpen, isNavigationAllowed } from './navigation.js';
import { APP_ORIGIN, KIOSK_ENTRY_URL, OUT_OF_SERVICE_URL, originOf } from './origin.js';

describe('originOf', () => {
  it('builds origins for custom schemes, which Node reports as "null"', () => {
    expect(new URL(KIOSK_ENTRY_URL).origin).toBe('null');
    expect(originOf(KIOSK_ENTRY_URL)).toBe(APP_ORIGIN);
    expect(originOf('HTTPS://Example.CA:8443/x?y')).toBe('https://example.ca:8443');
  });
  it('has no origin for opaque or broken URLs', () => {
    for (const url of ['about:blank', 'data:text/html,x', 'file:///etc/passwd', 'javascript:alert(1)', 'nonsense', '', null, undefined]) {
      expect(originOf(url)).toBeNull();
    }
  });
});

describe('navigation policy', () => {
  it.each([KIOSK_ENTRY_URL, 'app://kiosk/kiosk/index.html#/survey', 'app://kiosk/other.html', OUT_OF_SERVICE_URL])('allows %s', (url) => {
    expect(isNavigationAllowed(url, APP_ORIGIN)).toBe(true);
  });
  it.each([
    'https://www.canada.ca/',
    'http://localhost:5173/kiosk/index.html',
    'file:///etc/passwd',
    'app://evil/kiosk/index.html',
    'app://kiosk.evil.example/',
    'about:blank',
    'data:text/html,<script>1</script>',
    'javascript:alert(1)',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
  ])('blocks %s', (url) => {
    expect(isNavigationAllowed(url, APP_ORIGIN)).toBe(false);
  });
  it('denies every window.open', () => {
    expect(decideWindowOpen()).toEqual({ action: 'deny' });
  });
});
