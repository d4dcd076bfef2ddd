import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBenchTool } from './runBenchTool.js';

// A smoke run, not a measurement: five visitors, and only "it kills, restarts, brings them back, reports and writes its file".
describe('bench:restart (smoke)', () => {
  const resultsDir = mkdtempSync(join(tmpdir(), 'bench-restart-'));
  afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

  it('kills the server with visitors waiting, starts it again, and every visitor is back in their place', { timeout: 60_000 }, async () => {
    const { stdout } = await runBenchTool('restart.ts', ['5', resultsDir]);
    expect(stdout).toMatch(/^start on empty data \(baseline\) +listening after \d+ ms$/m);
    expect(stdout).toMatch(/^start with 5 waiting +listening after \d+ ms$/m);
    expect(stdout).toMatch(/^all 5 kiosks back in \d+ ms \(200 in flight\); per kiosk, hello to its place: median [\d.]+ ms, p99 [\d.]+ ms$/m);
    expect(stdout).toMatch(/^places kept: 5 of 5 \(same ticket, same place\)$/m);
    const [file] = readdirSync(resultsDir);
    expect(file).toMatch(/^restart-.+\.json$/);
    const written = JSON.parse(readFileSync(join(resultsDir, file!), 'utf8')) as { summary: Record<string, number> };
    expect(written.summary).toMatchObject({ visitors: 5, placesKept: 5 });
    expect(Object.keys(written.summary).sort()).toEqual(['allBackMs', 'coldStartMs', 'perKioskMedianMs', 'perKioskP99Ms', 'placesKept', 'restartMs', 'visitors']);
  });

  it('refuses a visitor count that is not a positive integer, and says how to call it', async () => {
    const failed = await runBenchTool('restart.ts', ['0']).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run bench:restart') });
  });
});
