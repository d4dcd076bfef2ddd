import type { Logger } from '../log/logger.js';
import type { CallQuality, LinkCommand, LinkEvent, LinkInput } from './callActors.js';
import type { Peer, PeerOptions } from './peer.js';
import { qualityLabelKey } from './quality/qualityLabels.js';
import { INITIAL_QUALITY_STATE, nextQuality, qualityPlan, type QualityState } from './quality/qualityMonitor.js';
import { applySendPlan, sendPlanKey, type SendPlan } from './quality/sendPlan.js';
import { snapshotFromStats } from './quality/statsSnapshot.js';
import { RecoveryLadder, realTimers, type LadderTimers, type LadderTuning } from './recovery/recoveryLadder.js';

/** getStats() once a second: what the quality logic's tuning (samples, runs) is counted in. */
export const QUALITY_POLL_MS = 1_000;
/**
 * The responder's connection closing may be the initiator replacing it (a rejoin): the new offer
 * follows within this time, or it was the end of the call after all.
 */
export const REJOIN_WAIT_MS = 3_000;
/** Marks each side's signals with the connection they belong to, so a rejoin's offer is told from stale candidates. */
export const GENERATION_KEY = 'generation';

export interface CallLinkDeps {
  createPeer(options: PeerOptions): Peer;
  log: Logger;
  timers?: LadderTimers;
  now?: () => number;
  ladderTuning?: LadderTuning;
}

/**
 * One call's media link, however many RTCPeerConnections it takes: the first one, ICE restarts
 * on it, fresh ones after a rejoin (the recovery ladder decides), and the quality plan applied to
 * whichever is current. The xstate peer actor (peerActor.ts) is a thin shell around it.
 */
export class CallLink {
  private peer: Peer | undefined;
  private generation = 0;
  private readonly ladder: RecoveryLadder;
  private readonly timers: LadderTimers;
  private readonly now: () => number;
  private quality: QualityState = INITIAL_QUALITY_STATE;
  private manualAudioOnly = false;
  private appliedKey = sendPlanKey({ sendScale: 1, audioOnly: false });
  private applying: Promise<void> = Promise.resolve();
  private poll: unknown;
  private closeWait: unknown;
  private stopped = false;

  constructor(
    private readonly input: LinkInput,
    private readonly deps: CallLinkDeps,
    private readonly emit: (event: LinkEvent) => void,
  ) {
    this.timers = deps.timers ?? realTimers;
    this.now = deps.now ?? (() => performance.now());
    const initiator = input.initiator;
    this.ladder = new RecoveryLadder(
      {
        restart: () => (initiator ? this.peer?.restartIce() : undefined),
        rejoin: () => (initiator ? this.rejoin() : undefined),
        recovering: (attempt) => this.emit({ type: 'peer.recovering', attempt }),
        recovered: () => this.emit({ type: 'peer.recovered' }),
        isUp: () => {
          const state = this.peer?.iceState();
          return state === 'connected' || state === 'completed';
        },
        giveUp: () => {
          deps.log.warn('media could not be recovered', { attempts: this.ladder.attemptsMade });
          this.emit({ type: 'peer.failed', code: 'ERR_MEDIA_RECOVERY' });
        },
      },
      this.timers,
      deps.ladderTuning,
    );
  }

  start(): void {
    this.peer = this.open(this.generation);
    this.schedulePoll();
  }

  command(command: LinkCommand): void {
    if (command.type === 'peer.audioOnly') {
      this.manualAudioOnly = command.on;
      this.applyPlan();
      this.emitQuality();
      return;
    }
    this.deliver(command.data);
  }

  stop(): void {
    this.stopped = true;
    this.ladder.stop();
    this.clearTimer(this.poll);
    this.clearTimer(this.closeWait);
    this.peer?.destroy();
    this.peer = undefined;
  }

  private deliver(tagged: Record<string, unknown>): void {
    const { [GENERATION_KEY]: raw, ...data } = tagged;
    const generation = typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : 0;
    if (generation < this.generation) return; // for a connection already replaced
    if (generation > this.generation) {
      // Only the initiator rejoins; the responder follows to the new connection.
      if (this.input.initiator) return;
      this.clearTimer(this.closeWait);
      this.peer?.destroy();
      this.generation = generation;
      this.peer = this.open(generation);
    }
    this.peer?.signal(data);
  }

