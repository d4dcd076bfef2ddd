// The fork ships no types; this declares only the surface peer.ts uses.
declare module '@thaunknown/simple-peer' {
  export interface SimplePeerOptions {
    initiator?: boolean;
    stream?: MediaStream;
    config?: RTCConfiguration;
    trickle?: boolean;
  }
  export default class SimplePeer {
    constructor(options?: SimplePeerOptions);
    signal(data: unknown): void;
    destroy(error?: Error): void;
    readonly destroyed: boolean;
    on(event: 'signal', listener: (data: Record<string, unknown>) => void): this;
    on(event: 'stream', listener: (stream: MediaStream) => void): this;
    on(event: 'connect' | 'close', listener: () => void): this;
    on(event: 'error', listener: (error: Error & { code?: string }) => void): this;
    on(event: 'iceStateChange', listener: (iceConnectionState: RTCIceConnectionState, iceGatheringState: RTCIceGatheringState) => void): this;
  }
}
