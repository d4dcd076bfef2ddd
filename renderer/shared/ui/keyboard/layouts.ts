/**
 * On-screen keyboard layouts. A kiosk has no physical keyboard, so these are the only way
 * to type. English is QWERTY; French follows the Canadian French (CSA) letter positions
 * and adds a row of the accented letters French needs, so none is more than one touch away.
 */
export type KeyboardLayoutId = 'en' | 'fr';

export interface KeyboardLayout {
  id: KeyboardLayoutId;
  /** Rows of single characters, lower case; shift gives the upper case. */
  rows: readonly (readonly string[])[];
}

const chars = (row: string): readonly string[] => [...row];

const DIGITS = chars('1234567890');
const LETTERS = [chars('qwertyuiop'), chars('asdfghjkl'), chars('zxcvbnm')] as const;

/** Accented letters of French, most frequent first; œ for words like « cœur » and « sœur ». */
export const FRENCH_ACCENTS = chars('éèêàçùâîôëïûœ');

export const KEYBOARD_LAYOUTS: Record<KeyboardLayoutId, KeyboardLayout> = {
  en: { id: 'en', rows: [DIGITS, ...LETTERS, chars(",.?!'-@")] },
  fr: { id: 'fr', rows: [DIGITS, FRENCH_ACCENTS, ...LETTERS, chars(",.?!'-@«»")] },
};

/** A key's character with shift applied; `toLocaleUpperCase` keeps accents (é → É, œ → Œ). */
export function keyCharacter(key: string, shifted: boolean, layout: KeyboardLayoutId): string {
  return shifted ? key.toLocaleUpperCase(layout === 'fr' ? 'fr-CA' : 'en-CA') : key;
}

/** Typing never goes past the limit the server will accept. */
export function typeCharacter(value: string, character: string, maxChars: number): string {
  return [...value].length >= maxChars ? value : value + character;
}

/** Removes the last character, a whole code point (never half of a surrogate pair). */
export function deleteCharacter(value: string): string {
  const characters = [...value];
  characters.pop();
  return characters.join('');
}
