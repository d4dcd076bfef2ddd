import { randomBytes, scryptSync } from 'node:crypto';
import type { Language, ServiceLine } from '../../protocol/index.js';

/**
 * The made-up kiosks and agents of a benchmark. Both the server process and the load
 * generator derive them from an index, so no secret has to cross between processes.
 */
export const BENCH_SITE_ID = 'bench-site';
export const BENCH_AGENT_PASSWORD = 'bench agent password';
/**
 * Probe visitors take turns: one kiosk joining and leaving hundreds of times a second would
 * trip the server's per-connection message limit, as it should.
 */
export const PROBE_KIOSK_COUNT = 20;
export const probeKioskId = (i: number): string => `bench-probe-kiosk-${i}`;
export const probeKioskToken = (i: number): string => `bench-probe-kiosk-token-${i}-0123456789abcdef`;
export const PROBE_AGENT_USERNAME = 'bench-probe-agent';
/** The probe agent serves only this queue, which nobody else joins: routing measures it alone. */
export const PROBE_QUEUE = { serviceLine: 'passport', language: 'fr' } as const satisfies {
  serviceLine: ServiceLine;
  language: Language;
};

/**
 * Every benchmark client comes from 127.0.0.1, where real kiosks and agents come from many
 * addresses: the per-address limits are lifted so they do not stop the load generator.
 * The per-connection limits (messages and bytes per second) keep their production defaults.
 */
export const ONE_ADDRESS_FOR_EVERYONE = {
  connectionsPerSecond: 1_000_000,
  connectionBurst: 1_000_000,
  maxConnectionsPerAddress: 1_000_000,
};

export const kioskId = (i: number): string => `bench-kiosk-${i}`;
export const kioskToken = (i: number): string => `bench-kiosk-token-${i}-0123456789abcdef`;
export const agentUsername = (i: number): string => `bench-agent-${i}`;

/**
 * A real scrypt hash in the server's format, with the cost turned down to the minimum.
 * Why: the benchmarks log thousands of agents in; at the production cost (~50 ms each,
 * on purpose) logging in 5,000 agents would take minutes and measure scrypt, not signaling.
 * verifyPassword reads the parameters from the hash, so the server code path is unchanged.
 */
export function cheapPasswordHash(password: string): string {
  const N = 16;
  const r = 1;
  const p = 1;
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N, r, p });
  return ['scrypt', N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}
