import { describe, expect, it } from 'vitest';
import { agentEn } from '../../agent/i18n/en.js';
import { agentFr } from '../../agent/i18n/fr.js';
import { kioskEn } from '../../kiosk/i18n/en.js';
import { kioskFr } from '../../kiosk/i18n/fr.js';
import { staffEn } from '../../staff/i18n/en.js';
import { staffFr } from '../../staff/i18n/fr.js';
import { OUTCOMES, SERVICE_LINES } from '../../../protocol/index.js';
import { sharedEn } from './en.js';
import { sharedFr } from './fr.js';
import { keyPaths } from './types.js';

const pairs = { shared: [sharedEn, sharedFr], kiosk: [kioskEn, kioskFr], agent: [agentEn, agentFr], staff: [staffEn, staffFr] } as const;

describe('i18n resources', () => {
  for (const [name, [en, fr]] of Object.entries(pairs)) {
    it(`${name}: English and French have the same keys`, () => {
      expect(keyPaths(fr).sort()).toEqual(keyPaths(en).sort());
    });
    it(`${name}: no string is empty`, () => {
      for (const tree of [en, fr]) {
        const leaves = keyPaths(tree).map((path) => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], tree));
        expect(leaves.every((leaf) => typeof leaf === 'string' && leaf.trim().length > 0)).toBe(true);
      }
    });
  }

  it('names every service line and every outcome of the protocol', () => {
    expect(Object.keys(sharedEn.services).sort()).toEqual([...SERVICE_LINES].sort());
    expect(Object.keys(agentEn.wrapup.outcomes).sort()).toEqual([...OUTCOMES].sort());
  });

  it('namespaces do not collide between apps (one merged type serves all)', () => {
    const names = [sharedEn, kioskEn, agentEn, staffEn].flatMap((tree) => Object.keys(tree));
    expect(new Set(names).size).toBe(names.length);
  });
});
