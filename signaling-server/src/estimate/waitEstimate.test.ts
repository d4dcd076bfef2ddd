import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memoryStore.js';
import { FakeClock } from '../testing/fakeClock.js';
import { estimateErrorReport } from './estimateErrorReport.js';
import { estimateWaitMs, HANDLE_TIME_WINDOW_CALLS, HANDLE_TIME_WINDOW_MS, HandleTimes } from './waitEstimate.js';

describe('estimateWaitMs', () => {
  it('is ceil(position / max(1, agents)) rounds of the average handle time', () => {
    expect(estimateWaitMs({ position: 1, eligibleAgents: 1, averageHandleMs: 300_000 })).toBe(300_000);
    expect(estimateWaitMs({ position: 3, eligibleAgents: 2, averageHandleMs: 300_000 })).toBe(600_000);
    expect(estimateWaitMs({ position: 4, eligibleAgents: 2, averageHandleMs: 300_000 })).toBe(600_000);
    expect(estimateWaitMs({ position: 5, eligibleAgents: 0, averageHandleMs: 100 })).toBe(500);
    expect(estimateWaitMs({ position: 1, eligibleAgents: 10, averageHandleMs: 250.4 })).toBe(250);
  });
});

describe('HandleTimes', () => {
  it('averages the recent calls of a line, falls back without history, and forgets old calls', () => {
    const clock = new FakeClock();
    const times = new HandleTimes(clock);
    expect(times.averageMs('pensions', 42)).toBe(42);
    times.record('pensions', 100);
    times.record('pensions', 300);
    times.record('passport', 10_000);
    expect(times.averageMs('pensions', 42)).toBe(200);
    clock.advance(HANDLE_TIME_WINDOW_MS + 1);
    expect(times.averageMs('pensions', 42)).toBe(42);
  });

  it('keeps only the last calls of the window', () => {
    const times = new HandleTimes(new FakeClock());
    times.record('pensions', 1_000_000);
    for (let i = 0; i < HANDLE_TIME_WINDOW_CALLS; i++) times.record('pensions', 60);
    expect(times.averageMs('pensions', 0)).toBe(60);
  });
});

describe('estimateErrorReport', () => {
  it('gives the mean absolute error and the bias of the served visits only', () => {
    const store = createMemoryStore();
    const join = (ticketId: string) =>
      store.visitJoined({ ticketId, siteId: 's', kioskId: 'k', serviceLine: 'pensions', language: 'en', at: 0 });
    expect(estimateErrorReport(store)).toEqual({ visits: 0, meanAbsoluteErrorMs: 0, biasMs: 0 });
    ['over', 'under', 'left'].forEach(join);
    store.visitWaitPredicted('over', 600_000);
    store.visitWaitActual('over', 300_000);
    store.visitWaitPredicted('under', 100_000);
    store.visitWaitActual('under', 200_000);
    store.visitWaitPredicted('left', 900_000);
    // First write wins: a restored ticket keeps its first prediction.
    store.visitWaitPredicted('over', 1);
    expect(estimateErrorReport(store)).toEqual({ visits: 2, meanAbsoluteErrorMs: 200_000, biasMs: 100_000 });
  });
});
