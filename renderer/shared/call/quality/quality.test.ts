import { describe, expect, it } from 'vitest';
import { CHROMIUM_LOOPBACK_REPORTS } from './chromiumLoopback.fixture.js';
import { AUDIO_ONLY_STEP, SEND_SCALES } from './degradationPolicy.js';
import { sampleBetween } from './linkSample.js';
import { qualityLabelKey, QUALITY_LABEL_KEYS } from './qualityLabels.js';
import { replayQuality, WARM_UP_MS, type QualityPlan } from './qualityMonitor.js';
import { snapshotFromStats, type StatsSnapshot } from './statsSnapshot.js';

const SECOND = 1000;

/** One second of a call as the receiving side saw it. */
interface Second {
  audioPackets?: number;
  videoPackets?: number;
  lost?: number;
  fps?: number;
  rttMs?: number;
  sentFps?: number;
  limitedBy?: 'none' | 'bandwidth' | 'cpu';
}

const NORMAL: Required<Omit<Second, 'limitedBy'>> = { audioPackets: 50, videoPackets: 120, lost: 0, fps: 25, rttMs: 60, sentFps: 25 };

/** Writes the cumulative counters getStats() would report after each second, as a recording. */
function record(seconds: readonly Second[]): StatsSnapshot[] {
  let audio = 0, video = 0, lost = 0, frames = 0, sent = 0, bytes = 0;
  const snapshots: StatsSnapshot[] = [{ atMs: 0, inboundAudio: counters(0, 0, 0), inboundVideo: { ...counters(0, 0, 0), framesDecoded: 0 } }];
  seconds.forEach((s, i) => {
    const second = { ...NORMAL, ...s };
    audio += second.audioPackets;
    video += second.videoPackets;
    lost += second.lost;
    frames += second.fps;
    sent += second.sentFps;
    bytes += 1000 * (second.audioPackets + second.videoPackets);
    snapshots.push({
      atMs: (i + 1) * SECOND,
      inboundAudio: counters(audio, 0, bytes / 10),
      inboundVideo: { ...counters(video, lost, bytes), framesDecoded: frames },
      outboundVideo: { bytesSent: bytes, framesEncoded: sent, frameHeight: 720, qualityLimitationReason: s.limitedBy ?? 'none' },
      roundTripTimeS: second.rttMs / 1000,
    });
  });
  return snapshots;
}
const counters = (packetsReceived: number, packetsLost: number, bytesReceived: number) => ({ packetsReceived, packetsLost, bytesReceived });
const repeat = (second: Second, count: number): Second[] => Array.from({ length: count }, () => second);
const WARM_UP_SECONDS = WARM_UP_MS / SECOND;
const levels = (plans: QualityPlan[]) => plans.map((p) => p.level);
/** Seconds (1-based, as recorded) at which the plan's value changes. */
function changes<T>(plans: QualityPlan[], pick: (p: QualityPlan) => T): [number, T][] {
  return plans.flatMap((plan, i) => (i > 0 && pick(plan) !== pick(plans[i - 1]!) ? [[i, pick(plan)] as [number, T]] : []));
}

describe('reading getStats() reports recorded from Chromium', () => {
  const snapshots = CHROMIUM_LOOPBACK_REPORTS.map((report, i) => snapshotFromStats(report, i * 2 * SECOND));

  it('takes the counters of the inbound streams, our video and the selected candidate pair', () => {
    expect(snapshots[1]).toEqual({
      atMs: 2 * SECOND,
      inboundAudio: { packetsReceived: 200, packetsLost: 0, bytesReceived: 10789, jitterS: 0.001 },
      inboundVideo: { packetsReceived: 268, packetsLost: 0, bytesReceived: 243756, framesDecoded: 80, jitterS: 0.002 },
      outboundVideo: { bytesSent: 243186, framesEncoded: 80, frameHeight: 480, qualityLimitationReason: 'none' },
      remoteFractionLost: 0,
      // transport.selectedCandidatePairId, not merely the first nominated pair.
      roundTripTimeS: 0.001,
    });
  });

  it('turns two reports into a healthy sample at the fake camera rate', () => {
    const sample = sampleBetween(snapshots[1]!, snapshots[2]!);
    expect(sample).toMatchObject({ intervalMs: 2 * SECOND, lossPct: 0, remoteLossPct: 0, rttMs: 1, receivedFps: 20, sentFps: 20, stalled: false, sendLimited: false });
    expect(sample?.inboundKbps).toBeGreaterThan(100);
  });
});

describe('link samples', () => {
  const [a, b] = record([NORMAL, { lost: 17, videoPackets: 103 }]).slice(1);

  it('counts lost packets over everything that should have arrived', () => {
    // 17 lost of 50 + 103 + 17 = 170 expected.
    expect(sampleBetween(a!, b!)?.lossPct).toBeCloseTo(10, 5);
  });

  it('refuses to compare across a counter reset (a new connection)', () => {
    expect(sampleBetween(b!, { ...a!, atMs: b!.atMs + SECOND })).toBeUndefined();
    expect(sampleBetween(b!, { ...b! })).toBeUndefined();
  });

  it('calls a second with nothing received a stall, with total loss', () => {
    expect(sampleBetween(a!, { ...a!, atMs: a!.atMs + SECOND })).toMatchObject({ stalled: true, lossPct: 100 });
  });

  it('reports no received frame rate when no video arrives (the other side is audio-only)', () => {
    const [x, y] = record([NORMAL, { videoPackets: 0, fps: 0 }]).slice(1);
    expect(sampleBetween(x!, y!)).toMatchObject({ receivedFps: undefined, stalled: false, lossPct: 0 });
  });
});

