import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

/** Lints a snippet as if it lived at `path`, returning the rule ids that fired. */
async function rulesFiredFor(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const RESTRICTED = '@typescript-eslint/no-restricted-imports';

/** The runtime boundaries are enforced by lint, so a wrong import cannot land. */
describe('import boundaries', () => {
  it.each([
    ['renderer/kiosk/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
    ['renderer/kiosk/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"],
    ['renderer/agent/x.ts', "import { createServer } from '../../signaling-server/src/index.js';\nexport const c = createServer;\n"],
    ['renderer/kiosk/x.ts', "import { createKioskApi } from '../../main/preload/api.js';\nexport const c = createKioskApi;\n"],
    ['protocol/x.ts', "import { createServer } from '../signaling-server/src/index.js';\nexport const c = createServer;\n"],
    ['protocol/x.ts', "import { readFileSync } from 'fs';\nexport const f = readFileSync;\n"],
    ['main/config/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['signaling-server/src/x.ts', "import { createBridge } from '../../renderer/kiosk/bridge.js';\nexport const b = createBridge;\n"],
  ])('refuses %s importing across a boundary (%#)', async (path, code) => {
    expect(await rulesFiredFor(path, code)).toContain(RESTRICTED);
  });

  it.each([
    ['renderer/kiosk/x.ts', "import type { KioskApi } from '../../main/preload/api.js';\nexport type A = KioskApi;\n"],
    ['main/platform/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['renderer/kiosk/x.ts', "import { parseServerFrame } from '../../protocol/index.js';\nexport const p = parseServerFrame;\n"],
  ])('allows %s (%#)', async (path, code) => {
    expect(await rulesFiredFor(path, code)).not.toContain(RESTRICTED);
  });
});

describe('visible text lives in the i18n resources', () => {
  const I18N = 'i18next/no-literal-string';
  it.each([
    ['renderer/kiosk/x.tsx', 'export function Greeting() {\n  return <p>Hello</p>;\n}\n'],
    ['renderer/agent/x.tsx', 'export function CloseButton() {\n  return <button aria-label="Close" type="button" />;\n}\n'],
    ['renderer/kiosk/x.tsx', 'export function MapImage() {\n  return <img alt="A map" src="/m.png" />;\n}\n'],
  ])('refuses literal text in %s (%#)', async (path, code) => {
    expect(await rulesFiredFor(path, code)).toContain(I18N);
  });

  it('allows translated text and technical attributes', async () => {
    const code = "import { useTranslation } from 'react-i18next';\nexport const A = () => { const { t } = useTranslation(); return <p data-testid=\"x\" className=\"y\">{t('hello')}</p>; };\n";
    expect(await rulesFiredFor('renderer/kiosk/x.tsx', code)).not.toContain(I18N);
  });
});
