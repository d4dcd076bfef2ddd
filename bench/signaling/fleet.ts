/**
 * What the signaling load generator needs of a set of connected clients, whichever
 * server they talk to: endpoints that can send a stamped probe to their partner, and
 * a count of everything that went wrong.
 */
export interface Probe {
  /** performance.now() in the load process when sent: both ends live here, so one clock. */
  t: number;
  seq: number;
}

export interface Endpoint {
  sendProbe(probe: Probe): void;
}

export interface Fleet {
  /** Connected, authenticated clients (both ends of every pair). */
  readonly size: number;
  /** Senders, two per pair: each sends to its partner. */
  readonly endpoints: readonly Endpoint[];
  /** Connection failures, refused hellos, error frames and unexpected closes so far. */
  readonly errors: number;
  /** Adds clients in pairs until `size` reaches `target`; bounded by `timeoutMs`. */
  grow(target: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Where received probes are counted; latency is taken on arrival. */
export interface ProbeSink {
  received(probe: Probe): void;
}

/** How many connects or handshakes are in flight at once while a fleet grows. */
export const GROW_CONCURRENCY = 200;