  private rejoin(): void {
    this.peer?.destroy();
    this.generation += 1;
    this.peer = this.open(this.generation);
  }

  private open(generation: number): Peer {
    // Callbacks of a replaced connection are ignored: only the current one speaks for the call.
    const current = () => peer === this.peer && !this.stopped;
    const peer: Peer = this.deps.createPeer({
      initiator: this.input.initiator,
      stream: this.input.stream,
      iceServers: this.input.iceServers,
      iceTransportPolicy: this.input.iceTransportPolicy,
      onSignal: (data) => current() && this.emit({ type: 'peer.signal', data: { ...data, [GENERATION_KEY]: generation } }),
      onRemoteStream: (stream) => current() && this.emit({ type: 'peer.stream', stream }),
      onConnect: () => {
        if (!current()) return;
        this.emit({ type: 'peer.connected' });
        // A fresh connection sends full-size video until told otherwise.
        this.appliedKey = sendPlanKey({ sendScale: 1, audioOnly: false });
        this.applyPlan();
      },
      onIceState: (state) => current() && this.ladder.iceState(state),
      onError: (code) => {
        if (!current()) return;
        this.deps.log.warn('peer connection failed', { code, generation });
        this.peer = undefined;
        this.ladder.connectionLost();
      },
      onClose: () => {
        if (!current()) return;
        this.peer = undefined;
        if (this.input.initiator) {
          this.emit({ type: 'peer.closed' });
          return;
        }
        this.closeWait = this.timers.set(() => {
          if (!this.stopped && this.peer === undefined) this.emit({ type: 'peer.closed' });
        }, REJOIN_WAIT_MS);
      },
    });
    return peer;
  }

  private schedulePoll(): void {
    this.poll = this.timers.set(() => {
      void this.measure().finally(() => {
        if (!this.stopped) this.schedulePoll();
      });
    }, QUALITY_POLL_MS);
  }

  private async measure(): Promise<void> {
    const peer = this.peer;
    if (!peer) return;
    try {
      const stats = await peer.getStats();
      if (stats.length === 0 || this.stopped) return;
      this.quality = nextQuality(this.quality, snapshotFromStats(stats, this.now()));
    } catch (error) {
      this.deps.log.warn('could not read call statistics', { error: String(error) });
      return;
    }
    this.applyPlan();
    this.emitQuality();
  }

  private wantedPlan(): SendPlan {
    const plan = qualityPlan(this.quality);
    return { sendScale: plan.sendScale, audioOnly: plan.audioOnly || this.manualAudioOnly };
  }

  private applyPlan(): void {
    const wanted = this.wantedPlan();
    const key = sendPlanKey(wanted);
    const sender = this.peer?.videoSender();
    if (key === this.appliedKey || !sender) return;
    this.appliedKey = key;
    const camera = this.input.stream.getVideoTracks()[0] ?? null;
    // One change at a time: setParameters refuses a call while another is in flight.
    this.applying = this.applying
      .then(() => applySendPlan(sender, wanted, camera))
      .catch((error: unknown) => this.deps.log.warn('could not apply the video plan', { error: String(error), plan: key }));
  }

  private emitQuality(): void {
    const plan = qualityPlan(this.quality);
    const audioOnly = plan.audioOnly || this.manualAudioOnly;
    const sample = this.quality.lastSample;
    const quality: CallQuality = {
      settled: plan.settled,
      level: plan.level,
      audioOnly,
      labelKey: qualityLabelKey({ ...plan, audioOnly }),
      lossPct: sample?.lossPct,
      rttMs: sample?.rttMs,
      inboundKbps: sample?.inboundKbps,
      receivedFps: sample?.receivedFps,
    };
    this.emit({ type: 'peer.quality', quality });
  }

  private clearTimer(handle: unknown): void {
    if (handle !== undefined) this.timers.clear(handle);
  }
}
