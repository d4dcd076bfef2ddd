import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** Runs one of bench/tools as `npm run bench:…` does, for its smoke test; rejects with `code` and `stderr` when it exits non-zero. */
export function runBenchTool(file: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', `bench/tools/${file}`, ...args], { cwd: REPO_ROOT });
}
