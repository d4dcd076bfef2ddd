import type { Clock, TimerHandle } from '../clock.js';

/** An agent hears the overview at most this often, however busy the queues are. */
export const OVERVIEW_MIN_INTERVAL_MS = 1_000;
/** …and at least this often while connected, so the longest waits on screen keep moving. */
export const OVERVIEW_REFRESH_MS = 15_000;

/**
 * When to push the queue overview: changes are coalesced into one flush, never sooner than
 * OVERVIEW_MIN_INTERVAL_MS after the previous one; a refresh every OVERVIEW_REFRESH_MS sends it
 * to everyone (`full`) even when nothing changed. A burst of changes within one message (or one
 * millisecond) is one flush: even the first waits for a zero-delay timer.
 */
export class OverviewSchedule {
  private pending: TimerHandle | undefined;
  private refresh: TimerHandle | undefined;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  /** The next flush goes to everyone: a refresh came due. */
  private full = false;

  constructor(
    private readonly clock: Clock,
    private readonly flush: (full: boolean) => void,
  ) {}

  /** Something an overview shows may have changed: flush soon (coalesced, throttled). */
  changed(): void {
    this.refresh ??= this.clock.setInterval(() => this.refreshDue(), OVERVIEW_REFRESH_MS);
    if (this.pending !== undefined) return;
    const delay = Math.max(0, this.lastFlushAt + OVERVIEW_MIN_INTERVAL_MS - this.clock.now());
    this.pending = this.clock.setTimeout(() => this.run(), delay);
  }

  /** Nobody to tell: no timers until the next change. */
  stop(): void {
    if (this.pending !== undefined) this.clock.clearTimeout(this.pending);
    if (this.refresh !== undefined) this.clock.clearInterval(this.refresh);
    this.pending = undefined;
    this.refresh = undefined;
    this.full = false;
  }

  private refreshDue(): void {
    this.full = true;
    this.changed();
  }

  private run(): void {
    this.pending = undefined;
    this.lastFlushAt = this.clock.now();
    const full = this.full;
    this.full = false;
    this.flush(full);
  }
}
