import type { Clock, TimerHandle } from '../clock.js';

/**
 * The heartbeat interval is cut into this many beats, and each connection belongs to one of
 * them. Pinging every socket in one synchronous loop stalled every relay behind it (63 ms at
 * 5,000 connections, 130 ms at 10,000: docs/performance.md); one slice at a time costs well
 * under a millisecond per beat.
 */
export const HEARTBEAT_SLICES = 100;
/** A beat no shorter than this: short test intervals get fewer slices, not sub-millisecond timers. */
export const MIN_BEAT_MS = 20;

/** What the heartbeat needs of a connection. */
export interface Beating {
  /** True between a ping and its pong; still true at the next beat means the peer is dead. */
  awaitingPong: boolean;
  /** Set by every frame the peer sends, cleared by its beat: a peer that is talking is alive. */
  heardFrom: boolean;
  /** Which slice this connection is pinged in: set by `add`, read by `remove`. */
  heartbeatSlice: number;
  ping(): void;
  terminate(): void;
}

/**
 * Pings each connection once per interval, a slice of them per beat. A connection still owing
 * the previous pong when its slice comes round again is terminated: it is dropped between one
 * and two intervals after it stopped answering, as with one beat for all.
 *
 * A connection that sent any frame since its last beat is not pinged: its traffic already shows
 * it is there. Under load (every call member relaying signals) this takes the pings, their pongs
 * and the clients' work answering them off the sockets (docs/performance.md). A peer that dies
 * right after speaking is pinged at the next beat it was silent for, so it is dropped within
 * three intervals of its last frame instead of two.
 */
export class Heartbeat<C extends Beating> {
  private readonly slices: Set<C>[];
  private nextSlice = 0;
  private beat = 0;
  private readonly timer: TimerHandle;

  constructor(
    private readonly clock: Clock,
    intervalMs: number,
    private readonly onMissed: (connection: C) => void,
  ) {
    const count = Math.max(1, Math.min(HEARTBEAT_SLICES, Math.floor(intervalMs / MIN_BEAT_MS)));
    this.slices = Array.from({ length: count }, () => new Set<C>());
    this.timer = clock.setInterval(() => this.runBeat(), intervalMs / count);
  }

  /** New connections are dealt round the slices, so every beat has about as many to ping. */
  add(connection: C): void {
    connection.heartbeatSlice = this.nextSlice;
    this.slices[this.nextSlice]!.add(connection);
    this.nextSlice = (this.nextSlice + 1) % this.slices.length;
  }

  remove(connection: C): void {
    this.slices[connection.heartbeatSlice]?.delete(connection);
  }

  stop(): void {
    this.clock.clearInterval(this.timer);
  }

  private runBeat(): void {
    const slice = this.slices[this.beat]!;
    this.beat = (this.beat + 1) % this.slices.length;
    for (const connection of slice) {
      if (connection.heardFrom) {
        // Any frame answers like a pong, including one sent after an unanswered ping.
        connection.heardFrom = false;
        connection.awaitingPong = false;
      } else if (connection.awaitingPong) {
        this.onMissed(connection);
        connection.terminate();
      } else {
        connection.ping();
      }
    }
  }
}
