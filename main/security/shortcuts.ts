/** The fields of Electron's `Input` (before-input-event) the decision needs. */
export interface KeyInput {
  /** KeyboardEvent.key: 'r', 'R', 'F5', 'Escape', 'Alt', '+', … */
  key: string;
  control: boolean;
  /** Cmd on macOS, the Windows key elsewhere; treated like Ctrl so the table holds on every platform. */
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/**
 * Ctrl/Cmd + letter, each a way out of the kiosk or into a browser feature a visitor must not reach:
 * reload (r), close/quit (w, q), print (p), save (s), find and find-next (f, g), open (o), new window (n),
 * new tab (t), history (h), downloads and DevTools console (j), view source (u), address bar (l), bookmark (d).
 * Editing shortcuts (a, c, v, x, z, y) are left alone: they only act inside the page.
 */
const BLOCKED_WITH_CTRL = new Set(['r', 'w', 'q', 'p', 's', 'f', 'g', 'o', 'n', 't', 'h', 'j', 'u', 'l', 'd']);
/** Ctrl/Cmd + Shift + letter: DevTools (i, j, c), reload bypassing the cache (r), incognito window (n), reopen tab (t), delete data (Delete). */
const BLOCKED_WITH_CTRL_SHIFT = new Set(['i', 'j', 'c', 'r', 'n', 't', 'delete']);
/** Ctrl/Cmd + these keys zoom; '=' and '_' are '+' and '-' without or with Shift on most layouts. */
const ZOOM_KEYS = new Set(['+', '=', '-', '_', '0']);
/** Keys blocked on their own, with or without modifiers. */
const ALWAYS_BLOCKED = new Set([
  // Leaves HTML full screen (kiosk mode denies the fullscreen permission anyway).
  'escape',
  // Alone it opens the window menu on Windows and Linux. (AltGr, which Canadian French keyboards type with, is not Alt.)
  'alt',
  // Media and browser keys on some keyboards.
  'browserback',
  'browserforward',
  'browserrefresh',
  'browserhome',
  'browserstop',
  'browsersearch',
  'browserfavorites',
  'contextmenu',
  'help',
  'print',
]);
/** Alt + these: history back/forward, window close, the window menu. */
const BLOCKED_WITH_ALT = new Set(['arrowleft', 'arrowright', 'home', ' ']);
/** F1–F24: help, reload (F5), full screen (F11), DevTools (F12), caret browsing (F7), close with Alt/Ctrl (F4). The kiosk page uses none. */
const FUNCTION_KEY = /^f([1-9]|1[0-9]|2[0-4])$/;

/**
 * True when a key press from an attached keyboard must not reach the page or Electron: the table above.
 * Ordinary typing (letters, digits, punctuation, Backspace, Enter, Tab, arrows, Shift+letter) passes.
 */
export function isBlockedShortcut(input: KeyInput): boolean {
  const key = input.key.toLowerCase();
  if (FUNCTION_KEY.test(key) || ALWAYS_BLOCKED.has(key)) return true;
  const ctrl = input.control || input.meta;
  if (ctrl && input.shift && BLOCKED_WITH_CTRL_SHIFT.has(key)) return true;
  if (ctrl && BLOCKED_WITH_CTRL.has(key)) return true;
  if (ctrl && ZOOM_KEYS.has(key)) return true;
  if (input.alt && !ctrl && BLOCKED_WITH_ALT.has(key)) return true;
  return false;
}
