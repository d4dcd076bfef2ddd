import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serialQueue.js';

const tick = () => new Promise((done) => setTimeout(done, 1));

describe('SerialQueue', () => {
  it('runs tasks one at a time, in the order given, and counts those not finished', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} starts`);
      await tick();
      log.push(`${name} ends`);
      return name;
    };
    const results = [queue.run(task('a')), queue.run(task('b')), queue.run(task('c'))];
    expect(queue.waiting).toBe(3);
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
    expect(queue.waiting).toBe(0);
  });

  it('goes on after a task that fails; only that task’s caller sees the failure', async () => {
    const queue = new SerialQueue();
    const failing = queue.run(async () => {
      await tick();
      throw new Error('no');
    });
    const next = queue.run(async () => 'after');
    await expect(failing).rejects.toThrow('no');
    expect(await next).toBe('after');
    expect(queue.waiting).toBe(0);
  });
});
