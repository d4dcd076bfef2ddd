import { mapLimit, waitUntil } from '../lib/stats.js';

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

/** What differs between servers: how one pair of clients is connected and paired, and how to close. */
export interface PairedFleetParts {
  /** Filled by `addPair` with both ends of each pair that made it. */
  endpoints: readonly Endpoint[];
  addPair(index: number, timeoutMs: number): Promise<void>;
  errorCount(): number;
  onPairFailed(error: unknown): void;
  close(): void;
}

/** The growth loop every fleet shares: pairs added with bounded concurrency until the target or the deadline. */
export function createPairedFleet(parts: PairedFleetParts): Fleet {
  let pairsStarted = 0;
  return {
    get size() {
      return parts.endpoints.length;
    },
    get endpoints() {
      return parts.endpoints;
    },
    get errors() {
      return parts.errorCount();
    },
    async grow(target, timeoutMs) {
      const first = pairsStarted;
      const count = Math.max(0, Math.floor((target - first * 2) / 2));
      pairsStarted += count;
      const deadline = Date.now() + timeoutMs;
      await mapLimit(
        Array.from({ length: count }, (_, i) => first + i),
        GROW_CONCURRENCY / 2,
        (index) => parts.addPair(index, Math.max(1, deadline - Date.now())).catch(parts.onPairFailed),
      );
      await waitUntil(() => parts.endpoints.length >= target || Date.now() > deadline, timeoutMs + 1000, 'the fleet to grow');
    },
    async close() {
      parts.close();
    },
  };
}
