import { describe, expect, it } from 'vitest';
import { Turns } from './turns.js';

const tick = () => new Promise((done) => setTimeout(done, 1));

describe('Turns', () => {
  it('runs two loops step by step in alternation, never two steps at once, and lets the longer one finish alone', async () => {
    const turns = new Turns();
    const log: string[] = [];
    let running = 0;
    const loop = async (name: string, steps: number) => {
      for (let i = 1; i <= steps; i++) {
        await turns.take(async () => {
          running += 1;
          expect(running).toBe(1);
          log.push(`${name}${i}`);
          await tick();
          running -= 1;
        });
      }
    };
    await Promise.all([loop('a', 3), loop('b', 5)]);
    expect(log).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3', 'b4', 'b5']);
  });

  it('goes on with the next step after one that failed', async () => {
    const turns = new Turns();
    const failed = turns.take(() => Promise.reject(new Error('stalled')));
    const next = turns.take(async () => 'ran');
    await expect(failed).rejects.toThrow('stalled');
    await expect(next).resolves.toBe('ran');
  });
});
