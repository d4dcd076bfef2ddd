import type { Clock, TimerHandle } from '../clock.js';

/**
 * Paces the `queue.status` a waiting kiosk hears when its place or estimate moves: at most one
 * per interval, the latest. When several visitors ahead are served within a second (a morning
 * rush, a team coming back from a meeting), the kiosk behind them hears its new place once
 * instead of once per visitor served. The visitor loses nothing (the place shown is at most one
 * interval old), a screen reader announces one change instead of a burst, and the server sends
 * one message per waiting kiosk per interval instead of one per visitor served ahead of it. In the
 * benchmark's connecting fleet those statuses were a quarter of what the server allocated
 * (docs/performance.md, "Memory: what the gap is made of").
 *
 * The first status (on joining), the one after a resume and the periodic refresh are not paced;
 * they are recorded with `sent` so the pace counts from them. `sent` also keeps the estimate the
 * kiosk was told, so a presence change re-sends only the estimates it moved.
 */
export class StatusPacer {
  /** ticketId → when its kiosk last heard a status, and the estimate it was told. */
  private readonly last = new Map<string, { at: number; estimatedWaitMs: number }>();
  /** Tickets whose kiosk is owed a status once its interval is up. */
  private readonly due = new Set<string>();
  private timer: TimerHandle | undefined;
  /** When the timer fires: it is always set for the earliest status owed. */
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    /** Sends the ticket's status as it is now (and calls `sent`); nothing if the ticket left. */
    private readonly sendNow: (ticketId: string) => void,
  ) {}

  /** The ticket's kiosk should hear its status: now if its interval is up, else once it is. */
  request(ticketId: string): void {
    if (this.due.has(ticketId)) return;
    const waitMs = this.waitBeforeNext(ticketId);
    if (waitMs <= 0) {
      this.sendNow(ticketId);
      return;
    }
    this.due.add(ticketId);
    this.armFor(waitMs);
  }

  /** A status went out for this ticket (paced or not): the next one waits a whole interval. */
  sent(ticketId: string, estimatedWaitMs: number): void {
    this.last.set(ticketId, { at: this.clock.now(), estimatedWaitMs });
    this.due.delete(ticketId);
  }

  /** The estimate the ticket's kiosk was last told, so only estimates that moved are re-sent. */
  lastEstimate(ticketId: string): number | undefined {
    return this.last.get(ticketId)?.estimatedWaitMs;
  }

  /** The ticket left the queue: nothing is owed, nothing kept. */
  forget(ticketId: string): void {
    this.last.delete(ticketId);
    this.due.delete(ticketId);
  }

  close(): void {
    this.disarm();
    this.due.clear();
  }

  /** The timer fires in `waitMs` unless it already fires sooner. */
  private armFor(waitMs: number): void {
    const at = this.clock.now() + waitMs;
    if (this.timer !== undefined && this.timerAt <= at) return;
    this.disarm();
    this.timerAt = at;
    this.timer = this.clock.setTimeout(() => this.flush(), waitMs);
  }

  private disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
  }

  private waitBeforeNext(ticketId: string): number {
    const last = this.last.get(ticketId);
    return last === undefined ? 0 : last.at + this.intervalMs - this.clock.now();
  }

  /** Sends every status whose interval is up; the timer comes back for the earliest one left. */
  private flush(): void {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    let nextMs = Number.POSITIVE_INFINITY;
    for (const ticketId of this.due) {
      const waitMs = this.waitBeforeNext(ticketId);
      if (waitMs > 0) {
        nextMs = Math.min(nextMs, waitMs);
        continue;
      }
      this.due.delete(ticketId);
      this.sendNow(ticketId);
    }
    if (this.due.size > 0) this.armFor(nextMs);
  }
}
