import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fakeClock.js';
import { Heartbeat, HEARTBEAT_SLICES, MIN_BEAT_MS, type Beating } from './heartbeat.js';

const INTERVAL_MS = 10_000;
const BEAT_MS = INTERVAL_MS / HEARTBEAT_SLICES;

/** A connection that records its pings and answers them (or not) when told. */
class FakeConnection implements Beating {
  awaitingPong = false;
  heardFrom = false;
  heartbeatSlice = -1;
  pings: number[] = [];
  terminated = false;
  constructor(private readonly clock: FakeClock) {}
  ping(): void {
    this.awaitingPong = true;
    this.pings.push(this.clock.now());
  }
  pong(): void {
    this.awaitingPong = false;
  }
  /** Any frame from the peer, as the server's message listener marks it. */
  speak(): void {
    this.heardFrom = true;
  }
  terminate(): void {
    this.terminated = true;
  }
}

function setUp(count: number, intervalMs = INTERVAL_MS) {
  const clock = new FakeClock(0);
  const missed: FakeConnection[] = [];
  const heartbeat = new Heartbeat<FakeConnection>(clock, intervalMs, (c) => missed.push(c));
  const connections = Array.from({ length: count }, () => new FakeConnection(clock));
  for (const c of connections) heartbeat.add(c);
  return { clock, heartbeat, connections, missed };
}

/** Advances one beat at a time; every live connection answers its ping before the next beat. */
function runBeats(clock: FakeClock, connections: FakeConnection[], beats: number, answer = (_c: FakeConnection) => true): void {
  for (let i = 0; i < beats; i++) {
    clock.advance(BEAT_MS);
    for (const c of connections) if (c.awaitingPong && answer(c)) c.pong();
  }
}

describe('Heartbeat', () => {
  it('pings every connection exactly once per interval, a slice per beat', () => {
    const { clock, connections } = setUp(1_000);
    const perBeat: number[] = [];
    for (let beat = 0; beat < HEARTBEAT_SLICES * 3; beat++) {
      const before = connections.reduce((sum, c) => sum + c.pings.length, 0);
      runBeats(clock, connections, 1);
      perBeat.push(connections.reduce((sum, c) => sum + c.pings.length, 0) - before);
    }
    for (const c of connections) {
      expect(c.pings).toHaveLength(3);
      // The same slice every time: one interval between two pings of a connection.
      expect(c.pings[1]! - c.pings[0]!).toBe(INTERVAL_MS);
      expect(c.pings[2]! - c.pings[1]!).toBe(INTERVAL_MS);
    }
    // No beat pings everyone: the work is spread evenly over the interval.
    expect(Math.max(...perBeat)).toBe(1_000 / HEARTBEAT_SLICES);
    expect(Math.min(...perBeat)).toBe(1_000 / HEARTBEAT_SLICES);
  });

  it('terminates a connection still owing the previous pong when its slice comes round, and no other', () => {
    const { clock, connections, missed } = setUp(10);
    const silent = connections[3]!;
    runBeats(clock, connections, HEARTBEAT_SLICES, (c) => c !== silent);
    expect(silent.pings).toHaveLength(1);
    expect(silent.terminated).toBe(false);
    runBeats(clock, connections, HEARTBEAT_SLICES, (c) => c !== silent);
    expect(silent.terminated).toBe(true);
    expect(missed).toEqual([silent]);
    expect(connections.filter((c) => c.terminated)).toEqual([silent]);
  });

  it('does not ping a connection that is talking, and drops it once it falls silent and does not answer', () => {
    const { clock, connections, missed } = setUp(2);
    const [talker, quiet] = connections as [FakeConnection, FakeConnection];
    // Three intervals of traffic and no pong at all: never pinged, never dropped.
    for (let beat = 0; beat < HEARTBEAT_SLICES * 3; beat++) {
      talker.speak();
      runBeats(clock, [quiet], 1);
    }
    expect(talker.pings).toEqual([]);
    expect(talker.terminated).toBe(false);
    expect(quiet.pings).toHaveLength(3);
    // Silent from now on. Its last frame came after its last beat, so the next beat still skips
    // it; the one after pings it; unanswered at the third, it is dropped (three intervals at most).
    runBeats(clock, [quiet], HEARTBEAT_SLICES);
    expect(talker.pings).toEqual([]);
    runBeats(clock, [quiet], HEARTBEAT_SLICES);
    expect(talker.pings).toHaveLength(1);
    expect(talker.terminated).toBe(false);
    runBeats(clock, [quiet], HEARTBEAT_SLICES);
    expect(talker.terminated).toBe(true);
    expect(missed).toEqual([talker]);
    expect(quiet.terminated).toBe(false);
  });

  it('takes a frame after an unanswered ping as the answer', () => {
    const { clock, connections } = setUp(1);
    const peer = connections[0]!;
    runBeats(clock, connections, HEARTBEAT_SLICES, () => false);
    expect(peer.pings).toHaveLength(1);
    peer.speak();
    runBeats(clock, connections, HEARTBEAT_SLICES, () => false);
    expect(peer.terminated).toBe(false);
    expect(peer.awaitingPong).toBe(false);
    // Nothing since: pinged again at its next beat, not dropped yet.
    runBeats(clock, connections, HEARTBEAT_SLICES, () => false);
    expect(peer.pings).toHaveLength(2);
    expect(peer.terminated).toBe(false);
  });

  it('forgets a removed connection and stops beating when stopped', () => {
    const { clock, heartbeat, connections } = setUp(4);
    heartbeat.remove(connections[0]!);
    runBeats(clock, connections, HEARTBEAT_SLICES);
    expect(connections.map((c) => c.pings.length)).toEqual([0, 1, 1, 1]);
    heartbeat.stop();
    expect(clock.pendingTimers).toBe(0);
    runBeats(clock, connections, HEARTBEAT_SLICES);
    expect(connections.map((c) => c.pings.length)).toEqual([0, 1, 1, 1]);
  });

  it('uses fewer, longer beats for a short interval, still once per interval', () => {
    const intervalMs = 3 * MIN_BEAT_MS;
    const { clock, connections } = setUp(6, intervalMs);
    clock.advance(intervalMs);
    expect(connections.map((c) => c.pings)).toEqual([[20], [40], [60], [20], [40], [60]]);
  });
});
