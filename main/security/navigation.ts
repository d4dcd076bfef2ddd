import { isSameOrigin } from './origin.js';

/** Navigation inside the app origin (reload, in-app pages) is fine; anything else would leave the locked-down kiosk. */
export function isNavigationAllowed(targetUrl: string, appOrigin: string): boolean {
  return isSameOrigin(targetUrl, appOrigin);
}

/** window.open, target=_blank and friends: the kiosk never opens a second window, whatever the URL. */
export function decideWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}
