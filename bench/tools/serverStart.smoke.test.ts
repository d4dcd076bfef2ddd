import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBenchTool } from './runBenchTool.js';

// A smoke run, not a measurement: one start each way, and only "it starts both, reports both and writes its file".
describe('bench:start (smoke)', () => {
  const resultsDir = mkdtempSync(join(tmpdir(), 'bench-start-'));
  afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

  it('starts the bundle and the tsx baseline, prints both and their ratio, and writes the figures', { timeout: 60_000 }, async () => {
    const { stdout } = await runBenchTool('serverStart.ts', ['1', resultsDir]);
    expect(stdout).toMatch(/^bundle +1 starts: listening after \d+ ms, RSS [\d.]+ MB in 1 process\(es\) \(medians\)$/m);
    expect(stdout).toMatch(/^tsx \(baseline\) +1 starts: listening after \d+ ms, RSS [\d.]+ MB in 2 process\(es\) \(medians\)$/m);
    expect(stdout).toMatch(/^bundle \/ tsx: listening [\d.]+, RSS [\d.]+$/m);
    const [file] = readdirSync(resultsDir);
    expect(file).toMatch(/^server-start-.+\.json$/);
    const written = JSON.parse(readFileSync(join(resultsDir, file!), 'utf8')) as { starts: unknown[]; summary: Record<string, unknown> };
    expect(written.starts).toHaveLength(2);
    expect(Object.keys(written.summary)).toEqual(['bundle', 'tsx (baseline)']);
  });

  it('refuses a run count that is not a positive integer, and says how to call it', async () => {
    const failed = await runBenchTool('serverStart.ts', ['0']).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run bench:start') });
  });
});
