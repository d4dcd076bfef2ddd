/**
 * What V8's garbage collector did over a stretch of a server's life, from `v8.GCProfiler`
 * (one record per collection, with the heap before and after). Used to tell what a server's
 * connection setup costs in allocation, which its RSS under load does not show directly
 * (docs/performance.md, "Memory: what the gap is made of").
 */

/** The parts of `v8.GCProfiler`'s records this reads (Node 20: `stop()` returns `{ statistics }`). */
export interface GcRecord {
  gcType: string;
  beforeGC: GcHeapState;
  afterGC: GcHeapState;
}
interface GcHeapState {
  heapStatistics: { usedHeapSize: number };
  heapSpaceStatistics: { spaceName: string; spaceUsedSize: number }[];
}

export interface GcSummary {
  /** Young-generation collections (scavenges). */
  scavenges: number;
  /** Full collections (mark-compact), incremental or not. */
  fullCollections: number;
  /** JS heap allocated over the stretch: what each collection found beyond what the last one left. */
  allocatedBytes: number;
  /** Moved from the young generation into the old one by scavenges: what lived long enough to cost a full collection. */
  promotedBytes: number;
}

const oldSpaceUsed = (state: GcHeapState): number => state.heapSpaceStatistics.find((space) => space.spaceName === 'old_space')?.spaceUsedSize ?? 0;

/**
 * `startUsedBytes` and `endUsedBytes` are the heap in use when profiling started and stopped:
 * allocation before the first collection and after the last one counts too.
 */
export function summarizeGcProfile(records: readonly GcRecord[], startUsedBytes: number, endUsedBytes: number): GcSummary {
  let allocatedBytes = 0;
  let promotedBytes = 0;
  let scavenges = 0;
  let fullCollections = 0;
  let usedAfterLast = startUsedBytes;
  for (const record of records) {
    allocatedBytes += Math.max(0, record.beforeGC.heapStatistics.usedHeapSize - usedAfterLast);
    usedAfterLast = record.afterGC.heapStatistics.usedHeapSize;
    // `IncrementalMarking` records mark steps of a full collection to come, not a collection.
    if (record.gcType === 'MarkSweepCompact') fullCollections += 1;
    if (record.gcType !== 'Scavenge' && record.gcType !== 'MinorMarkCompact') continue;
    scavenges += 1;
    promotedBytes += Math.max(0, oldSpaceUsed(record.afterGC) - oldSpaceUsed(record.beforeGC));
  }
  allocatedBytes += Math.max(0, endUsedBytes - usedAfterLast);
  return { scavenges, fullCollections, allocatedBytes, promotedBytes };
}
