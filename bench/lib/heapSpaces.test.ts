import { getHeapSpaceStatistics, type HeapSpaceInfo } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { heapSpaces, heapSpacesGrowth } from './heapSpaces.js';

const space = (space_name: string, space_size: number, space_used_size: number): HeapSpaceInfo => ({
  space_name,
  space_size,
  space_used_size,
  space_available_size: 0,
  physical_space_size: space_size,
});

describe('heapSpaces', () => {
  it('folds V8 spaces into young, old, code and large, and leaves out the read-only and shared ones', () => {
    const spaces = heapSpaces([
      space('read_only_space', 1000, 900),
      space('new_space', 1_048_576, 500_000),
      space('old_space', 20_000_000, 18_000_000),
      space('code_space', 2_000_000, 1_500_000),
      space('shared_space', 0, 0),
      space('new_large_object_space', 0, 0),
      space('large_object_space', 300_000, 290_000),
      space('code_large_object_space', 100_000, 90_000),
      space('shared_large_object_space', 0, 0),
    ]);
    expect(spaces).toEqual({
      young: { committed: 1_048_576, used: 500_000 },
      old: { committed: 20_000_000, used: 18_000_000 },
      code: { committed: 2_000_000, used: 1_500_000 },
      large: { committed: 400_000, used: 380_000 },
    });
  });

  it("reads this Node's spaces: the old generation and the code space are there and in use", () => {
    const spaces = heapSpaces(getHeapSpaceStatistics());
    expect(spaces.old.used).toBeGreaterThan(0);
    expect(spaces.code.used).toBeGreaterThan(0);
    expect(spaces.old.committed).toBeGreaterThanOrEqual(spaces.old.used);
  });

  it('gives the growth space by space, negative where a space shrank', () => {
    const before = heapSpaces([space('new_space', 33_554_432, 10_000_000), space('old_space', 20_000_000, 18_000_000)]);
    const after = heapSpaces([space('new_space', 1_048_576, 0), space('old_space', 45_000_000, 40_000_000), space('code_space', 1_000_000, 900_000)]);
    expect(heapSpacesGrowth(after, before)).toEqual({
      young: { committed: 1_048_576 - 33_554_432, used: -10_000_000 },
      old: { committed: 25_000_000, used: 22_000_000 },
      code: { committed: 1_000_000, used: 900_000 },
      large: { committed: 0, used: 0 },
    });
  });
});
