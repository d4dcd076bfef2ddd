import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMain } from './build-main.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'build-main-'));
  outDirs.push(dir);
  return dir;
};
afterAll(() => outDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Every module name a CommonJS bundle requires. */
function requiredModules(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1] ?? '');
}

describe('scripts/build-main.ts', () => {
  it('bundles main.cjs and a self-contained preload.cjs', async () => {
    const { main, preload } = await buildMain(freshDir());
    const preloadCode = readFileSync(preload, 'utf8');
    expect(requiredModules(preloadCode)).toEqual(['electron']);
    // Any other require (even a dynamic one) would fail in a sandboxed preload.
    expect(preloadCode.match(/\brequire\(/g)).toHaveLength(1);
    expect(preloadCode).toContain('exposeInMainWorld("kiosk"');
    const mainCode = readFileSync(main, 'utf8');
    // Our own modules and zod are inlined; only electron and Node built-ins stay external.
    expect(requiredModules(mainCode).filter((name) => name !== 'electron' && !name.startsWith('node:'))).toEqual([]);
  });

  it('runs as `npx tsx scripts/build-main.ts <outDir>`', () => {
    const outDir = freshDir();
    const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const result = spawnSync(process.execPath, [tsxCli, join(root, 'scripts', 'build-main.ts'), outDir], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(outDir, 'main.cjs'))).toBe(true);
    expect(existsSync(join(outDir, 'preload.cjs'))).toBe(true);
  });
});
