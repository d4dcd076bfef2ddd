import { describe, expect, it } from 'vitest';
import { isBlockedShortcut, type KeyInput } from './shortcuts.js';

/** 'Ctrl+Shift+I' → KeyInput. 'Cmd' is meta; the last part is the key, as KeyboardEvent.key spells it. */
function press(combo: string): KeyInput {
  const parts = combo === '+' ? ['+'] : combo.split(/\+(?!$)/);
  const key = parts.at(-1) ?? '';
  const mods = new Set(parts.slice(0, -1));
  const shift = mods.has('Shift');
  return {
    key: shift && key.length === 1 ? key.toUpperCase() : key,
    control: mods.has('Ctrl'),
    meta: mods.has('Cmd'),
    alt: mods.has('Alt'),
    shift,
  };
}

describe('isBlockedShortcut', () => {
  it.each([
    // reload
    ['Ctrl+r'], ['Cmd+r'], ['F5'], ['Ctrl+F5'], ['Ctrl+Shift+r'], ['BrowserRefresh'],
    // DevTools
    ['F12'], ['Ctrl+Shift+i'], ['Ctrl+Shift+j'], ['Ctrl+Shift+c'], ['Cmd+Shift+i'],
    // close / quit
    ['Ctrl+w'], ['Ctrl+q'], ['Cmd+q'], ['Alt+F4'], ['Ctrl+F4'],
    // zoom
    ['Ctrl++'], ['Ctrl+='], ['Ctrl+-'], ['Ctrl+Shift+_'], ['Ctrl+0'], ['Cmd+='],
    // full screen, print, save, find, open, new window
    ['F11'], ['Ctrl+p'], ['Ctrl+s'], ['Ctrl+f'], ['Ctrl+g'], ['Ctrl+o'], ['Ctrl+n'], ['Ctrl+Shift+n'],
    // other browser features
    ['Ctrl+t'], ['Ctrl+h'], ['Ctrl+j'], ['Ctrl+u'], ['Ctrl+l'], ['Ctrl+d'], ['Ctrl+Shift+Delete'],
    // leaving full screen, the menu, history
    ['Escape'], ['Alt'], ['Alt+ArrowLeft'], ['Alt+ArrowRight'], ['Alt+Home'], ['BrowserBack'], ['ContextMenu'], ['F1'], ['F7'], ['F24'],
    // caps lock held, or a modifier combination on top
    ['Ctrl+Shift+w'], ['Ctrl+Alt+r'],
  ])('blocks %s', (combo) => {
    expect(isBlockedShortcut(press(combo))).toBe(true);
  });

  it.each([
    ['a'], ['Z'], ['é'], ['7'], ['Shift+r'], ['Shift+1'], [' '], ['Backspace'], ['Delete'], ['Enter'], ['Tab'], ['Shift+Tab'],
    ['ArrowLeft'], ['ArrowRight'], ['ArrowUp'], ['ArrowDown'], ['Home'], ['End'], ['PageDown'], ['Shift'], ['Control'], ['AltGraph'], ['@'],
    // editing inside the page
    ['Ctrl+a'], ['Ctrl+c'], ['Ctrl+v'], ['Ctrl+x'], ['Ctrl+z'], ['Ctrl+y'], ['Ctrl+Backspace'], ['Ctrl+ArrowLeft'], ['Ctrl+i'],
    // Ctrl alone, Alt with an ordinary letter key (Option+e on a Mac gives the letter itself)
    ['Control'], ['Alt+´'],
    // "F" as a letter, not a function key
    ['f'], ['Shift+f'], ['F'],
  ])('lets %s through', (combo) => {
    expect(isBlockedShortcut(press(combo))).toBe(false);
  });
});
