import { GCProfiler } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { summarizeGcProfile, type GcRecord } from './gcProfile.js';

const state = (used: number, oldUsed: number) => ({
  heapStatistics: { usedHeapSize: used },
  heapSpaceStatistics: [
    { spaceName: 'new_space', spaceUsedSize: used - oldUsed },
    { spaceName: 'old_space', spaceUsedSize: oldUsed },
  ],
});
const record = (gcType: string, before: [number, number], after: [number, number]): GcRecord => ({ gcType, beforeGC: state(...before), afterGC: state(...after) });

describe('summarizeGcProfile', () => {
  it('counts what each collection found beyond what the last left, and what scavenges moved to the old generation', () => {
    const records = [
      record('Scavenge', [1_000, 100], [300, 150]), // 900 allocated since the start (100), 50 promoted
      record('IncrementalMarking', [800, 150], [800, 150]), // 500 more; a marking step, not a collection
      record('Scavenge', [1_300, 150], [400, 250]), // 500 more, 100 promoted
      record('MarkSweepCompact', [600, 250], [200, 200]), // 200 more
    ];
    expect(summarizeGcProfile(records, 100, 700)).toEqual({
      scavenges: 2,
      fullCollections: 1,
      allocatedBytes: 900 + 500 + 500 + 200 + 500,
      promotedBytes: 150,
    });
  });

  it('with no collection, the allocation is the growth of the heap in use', () => {
    expect(summarizeGcProfile([], 1_000, 1_600)).toEqual({ scavenges: 0, fullCollections: 0, allocatedBytes: 600, promotedBytes: 0 });
  });

  it('reads the records V8 gives: a known allocation is found', () => {
    const profiler = new GCProfiler();
    const startUsed = process.memoryUsage().heapUsed;
    profiler.start();
    let sink: object[] = [];
    // About 60 MB of short-lived objects: several scavenges on any young-generation size.
    for (let i = 0; i < 1_500_000; i++) {
      sink.push({ i, text: `item ${i}` });
      if (sink.length > 10_000) sink = [];
    }
    const records = profiler.stop().statistics;
    const summary = summarizeGcProfile(records, startUsed, process.memoryUsage().heapUsed);
    expect(summary.scavenges).toBeGreaterThan(0);
    expect(summary.allocatedBytes).toBeGreaterThan(30e6);
    expect(sink.length).toBeLessThanOrEqual(10_001);
  });
});
