import type { InboundCounters, StatsSnapshot } from './statsSnapshot.js';

/** What happened on the link between two snapshots. */
export interface LinkSample {
  intervalMs: number;
  /** Share of inbound audio + video packets lost in the interval, 0–100. */
  lossPct: number;
  /** What the other side lost of our video (their receiver reports), 0–100. */
  remoteLossPct: number | undefined;
  rttMs: number | undefined;
  inboundKbps: number;
  /** Decoded remote frames per second; undefined when no video arrived (e.g. the other side is audio-only). */
  receivedFps: number | undefined;
  /** Our encoded frames per second; undefined when we send no video. */
  sentFps: number | undefined;
  /** Our encoder says it is held back by the network or the processor. */
  sendLimited: boolean;
  /** Nothing at all arrived: a frozen call, the worst case. */
  stalled: boolean;
}

const MS_PER_S = 1000;
const BITS_PER_BYTE = 8;

/**
 * Deltas between two snapshots. Returns undefined when they cannot be compared: no time passed,
 * or a counter went backwards (a new connection after an ICE restart starts again from zero).
 */
export function sampleBetween(previous: StatsSnapshot, next: StatsSnapshot): LinkSample | undefined {
  const intervalMs = next.atMs - previous.atMs;
  if (intervalMs <= 0) return undefined;
  const video = inboundDelta(previous.inboundVideo, next.inboundVideo);
  const audio = inboundDelta(previous.inboundAudio, next.inboundAudio);
  if (video === null || audio === null) return undefined;
  const sentFrames = delta(previous.outboundVideo?.framesEncoded, next.outboundVideo?.framesEncoded);
  if (sentFrames === null) return undefined;

  const received = (video?.packetsReceived ?? 0) + (audio?.packetsReceived ?? 0);
  const lost = (video?.packetsLost ?? 0) + (audio?.packetsLost ?? 0);
  const seconds = intervalMs / MS_PER_S;
  const stalled = received === 0;
  const reason = next.outboundVideo?.qualityLimitationReason;
  return {
    intervalMs,
    // A stall counts as total loss: packetsLost only grows once later packets reveal the gap.
    lossPct: stalled ? 100 : (100 * Math.max(0, lost)) / (received + Math.max(0, lost)),
    remoteLossPct: next.remoteFractionLost === undefined ? undefined : 100 * next.remoteFractionLost,
    rttMs: next.roundTripTimeS === undefined ? undefined : next.roundTripTimeS * MS_PER_S,
    inboundKbps: (((video?.bytesReceived ?? 0) + (audio?.bytesReceived ?? 0)) * BITS_PER_BYTE) / MS_PER_S / seconds,
    receivedFps: video && video.packetsReceived > 0 && video.framesDecoded !== undefined ? video.framesDecoded / seconds : undefined,
    sentFps: sentFrames === undefined ? undefined : sentFrames / seconds,
    sendLimited: reason === 'bandwidth' || reason === 'cpu',
    stalled,
  };
}

type InboundDelta = { packetsReceived: number; packetsLost: number; bytesReceived: number; framesDecoded: number | undefined };

/** undefined: the stream is absent; null: a counter went backwards. */
function inboundDelta(before: InboundCounters | undefined, after: InboundCounters | undefined): InboundDelta | undefined | null {
  if (!after) return undefined;
  // A stream that appears between two snapshots is counted from zero.
  const from = before ?? { packetsReceived: 0, packetsLost: 0, bytesReceived: 0 };
  const packetsReceived = after.packetsReceived - from.packetsReceived;
  const bytesReceived = after.bytesReceived - from.bytesReceived;
  const framesDecoded = delta(from.framesDecoded ?? (before ? undefined : 0), after.framesDecoded);
  if (packetsReceived < 0 || bytesReceived < 0 || framesDecoded === null) return null;
  // packetsLost may legitimately go down (late packets are un-lost), hence no reset check on it.
  return { packetsReceived, packetsLost: after.packetsLost - from.packetsLost, bytesReceived, framesDecoded };
}

function delta(before: number | undefined, after: number | undefined): number | undefined | null {
  if (before === undefined || after === undefined) return undefined;
  return after < before ? null : after - before;
}
