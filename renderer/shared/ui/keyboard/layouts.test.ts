import { describe, expect, it } from 'vitest';
import { FRENCH_ACCENTS, KEYBOARD_LAYOUTS, deleteCharacter, keyCharacter, typeCharacter } from './layouts.js';

describe('on-screen keyboard layouts', () => {
  it('has every accented letter French needs on the French layout, and none on the English one', () => {
    const fr = KEYBOARD_LAYOUTS.fr.rows.flat();
    const en = KEYBOARD_LAYOUTS.en.rows.flat();
    for (const letter of 'éèêàçùâîôëïûœ') {
      expect(fr).toContain(letter);
      expect(en).not.toContain(letter);
    }
    expect(FRENCH_ACCENTS).toHaveLength(13);
  });

  it('puts every key once per layout, one character per key', () => {
    for (const layout of Object.values(KEYBOARD_LAYOUTS)) {
      const keys = layout.rows.flat();
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of keys) expect([...key]).toHaveLength(1);
      expect(keys).toEqual(expect.arrayContaining([...'qwertyuiopasdfghjklzxcvbnm']));
    }
  });

  it('shifts accented letters to their capitals', () => {
    expect(keyCharacter('é', true, 'fr')).toBe('É');
    expect(keyCharacter('œ', true, 'fr')).toBe('Œ');
    expect(keyCharacter('ç', false, 'fr')).toBe('ç');
  });

  it('stops at the limit and deletes whole characters', () => {
    expect(typeCharacter('ab', 'c', 3)).toBe('abc');
    expect(typeCharacter('abc', 'd', 3)).toBe('abc');
    expect(deleteCharacter('ça😀')).toBe('ça');
    expect(deleteCharacter('')).toBe('');
  });
});
