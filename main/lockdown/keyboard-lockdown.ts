import type { WebContents } from 'electron';
import type { Logger } from '../log/logger.js';
import { isBlockedShortcut } from '../security/shortcuts.js';

/**
 * Swallows the key presses that would reload, close, zoom, print or open DevTools (security/shortcuts.ts).
 * preventDefault in before-input-event stops both the page's key events and Electron's own handling.
 * Nothing is logged: key presses are a visitor's input, and a mashed F5 would flood the log.
 */
export function blockEscapeShortcuts(contents: Pick<WebContents, 'on'>): void {
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
}

/**
 * devTools: false in webPreferences already refuses DevTools in production; should they open anyway (a
 * future Electron path, a stray openDevTools), they are closed at once.
 */
export function keepDevToolsClosed(contents: Pick<WebContents, 'on' | 'closeDevTools'>, devToolsAllowed: boolean, log: Logger): void {
  if (devToolsAllowed) return;
  contents.on('devtools-opened', () => {
    log.warn('devtools opened in production, closing them');
    contents.closeDevTools();
  });
}
