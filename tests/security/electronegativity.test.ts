import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const ELECTRON_VERSION = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version as string;

/**
 * Findings we accept, each with its reason. Empty today: a HIGH or MEDIUM finding fails the build.
 * (LOW findings — SARIF level "note" — are reported in the output but do not fail.)
 */
const JUSTIFIED_EXCEPTIONS: Record<string, string> = {};

interface SarifResult {
  ruleId: string;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
}

/**
 * Electronegativity (Doyensec) scans what ships to the kiosk: the main process and preload sources
 * (without tests and test fakes) and the kiosk page with its CSP. It cannot read `.cjs` bundles,
 * so it reads the TypeScript sources.
 */
describe('electronegativity on the kiosk app', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('reports no high or medium finding', async () => {
    const app = join(workDir, 'app');
    cpSync(join(ROOT, 'main'), join(app, 'main'), {
      recursive: true,
      filter: (path) => !path.endsWith('.test.ts') && !path.includes(`${join('platform', 'testing')}`),
    });
    cpSync(join(ROOT, 'renderer/kiosk/index.html'), join(app, 'kiosk.html'));
    const report = join(workDir, 'report.sarif');
    // -e: it cannot fetch Electron's release list offline, so we name the version we ship.
    await promisify(execFile)(
      join(ROOT, 'node_modules/.bin/electronegativity'),
      ['-i', app, '-r', '-e', ELECTRON_VERSION, '-o', report],
      { timeout: 120_000 },
    );
    const results = (JSON.parse(readFileSync(report, 'utf8')) as { runs: { results: SarifResult[] }[] }).runs[0]!.results;
    const blocking = results.filter((r) => r.level !== 'note' && !(r.ruleId in JUSTIFIED_EXCEPTIONS));
    const describe = (r: SarifResult) => `${r.level} ${r.ruleId} in ${r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '?'}: ${r.message.text}`;
    console.log(`electronegativity: ${results.length} finding(s)\n${results.map(describe).join('\n')}`);
    expect(blocking.map(describe)).toEqual([]);
  });
});
