/**
 * `npm run bench`: every benchmark of issue 7 at full size, within 10 minutes. Prints a table
 * with the goals, writes bench/results/latest.json and a dated copy. See docs/performance.md.
 * `npm run bench -- routing` (or any of BENCHMARK_NAMES) runs only those and updates only
 * their sections of latest.json.
 */
import { resolve } from 'node:path';
import { FULL_PLAN } from './plans.js';
import { formatTable, writeResults } from './report.js';
import { BENCHMARK_NAMES, isBenchmarkName, runSelectedBenchmarks } from './suite.js';

const RESULTS_DIR = resolve(import.meta.dirname, 'results');
const started = Date.now();
const log = (line: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !isBenchmarkName(name));
if (unknown.length > 0) {
  log(`unknown benchmark ${unknown.join(', ')}: usage \`npm run bench [-- ${BENCHMARK_NAMES.join(' | ')} …]\``);
  process.exit(2);
}
const only = BENCHMARK_NAMES.filter((name) => asked.length === 0 || asked.includes(name));

try {
  const { results, info } = await runSelectedBenchmarks(FULL_PLAN, log, only);
  process.stdout.write(`${formatTable(results, info)}\n`);
  for (const file of writeResults(RESULTS_DIR, results, info)) log(`wrote ${file}`);
} catch (error) {
  log(`bench failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
}
// Anything still open (a socket, a timer) must not keep the bench past its report.
process.exit();
