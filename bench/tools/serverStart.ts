/**
 * `npm run bench:start -- [runs] [results folder]`: how long the server takes to listen, and how
 * much memory it then holds, started the way production starts it (the bundle `npm run build`
 * writes, dist/server/cli.mjs, under plain Node) against the baseline of the same run: the way
 * `npm run server` started it until 2026-11-24, tsx's command line compiling the sources on the fly.
 *
 * Each way starts `runs` times, alternating, in a fresh process with the demo configuration and a
 * fresh data folder. Per start: milliseconds from spawn to the banner's "listening on" line, and
 * the RSS of the whole process tree (tsx's command line is a second Node process) and how many
 * processes it has, read SETTLE_MS after the banner. Prints the medians and writes them to
 * `<results folder>/server-start-<stamp>.json` (default bench/results). Linux only: it reads /proc.
 * Docs: "The server runs as a bundle" in docs/performance.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_SERVER_ARGV } from '../../scripts/build-server.js';
import { SHIPPED_ALLOCATOR_ENV } from '../../signaling-server/src/memory/allocatorSettings.js';
import { readUntil } from '../../tests/harness/processes.js';
import { median, round } from '../lib/stats.js';
import { LISTENING_BANNER, probeArguments, REPO_ROOT, writeStampedResult } from './probeCommandLine.js';

const BANNER_TIMEOUT_MS = 30_000;
/** Long enough for start-up work that follows the banner (the first timers, lazy compilation) to be counted. */
const SETTLE_MS = 2_000;

const WAYS = {
  bundle: BUILT_SERVER_ARGV,
  'tsx (baseline)': [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(REPO_ROOT, 'signaling-server', 'cli.ts')],
} as const;
type Way = keyof typeof WAYS;

interface Start {
  way: Way;
  bannerMs: number;
  rssMB: number;
  processes: number;
}

const { count: runs, resultsDir } = probeArguments(process.argv.slice(2), 5, 'npm run bench:start -- [runs, a positive integer] [results folder]');

/** The pid and every descendant's, from /proc's child lists. */
function processTree(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  return [pid, ...children.flatMap(processTree)];
}

function rssKiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0);
}

async function startOnce(way: Way): Promise<Start> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-start-'));
  const startedAt = performance.now();
  const child = spawn(process.execPath, WAYS[way], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...SHIPPED_ALLOCATOR_ENV, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: dataDir, CONFIG: '' },
    // Its log lines are read and dropped; a failed start shows them (readUntil).
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await readUntil(child, LISTENING_BANNER, BANNER_TIMEOUT_MS);
    const bannerMs = performance.now() - startedAt;
    await new Promise((done) => setTimeout(done, SETTLE_MS));
    const tree = processTree(child.pid!);
    const rssMB = tree.reduce((sum, pid) => sum + rssKiB(pid), 0) / 1024;
    return { way, bannerMs, rssMB, processes: tree.length };
  } finally {
    // SIGTERM reaches the server through tsx's command line too (it relays SIGINT and SIGTERM).
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const starts: Start[] = [];
for (let i = 0; i < runs; i++) {
  for (const way of (i % 2 === 0 ? ['bundle', 'tsx (baseline)'] : ['tsx (baseline)', 'bundle']) as Way[]) starts.push(await startOnce(way));
}

const summary = Object.fromEntries(
  (Object.keys(WAYS) as Way[]).map((way) => {
    const mine = starts.filter((start) => start.way === way);
    return [
      way,
      {
        bannerMedianMs: round(median(mine.map((s) => s.bannerMs)), 0),
        rssMedianMB: round(median(mine.map((s) => s.rssMB)), 1),
        processes: median(mine.map((s) => s.processes)),
      },
    ];
  }),
) as Record<Way, { bannerMedianMs: number; rssMedianMB: number; processes: number }>;

for (const [way, s] of Object.entries(summary)) {
  process.stdout.write(`${way.padEnd(15)} ${runs} starts: listening after ${s.bannerMedianMs} ms, RSS ${s.rssMedianMB} MB in ${s.processes} process(es) (medians)\n`);
}
const ratio = (key: 'bannerMedianMs' | 'rssMedianMB') => round(summary.bundle[key] / summary['tsx (baseline)'][key], 2);
process.stdout.write(`bundle / tsx: listening ${ratio('bannerMedianMs')}, RSS ${ratio('rssMedianMB')}\n`);

const file = writeStampedResult(resultsDir, 'server-start', { runs, settleMs: SETTLE_MS, summary, starts });
process.stdout.write(`wrote ${file}\n`);
