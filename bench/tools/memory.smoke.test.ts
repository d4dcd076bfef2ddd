import { describe, expect, it } from 'vitest';
import { runBenchTool } from './runBenchTool.js';

// A smoke run of the probe, not a measurement: tiny sizes, and only "it runs every variant on both servers and reports each".
describe('bench:memory (smoke)', () => {
  it('takes each variant of the sequence on both servers and reports its figures and where in the heap the growth is', { timeout: 120_000 }, async () => {
    const { stdout } = await runBenchTool('memory.ts', ['20', '1', '300']);
    const lines = stdout.trim().split('\n');
    expect(lines.map((line) => /^(\S+)\s+(.+?)\s+20 clients/.exec(line)?.slice(1, 3).join(' | '))).toEqual([
      'ours | as the bench',
      'peerjs | as the bench',
      'ours | no overload',
      'peerjs | no overload',
      'ours | collected after growth',
      'peerjs | collected after growth',
    ]);
    for (const line of lines) {
      expect(line).toMatch(/20 clients × 1: RSS at the hold -?[\d.]+ KB\/client; kept after a collection -?[\d.]+ KB\/client; connecting allocated [\d.]+ KB\/client; old generation grown before the rest connect -?[\d.]+ MB; heap grown by the hold, MB committed\/used: old -?[\d.]+\/-?[\d.]+ code -?[\d.]+\/-?[\d.]+ young -?[\d.]+\/-?[\d.]+ large -?[\d.]+\/-?[\d.]+; old generation kept -?[\d.]+ MB$/);
    }
  });

  it('refuses arguments that are not positive integers, and says how to call it', async () => {
    const failed = await runBenchTool('memory.ts', ['7']).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run bench:memory') });
  });
});