describe('quality level', () => {
  it('ignores the ramp-up at join: nothing is judged until the warm-up is over', () => {
    // Chromium starts low (few frames, some loss) while its bandwidth estimate grows.
    const plans = replayQuality(record([{ fps: 4, lost: 20 }, { fps: 8, lost: 10 }, { fps: 12 }, { fps: 18 }, ...repeat(NORMAL, 10)]));
    expect(plans.slice(0, WARM_UP_SECONDS).every((p) => !p.settled)).toBe(true);
    expect(plans.slice(WARM_UP_SECONDS).every((p) => p.settled)).toBe(true);
    expect(new Set(levels(plans))).toEqual(new Set(['good']));
    expect(qualityLabelKey(plans[1]!)).toBeUndefined();
    expect(qualityLabelKey(plans.at(-1)!)).toBe(QUALITY_LABEL_KEYS.good);
  });

  it('does not flicker on one bad second', () => {
    const plans = replayQuality(record([...repeat(NORMAL, 8), { lost: 60 }, ...repeat(NORMAL, 8)]));
    expect(new Set(levels(plans))).toEqual(new Set(['good']));
  });

  it('goes poor within two seconds of heavy loss and climbs back one level at a time', () => {
    const plans = replayQuality(record([...repeat(NORMAL, 8), ...repeat({ lost: 30 }, 4), ...repeat(NORMAL, 14)]));
    // Loss from second 9; poor at 10. Fair needs 5 seconds clearly better, good 5 more.
    expect(changes(plans, (p) => p.level)).toEqual([
      [10, 'poor'],
      [18, 'fair'],
      [23, 'good'],
    ]);
  });

  it('holds its level while loss hovers between the limits (hysteresis)', () => {
    // 2.3–2.9 % loss: under the 3 % that makes a good call fair, over the 1.5 % that makes a fair call good.
    const hovering = Array.from({ length: 20 }, (_, i) => ({ lost: i % 2 === 0 ? 5 : 4 }));
    const fromGood = replayQuality(record([...repeat(NORMAL, 8), ...hovering]));
    expect(new Set(levels(fromGood))).toEqual(new Set(['good']));
    const fromFair = replayQuality(record([...repeat(NORMAL, 8), ...repeat({ lost: 9 }, 3), ...hovering]));
    expect(changes(fromFair, (p) => p.level)).toEqual([[11, 'fair']]);
  });

  it('treats a slow round trip and a low frame rate as poor even without loss', () => {
    expect(levels(replayQuality(record([...repeat(NORMAL, 8), ...repeat({ rttMs: 1200 }, 4)]))).at(-1)).toBe('poor');
    expect(levels(replayQuality(record([...repeat(NORMAL, 8), ...repeat({ fps: 7 }, 4)]))).at(-1)).toBe('poor');
    expect(levels(replayQuality(record([...repeat(NORMAL, 8), ...repeat({ fps: 14 }, 8)]))).at(-1)).toBe('fair');
  });
});

describe('degradation plan', () => {
  it('lowers the resolution step by step, then goes audio-only, on a lasting poor link', () => {
    const plans = replayQuality(record([...repeat(NORMAL, 8), ...repeat({ lost: 30 }, 20)]));
    expect(changes(plans, (p) => p.sendScale)).toEqual([
      [12, SEND_SCALES[1]],
      [15, SEND_SCALES[2]],
      [18, SEND_SCALES[3]],
    ]);
    expect(changes(plans, (p) => p.audioOnly)).toEqual([[21, true]]);
    expect(qualityLabelKey(plans.at(-1)!)).toBe(QUALITY_LABEL_KEYS.audioOnly);
    expect(AUDIO_ONLY_STEP).toBe(SEND_SCALES.length);
  });

  it('comes back slower than it went: video first at low resolution, one step per ten good seconds', () => {
    const plans = replayQuality(record([...repeat(NORMAL, 8), ...repeat({ lost: 30 }, 13), ...repeat(NORMAL, 60)]));
    expect(changes(plans, (p) => p.audioOnly)).toEqual([[21, true], [41, false]]);
    // Loss ends after second 21; the average is under the poor limit from 23, so fair at 27 and good at 32.
    // Each step up then needs ten good seconds: the camera returns at 41, at the lowest resolution.
    expect(changes(plans, (p) => p.level)).toEqual([[10, 'poor'], [27, 'fair'], [32, 'good']]);
    expect(changes(plans, (p) => p.sendScale).filter(([second]) => second > 21)).toEqual([
      [51, SEND_SCALES[2]],
      [61, SEND_SCALES[1]],
      [71, SEND_SCALES[0]],
    ]);
  });

  it('holds the current resolution while the link is only fair', () => {
    const plans = replayQuality(record([...repeat(NORMAL, 8), ...repeat({ lost: 30 }, 4), ...repeat({ lost: 5 }, 30)]));
    const firstFair = plans.findIndex((p, i) => i > 10 && p.level === 'fair');
    expect(firstFair).toBeGreaterThan(0);
    expect(plans[firstFair]!.sendScale).toBeGreaterThan(1);
    expect(new Set(plans.slice(firstFair).map((p) => `${p.level} ${p.sendScale}`)).size).toBe(1);
  });

  it('keeps sign language fluid: an encoder starved below 12 fps lowers the resolution even on a good link', () => {
    const plans = replayQuality(record([...repeat(NORMAL, 8), ...repeat({ sentFps: 8, limitedBy: 'cpu' }, 4)]));
    expect(plans.at(-1)).toEqual({ level: 'good', settled: true, sendScale: SEND_SCALES[1], audioOnly: false });
  });
});
