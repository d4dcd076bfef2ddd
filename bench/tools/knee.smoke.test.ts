import { describe, expect, it } from 'vitest';
import { runBenchTool } from './runBenchTool.js';

// A smoke run of the probe, not a measurement: tiny sizes, and only "it runs and says what it tried".
describe('bench:knee (smoke)', () => {
  it('tries the rate on both servers and reports each try', { timeout: 60_000 }, async () => {
    const { stdout } = await runBenchTool('knee.ts', ['200', '2', '20']);
    const lines = stdout.trim().split('\n');
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['ours', 'peerjs']);
    for (const line of lines) expect(line).toMatch(/200 msg\/s × 2: held \d\/2 .*p99 \S+ \S+ ms .*server CPU \S+ \S+ µs\/msg$/);
  });

  it('refuses arguments that are not positive integers, and says how to call it', async () => {
    const failed = await runBenchTool('knee.ts', ['fast']).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run bench:knee') });
  });
});
