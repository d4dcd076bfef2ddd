/**
 * What the probes that start the production bundle share (bench:start, bench:restart): their
 * command line (`[count] [results folder]`), the bundle they need, and their stamped result file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_SERVER_OUT_FILE } from '../../scripts/build-server.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** The banner's line once the server listens (signaling-server/src/startupBanner.ts). */
export const LISTENING_BANNER = /Signaling server listening on/;

/**
 * `[count] [results folder]` from the command line, or a usage line and exit 2 (the count must be
 * a positive integer), or exit 2 if the bundle has not been built.
 */
export function probeArguments(argv: readonly string[], defaultCount: number, usage: string): { count: number; resultsDir: string } {
  const count = Number(argv[0] ?? defaultCount);
  if (!Number.isInteger(count) || count < 1) {
    process.stderr.write(`usage: ${usage}\n`);
    process.exit(2);
  }
  if (!existsSync(DEFAULT_SERVER_OUT_FILE)) {
    process.stderr.write(`${DEFAULT_SERVER_OUT_FILE} is missing: run npm run build first\n`);
    process.exit(2);
  }
  return { count, resultsDir: resolve(argv[1] ?? join(REPO_ROOT, 'bench', 'results')) };
}

/** Writes `<resultsDir>/<name>-<UTC date>T<hh-mm>.json` with `startedAt` first, and returns its path. */
export function writeStampedResult(resultsDir: string, name: string, figures: Record<string, unknown>): string {
  mkdirSync(resultsDir, { recursive: true });
  const now = new Date().toISOString();
  const file = join(resultsDir, `${name}-${now.slice(0, 16).replace(':', '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ startedAt: now, ...figures }, null, 2)}\n`);
  return file;
}
