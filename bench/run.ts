/**
 * `npm run bench`: every benchmark of issue 7 at full size, within 10 minutes. Prints a table
 * with the goals, writes bench/results/latest.json and a dated copy. See docs/performance.md.
 */
import { resolve } from 'node:path';
import { FULL_PLAN } from './plans.js';
import { formatTable, writeResults } from './report.js';
import { runBenchmarks } from './suite.js';

const RESULTS_DIR = resolve(import.meta.dirname, 'results');
const started = Date.now();
const log = (line: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);

try {
  const { results, info } = await runBenchmarks(FULL_PLAN, log);
  process.stdout.write(`${formatTable(results, info)}\n`);
  for (const file of writeResults(RESULTS_DIR, results, info)) log(`wrote ${file}`);
} catch (error) {
  log(`bench failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
}
// Anything still open (a socket, a timer) must not keep the bench past its report.
process.exit();
