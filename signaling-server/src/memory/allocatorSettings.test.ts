import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { allocatorAdvice, runsOnGlibc, SHIPPED_ALLOCATOR_ENV } from './allocatorSettings.js';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const SIGN_INS = 12;
/** With the setting, what is left after the sign-ins is noise; without it, 16 MiB for each thread used. */
const RETURNED_BELOW_BYTES = 12_000_000;
const KEPT_ABOVE_BYTES = 30_000_000;

/**
 * In a fresh Node process: one sign-in to load everything, then SIGN_INS more, one at a time as
 * the hello guard runs them, each a real scrypt check (N = 2^14) on libuv's threads. Prints how
 * much RSS they added.
 */
const SCRIPT = `
import { hashPassword, verifyPasswordAsync } from './signaling-server/src/auth/passwords.ts';
const stored = hashPassword('correct horse');
await verifyPasswordAsync('warm-up', stored);
const before = process.memoryUsage().rss;
for (let i = 0; i < ${SIGN_INS}; i++) await verifyPasswordAsync('guess ' + i, stored);
console.log(process.memoryUsage().rss - before);
`;

async function rssAddedBySignIns(env: NodeJS.ProcessEnv): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], { cwd: REPO_ROOT, env });
  return Number(stdout.trim());
}

function withoutAllocatorSettings(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(SHIPPED_ALLOCATOR_ENV)) delete env[name];
  return env;
}

describe('the allocator setting the server ships with', () => {
  it('is set by the npm scripts that start the server', () => {
    const scripts = (JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    // The last command of each script is the one that runs the server (`server` builds its bundle
    // first); which file it runs is build-server.test.ts's and start.test.ts's to check.
    const serverCommand = (script = '') => script.split('&&').at(-1)?.trim();
    for (const [name, value] of Object.entries(SHIPPED_ALLOCATOR_ENV)) {
      expect(serverCommand(scripts['server'])).toMatch(new RegExp(`^${name}=${value} node `));
      expect(serverCommand(scripts['start'])).toBe(`${name}=${value} node --import tsx scripts/start.ts`);
    }
  });

  // glibc is what raises its threshold; elsewhere there is nothing to show.
  it.runIf(runsOnGlibc())('returns the memory of each password check; without it, glibc keeps 16 MiB per thread', async () => {
    const withSetting = await rssAddedBySignIns({ ...process.env, ...SHIPPED_ALLOCATOR_ENV });
    const without = await rssAddedBySignIns(withoutAllocatorSettings());
    expect(withSetting).toBeLessThan(RETURNED_BELOW_BYTES);
    expect(without).toBeGreaterThan(KEPT_ABOVE_BYTES);
  });
});

describe('allocatorAdvice', () => {
  it('names the missing setting on glibc, and says nothing once it is set or off glibc', () => {
    const glibc = () => true;
    expect(allocatorAdvice({}, glibc)).toContain('MALLOC_MMAP_THRESHOLD_=131072');
    expect(allocatorAdvice({ MALLOC_MMAP_THRESHOLD_: '999' }, glibc)).toContain('MALLOC_MMAP_THRESHOLD_=131072');
    expect(allocatorAdvice({ ...SHIPPED_ALLOCATOR_ENV }, glibc)).toBeUndefined();
    expect(allocatorAdvice({}, () => false)).toBeUndefined();
    // With the setting there, the C library is not asked (that takes a whole process report).
    const notAsked = () => {
      throw new Error('asked which C library runs');
    };
    expect(allocatorAdvice({ ...SHIPPED_ALLOCATOR_ENV }, notAsked)).toBeUndefined();
  });
});
