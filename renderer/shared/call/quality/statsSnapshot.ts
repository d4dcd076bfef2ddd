/**
 * A plain, serialisable extract of one RTCPeerConnection.getStats() report: only the counters the
 * quality logic reads. Recorded sequences of these are what the tests replay.
 */
export interface InboundCounters {
  packetsReceived: number;
  packetsLost: number;
  bytesReceived: number;
  framesDecoded?: number;
  /** Seconds, as RTP jitter is reported. */
  jitterS?: number;
}

export interface OutboundVideo {
  bytesSent: number;
  framesEncoded?: number;
  frameHeight?: number;
  /** `none`, `bandwidth`, `cpu` or `other`: why the encoder is sending less than it was asked. */
  qualityLimitationReason?: string;
}

export interface StatsSnapshot {
  /** When the report was taken (ms; any monotonic origin). */
  atMs: number;
  inboundVideo?: InboundCounters;
  inboundAudio?: InboundCounters;
  outboundVideo?: OutboundVideo;
  /** From the other side's receiver reports about our video (remote-inbound-rtp), 0–1. */
  remoteFractionLost?: number;
  /** Selected candidate pair's currentRoundTripTime, in seconds. */
  roundTripTimeS?: number;
}

type Stat = Readonly<Record<string, unknown>>;

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * Reads a report given as its values (`[...report.values()]` or collected with forEach).
 * Several streams of one kind (after a renegotiation) are added up.
 */
export function snapshotFromStats(stats: Iterable<Stat>, atMs: number): StatsSnapshot {
  const list = [...stats];
  const snapshot: StatsSnapshot = { atMs };
  const inbound = (kind: string) => sumInbound(list.filter((s) => s['type'] === 'inbound-rtp' && s['kind'] === kind));
  const video = inbound('video');
  const audio = inbound('audio');
  if (video) snapshot.inboundVideo = video;
  if (audio) snapshot.inboundAudio = audio;

  const outbound = list.filter((s) => s['type'] === 'outbound-rtp' && s['kind'] === 'video');
  if (outbound.length > 0) {
    const largest = outbound.reduce((a, b) => ((num(b['bytesSent']) ?? 0) > (num(a['bytesSent']) ?? 0) ? b : a));
    snapshot.outboundVideo = definedOnly({
      bytesSent: outbound.reduce((total, s) => total + (num(s['bytesSent']) ?? 0), 0),
      framesEncoded: num(largest['framesEncoded']),
      frameHeight: num(largest['frameHeight']),
      qualityLimitationReason: typeof largest['qualityLimitationReason'] === 'string' ? largest['qualityLimitationReason'] : undefined,
    });
  }

  const remote = list.find((s) => s['type'] === 'remote-inbound-rtp' && s['kind'] === 'video');
  const fractionLost = num(remote?.['fractionLost']);
  if (fractionLost !== undefined) snapshot.remoteFractionLost = fractionLost;

  const rtt = num(selectedPair(list)?.['currentRoundTripTime']);
  if (rtt !== undefined) snapshot.roundTripTimeS = rtt;
  return snapshot;
}

/** The transport names its selected pair; older reports only mark it nominated and succeeded. */
function selectedPair(list: readonly Stat[]): Stat | undefined {
  const transport = list.find((s) => s['type'] === 'transport' && typeof s['selectedCandidatePairId'] === 'string');
  if (transport) return list.find((s) => s['id'] === transport['selectedCandidatePairId']);
  return list.find((s) => s['type'] === 'candidate-pair' && s['nominated'] === true && s['state'] === 'succeeded');
}

function sumInbound(streams: readonly Stat[]): InboundCounters | undefined {
  if (streams.length === 0) return undefined;
  const total = (key: string) => streams.reduce((sum, s) => sum + (num(s[key]) ?? 0), 0);
  const framesDecoded = streams.some((s) => num(s['framesDecoded']) !== undefined) ? total('framesDecoded') : undefined;
  const jitters = streams.map((s) => num(s['jitter'])).filter((j): j is number => j !== undefined);
  return definedOnly({
    packetsReceived: total('packetsReceived'),
    packetsLost: total('packetsLost'),
    bytesReceived: total('bytesReceived'),
    framesDecoded,
    jitterS: jitters.length > 0 ? Math.max(...jitters) : undefined,
  });
}

/** Absent counters are left out, not set to undefined, so recorded snapshots stay short. */
function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
