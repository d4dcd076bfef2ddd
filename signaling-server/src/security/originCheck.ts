import { KIOSK_APP_ORIGIN } from './securityConfig.js';

/**
 * Cross-site WebSocket hijacking defence: a browser always sends Origin on a WebSocket
 * upgrade, so a page from another site is refused. No Origin means not a browser
 * (the kiosk's Electron main, load tools), which the credentials in hello still guard.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  secure: boolean,
  allowedOrigins: readonly string[],
): boolean {
  if (origin === undefined) return true;
  const normalized = origin.trim().toLowerCase();
  if (normalized === KIOSK_APP_ORIGIN) return true;
  if (allowedOrigins.some((allowed) => allowed.toLowerCase() === normalized)) return true;
  if (!host) return false;
  return normalized === `${secure ? 'https' : 'http'}://${host.trim().toLowerCase()}`;
}
