/** The privileged custom scheme the kiosk is served from: local files, never the network. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The kiosk page inside the built renderer folder (dist/renderer/kiosk/index.html). */
export const KIOSK_ENTRY_URL = `${APP_ORIGIN}/kiosk/index.html`;
/**
 * The "out of service" page, answered by the app:// handler from memory (not from dist/renderer), so it
 * shows even when the built app is missing or broken. Same origin as the kiosk, so navigation allows it.
 */
export const OUT_OF_SERVICE_PATH = '/out-of-service.html';
export const OUT_OF_SERVICE_URL = `${APP_ORIGIN}${OUT_OF_SERVICE_PATH}`;
export const OUT_OF_SERVICE_STYLESHEET_PATH = '/out-of-service.css';

/**
 * scheme://host[:port] of a URL, or null when it has none (data:, about:, file:, garbage).
 * Node's URL gives 'null' as the origin of non-special schemes such as app://, so it is built by hand.
 */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

export function isSameOrigin(url: string | undefined | null, appOrigin: string): boolean {
  const origin = originOf(url);
  return origin !== null && origin === originOf(appOrigin);
}
