/**
 * The media recovery ladder, one per call side (docs/recovery.md, "Media"):
 *
 *   ICE `disconnected` for ICE_DISCONNECTED_GRACE_MS → ICE restart (new credentials, same connection)
 *   ICE `failed`, or the connection closed under us       → rejoin (a fresh connection, same call)
 *   not `connected` again within RECOVERY_ATTEMPT_TIMEOUT_MS → the next rung: rejoin
 *   MAX_RECOVERY_ATTEMPTS attempts without media          → give up (technical failure)
 *
 * Only the initiator acts (restart and rejoin write offers); the responder runs the same clock so
 * it shows "Reconnecting…" and gives up at the same time, and it answers whatever the initiator sends.
 * Timers are injected: the tests drive the ladder with fake time.
 */

/** Wi-Fi roaming and a busy access point cause `disconnected` blips that heal alone within a second or two. */
export const ICE_DISCONNECTED_GRACE_MS = 3_000;
/** An ICE restart or rejoin that has not brought media back in this time is a failed attempt. */
export const RECOVERY_ATTEMPT_TIMEOUT_MS = 10_000;
/** After this many failed attempts, the visitor is offered a callback or the office's staff instead. */
export const MAX_RECOVERY_ATTEMPTS = 3;

export type RecoveryStep = 'restart' | 'rejoin';

export interface RecoveryHooks {
  /** Initiator: restart ICE on the current connection. */
  restart(): void;
  /** Initiator: replace the connection with a fresh one for the same call. */
  rejoin(): void;
  /** Media is interrupted and being recovered (attempt 0 = still within the grace period). */
  recovering(attempt: number): void;
  recovered(): void;
  giveUp(): void;
  /**
   * Whether the current connection is connected right now. An ICE restart on a path that still
   * works may never leave `connected`, so no event says it is over: the attempt timer asks.
   */
  isUp?(): boolean;
}

export interface LadderTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: LadderTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface LadderTuning {
  graceMs: number;
  attemptTimeoutMs: number;
  maxAttempts: number;
}
export const DEFAULT_LADDER_TUNING: LadderTuning = {
  graceMs: ICE_DISCONNECTED_GRACE_MS,
  attemptTimeoutMs: RECOVERY_ATTEMPT_TIMEOUT_MS,
  maxAttempts: MAX_RECOVERY_ATTEMPTS,
};

type Phase = 'connecting' | 'up' | 'grace' | 'recovering' | 'given-up';

export class RecoveryLadder {
  private phase: Phase = 'connecting';
  private attempts = 0;
  private timer: unknown;

  constructor(
    private readonly hooks: RecoveryHooks,
    private readonly timers: LadderTimers = realTimers,
    private readonly tuning: LadderTuning = DEFAULT_LADDER_TUNING,
  ) {}

  /** How many recovery attempts the current outage has cost so far. */
  get attemptsMade(): number {
    return this.attempts;
  }

  /** The current connection's `iceConnectionState`. */
  iceState(state: RTCIceConnectionState): void {
    if (this.phase === 'given-up') return;
    if (state === 'connected' || state === 'completed') return this.up();
    if (state === 'disconnected' && this.phase === 'up') {
      this.phase = 'grace';
      this.hooks.recovering(0);
      this.arm(() => this.attempt('restart'), this.tuning.graceMs);
      return;
    }
    if (state === 'failed') this.connectionLost();
  }

  /**
   * The connection is gone (ICE failed, or the library closed it): a restart is no longer
   * possible, only a fresh connection. Before the first connection, this is a failed call setup.
   */
  connectionLost(): void {
    if (this.phase === 'given-up') return;
    if (this.phase === 'recovering') {
      // The attempt in progress already counts; the next rung waits for its timer.
      return;
    }
    this.attempt('rejoin');
  }

  stop(): void {
    this.clear();
    this.phase = 'given-up';
  }

  private up(): void {
    const wasRecovering = this.phase === 'grace' || this.phase === 'recovering';
    this.clear();
    this.phase = 'up';
    this.attempts = 0;
    if (wasRecovering) this.hooks.recovered();
  }

  private attempt(step: RecoveryStep): void {
    this.clear();
    if (this.phase === 'recovering' && this.hooks.isUp?.()) return this.up();
    if (this.attempts >= this.tuning.maxAttempts) {
      this.phase = 'given-up';
      this.hooks.giveUp();
      return;
    }
    this.attempts += 1;
    this.phase = 'recovering';
    this.hooks.recovering(this.attempts);
    if (step === 'restart') this.hooks.restart();
    else this.hooks.rejoin();
    // Whatever failed, the next rung is a fresh connection: a restart that did not help will not help twice.
    this.arm(() => this.attempt('rejoin'), this.tuning.attemptTimeoutMs);
  }

  private arm(callback: () => void, ms: number): void {
    this.clear();
    this.timer = this.timers.set(callback, ms);
  }

  private clear(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }
}
