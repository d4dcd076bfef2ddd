import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults, BenchRunInfo } from './suite.js';

/** The issue's goals, checked (never loosened) when the table is printed. */
interface Goal {
  figure: `${keyof BenchResults}.${string}`;
  value: (r: BenchResults) => number;
  goal: string;
  met: (r: BenchResults) => boolean;
}

const GOALS: Goal[] = [
  { figure: 'callSetup.ratioToRaw', value: (r) => r.callSetup.ratioToRaw, goal: '≤ 1.3', met: (r) => r.callSetup.ratioToRaw <= 1.3 },
  { figure: 'signaling.connections', value: (r) => r.signaling.connections, goal: '≥ 10000', met: (r) => r.signaling.connections >= 10_000 },
  { figure: 'signaling.p99RatioToPeerJS', value: (r) => r.signaling.p99RatioToPeerJS, goal: '≤ 1', met: (r) => r.signaling.p99RatioToPeerJS <= 1 },
  { figure: 'signaling.throughputRatioToPeerJS', value: (r) => r.signaling.throughputRatioToPeerJS, goal: '≥ 1', met: (r) => r.signaling.throughputRatioToPeerJS >= 1 },
  {
    figure: 'signaling.bytesPerConnection',
    value: (r) => r.signaling.bytesPerConnection,
    goal: '≤ PeerJS',
    met: (r) => r.signaling.bytesPerConnection <= r.signaling.peerjsBytesPerConnection,
  },
  {
    figure: 'routing.scaling.growth100To10000',
    value: (r) => r.routing.scaling.growth100To10000,
    goal: '≤ 2 (not linear)',
    // A cost growing like log(waiting) at most doubles from 100 to 10,000 (log 10⁴ / log 10² = 2).
    met: (r) => r.routing.scaling.growth100To10000 <= 2,
  },
  { figure: 'kiosk.firstInteractiveMs', value: (r) => r.kiosk.firstInteractiveMs, goal: '≤ 500', met: (r) => r.kiosk.firstInteractiveMs <= 500 },
  { figure: 'kiosk.jsGzipBytes', value: (r) => r.kiosk.jsGzipBytes, goal: '≤ 256000', met: (r) => r.kiosk.jsGzipBytes <= 250 * 1024 },
  { figure: 'kiosk.heapGrowthMB', value: (r) => r.kiosk.heapGrowthMB, goal: '≤ 5', met: (r) => r.kiosk.heapGrowthMB <= 5 },
];

/** Every figure as `section.key` → number, nested objects flattened. */
export function flattenFigures(value: unknown, prefix = ''): [string, unknown][] {
  if (value === null || typeof value !== 'object') return [[prefix, value]];
  return Object.entries(value).flatMap(([key, inner]) => flattenFigures(inner, prefix ? `${prefix}.${key}` : key));
}

/** The goals whose benchmark ran (all of them unless `npm run bench -- <names>`). */
const goalsFor = (results: Partial<BenchResults>): { goals: Goal[]; r: BenchResults } => ({
  goals: GOALS.filter((g) => g.figure.split('.')[0]! in results),
  r: results as BenchResults,
});

export function formatTable(results: Partial<BenchResults>, info: BenchRunInfo): string {
  const rows = flattenFigures(results).map(([name, value]) => `  ${name.padEnd(40)} ${String(value).padStart(12)}`);
  const { goals: met, r } = goalsFor(results);
  const goals = met.map((g) => `  ${g.figure.padEnd(40)} ${String(g.value(r)).padStart(12)}  goal ${g.goal.padEnd(20)} ${g.met(r) ? 'met' : 'MISSED'}`);
  const m = info.machine;
  return [
    `Benchmarks (${info.plan}${info.only ? `, only ${info.only.join(', ')}` : ''}) ${info.startedAt}, ${(info.durationMs / 1000).toFixed(0)} s`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}, ${m.platform}`,
    '',
    ...rows,
    '',
    'Goals (issue 7):',
    ...goals,
  ].join('\n');
}

/**
 * bench/results/latest.json (the figures only), a dated copy, and the run's details (git-ignored).
 * A partial run (`npm run bench -- routing`) replaces only its sections of latest.json, and its
 * dated copy (`<stamp>-routing.json`) holds only those: the dated files say which run each
 * section of latest.json comes from.
 */
export function writeResults(dir: string, results: Partial<BenchResults>, info: BenchRunInfo): string[] {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const latestFile = join(dir, 'latest.json');
  const previous = info.only && existsSync(latestFile) ? (JSON.parse(readFileSync(latestFile, 'utf8')) as Partial<BenchResults>) : {};
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const stamp = `${info.startedAt.slice(0, 16).replace(':', '-')}${info.only ? `-${info.only.join('-')}` : ''}`;
  const files = [latestFile, join(dir, `${stamp}.json`), join(dir, 'tmp', `details-${stamp}.json`)];
  writeFileSync(files[0]!, json({ ...previous, ...results }));
  writeFileSync(files[1]!, json(results));
  writeFileSync(files[2]!, json(info));
  return files;
}
