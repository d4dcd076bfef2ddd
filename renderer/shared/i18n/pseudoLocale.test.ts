import { describe, expect, it } from 'vitest';
import { agentEn } from '../../agent/i18n/en.js';
import { kioskEn } from '../../kiosk/i18n/en.js';
import { sharedEn } from './en.js';
import { PSEUDO_EXPANSION, pseudoLocalize, pseudoLocalizeTree } from './pseudoLocale.js';
import { keyPaths } from './types.js';

const leaf = (tree: object, path: string) =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], tree) as string;

describe('the pseudo-locale', () => {
  it('accents letters, brackets the string and keeps placeholders intact', () => {
    const out = pseudoLocalize('You are number {{position}} in line');
    expect(out.startsWith('[Ýöû åŕé ñûɱƀéŕ {{position}} îñ ļîñé')).toBe(true);
    expect(out.endsWith(']')).toBe(true);
    expect(out).not.toMatch(/[a-zA-Z]{2,}(?![^{]*\}\})/u);
  });

  it('pads in words that can wrap, never one long unbreakable run', () => {
    const out = pseudoLocalize('Government of Canada services, by video with a Service Canada agent.');
    expect(Math.max(...out.split(' ').map((word) => word.length))).toBeLessThanOrEqual(12);
  });

  for (const [name, en] of Object.entries({ shared: sharedEn, kiosk: kioskEn, agent: agentEn })) {
    it(`${name}: covers every key, each string pseudo-localized and, on average, at least 30 % longer`, () => {
      const pseudo = pseudoLocalizeTree(en);
      const paths = keyPaths(en);
      expect(keyPaths(pseudo).sort()).toEqual([...paths].sort());
      const ratios = paths.map((path) => {
        const original = leaf(en, path);
        const localized = leaf(pseudo, path);
        expect(localized, path).not.toBe(original);
        expect(localized.startsWith('[') && localized.endsWith(']'), path).toBe(true);
        // Every string, not just the average, grows by at least 30 % (brackets not counted).
        expect(localized.length - 2, path).toBeGreaterThanOrEqual(original.length * (1 + PSEUDO_EXPANSION));
        return localized.length / original.length;
      });
      const mean = ratios.reduce((sum, ratio) => sum + ratio, 0) / ratios.length;
      expect(mean).toBeGreaterThanOrEqual(1 + PSEUDO_EXPANSION);
    });
  }
});
