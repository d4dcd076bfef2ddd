/**
 * V8's heap by space, in the server process: which part of the heap a growth is in. The bench's
 * memory figure is RSS; the young generation grows with the allocation rate alike in both
 * servers, the old generation with what each keeps (and the garbage promoted since V8's last full
 * collection), the code space with how much of the server's code has run hot
 * (docs/performance.md, "Memory: the old generation is the gap").
 */
import type { HeapSpaceInfo } from 'node:v8';

export interface SpaceBytes {
  /** What V8 has taken from the system for the space: RSS counts what of it was touched. */
  committed: number;
  used: number;
}

/** In the order the probes print them: the old generation first, where the servers differ. */
export const HEAP_SPACE_NAMES = ['old', 'code', 'young', 'large'] as const;
export type HeapSpaceName = (typeof HEAP_SPACE_NAMES)[number];
export type HeapSpaces = Record<HeapSpaceName, SpaceBytes>;

/** V8's spaces (the names differ between versions) folded into the four that tell growth apart. */
function spaceNameOf(v8Name: string): HeapSpaceName | undefined {
  if (v8Name === 'new_space') return 'young';
  if (v8Name === 'old_space') return 'old';
  if (v8Name === 'code_space') return 'code';
  // Young, old and code large objects alike: each is its own allocation, rare in a signaling server.
  if (v8Name.endsWith('large_object_space')) return 'large';
  // The read-only and shared spaces do not change while a server runs.
  return undefined;
}

export function heapSpaces(statistics: readonly HeapSpaceInfo[]): HeapSpaces {
  const spaces = eachSpace(() => ({ committed: 0, used: 0 }));
  for (const space of statistics) {
    const name = spaceNameOf(space.space_name);
    if (!name) continue;
    spaces[name].committed += space.space_size;
    spaces[name].used += space.space_used_size;
  }
  return spaces;
}

/** `after` minus `before`, space by space. */
export function heapSpacesGrowth(after: HeapSpaces, before: HeapSpaces): HeapSpaces {
  return eachSpace((name) => ({
    committed: after[name].committed - before[name].committed,
    used: after[name].used - before[name].used,
  }));
}

function eachSpace(bytesOf: (name: HeapSpaceName) => SpaceBytes): HeapSpaces {
  return Object.fromEntries(HEAP_SPACE_NAMES.map((name) => [name, bytesOf(name)])) as HeapSpaces;
}
