import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_SERVER_ARGV, buildServer } from './build-server.js';

const root = resolve(import.meta.dirname, '..');
const outDirs: string[] = [];
const freshFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'build-server-'));
  outDirs.push(dir);
  return join(dir, 'cli.mjs');
};
afterAll(() => outDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Every module specifier an ES module bundle imports, statically or not. */
function importedModules(code: string): string[] {
  return [...code.matchAll(/\b(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((match) => match[1] ?? '');
}

describe('scripts/build-server.ts', () => {
  it('inlines our sources and leaves only npm packages and Node built-ins to load', async () => {
    const code = readFileSync(await buildServer(freshFile()), 'utf8');
    const modules = importedModules(code);
    // A relative import would point into the sources from wherever the bundle lies, and fail there.
    expect(modules.filter((name) => name.startsWith('.') || name.startsWith('/'))).toEqual([]);
    expect(modules).toEqual(expect.arrayContaining(['ws', 'better-sqlite3', 'zod']));
    // A production install (`npm ci --omit=dev`) has only `dependencies`: every package the bundle loads must be one.
    const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const packages = modules.filter((name) => !isBuiltin(name)).map((name) => name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/'));
    expect(packages.filter((name) => !(name in dependencies))).toEqual([]);
    expect(code).toContain('Signaling server listening on');
    expect(code).toMatch(/\/\/# sourceMappingURL=cli\.mjs\.map\s*$/);
  });

  it('is what `npm run server` builds, then starts with node as production does', () => {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const [build, start] = (scripts['server'] ?? '').split('&&').map((command) => command.trim());
    expect(build).toBe('tsx scripts/build-server.ts');
    // After the environment prefix (allocatorSettings.test.ts checks that one).
    expect(start).toMatch(new RegExp(` node ${BUILT_SERVER_ARGV.map((arg) => relative(root, arg)).join(' ')}$`));
  });

  it('runs as `npx tsx scripts/build-server.ts <outFile>`', () => {
    const outFile = freshFile();
    const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const result = spawnSync(process.execPath, [tsxCli, join(root, 'scripts', 'build-server.ts'), outFile], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(outFile)).toBe(true);
    expect(existsSync(`${outFile}.map`)).toBe(true);
  });
});
