/**
 * Sent as a header on every app:// response; identical to the kiosk page's meta CSP.
 * connect-src allows ws:/wss: because the signaling server's address comes from the kiosk config.
 */
export const KIOSK_CSP = [
  "default-src 'self'",
  "connect-src 'self' ws: wss:",
  "media-src 'self' blob: mediastream:",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
].join('; ');
