/**
 * `npm run bench:knee -- [rate] [rounds] [clients]`: the top of the signaling rate search, tried
 * many times. Both servers and a fleet each (1,000 clients, as in `npm run bench`) are up; after a
 * warm-up at half the rate, each server takes `rounds` tries of 3 s at `rate` msg/s, in turns,
 * with the order swapped every round. Prints each try's p99 and server CPU per message, and how
 * many tries stayed within the bench's 50 ms (docs/performance.md, "The knee, tried many times").
 * A probe for the figures, not a figure of latest.json: nothing is written to bench/results.
 */
import { FULL_PLAN } from '../plans.js';
import { startChildServer, type ChildServer } from '../lib/childServer.js';
import { median, round } from '../lib/stats.js';
import type { Fleet } from '../signaling/fleet.js';
import { LatencyRecorder, runLoad } from '../signaling/load.js';
import { createOurFleet } from '../signaling/ourFleet.js';
import { createPeerJsFleet } from '../signaling/peerjsFleet.js';

const TRY_MS = FULL_PLAN.signaling.rateSearch.stepMs;
const P99_LIMIT_MS = FULL_PLAN.signaling.rateP99LimitMs;
const GROW_TIMEOUT_MS = 120_000;
const SETTLE_MS = 2_000;

interface Side {
  kind: 'ours' | 'peerjs';
  server: ChildServer;
  fleet: Fleet;
  recorder: LatencyRecorder;
  p99Ms: number[];
  cpuUsPerMessage: number[];
}

const [rate, rounds, clients] = [64_000, 8, FULL_PLAN.signaling.rateSearchAt].map((fallback, i) => Number(process.argv[2 + i] ?? fallback)) as [number, number, number];
if (![rate, rounds, clients].every((n) => Number.isInteger(n) && n > 0) || clients % 2 !== 0) {
  process.stderr.write('usage: npm run bench:knee -- [rate per second] [rounds] [clients, even]: positive integers\n');
  process.exit(2);
}

async function startSide(kind: Side['kind']): Promise<Side> {
  const server = await startChildServer({ kind, kiosks: clients / 2, agents: clients / 2 });
  const recorder = new LatencyRecorder();
  const url = `http://127.0.0.1:${server.port}`;
  const fleet = kind === 'ours' ? createOurFleet(url, recorder) : createPeerJsFleet(url, recorder);
  return { kind, server, fleet, recorder, p99Ms: [], cpuUsPerMessage: [] };
}

/** One try at `perSec`; returns its p99 and the server's CPU (user + system) per message sent. */
async function attempt(side: Side, perSec: number): Promise<{ p99Ms: number; cpuUs: number }> {
  const before = await side.server.stats();
  const window = await runLoad(side.fleet, side.recorder, perSec, TRY_MS);
  const after = await side.server.stats();
  const cpuUs = after.cpuUserUs + after.cpuSystemUs - before.cpuUserUs - before.cpuSystemUs;
  return { p99Ms: window.lost > 0 ? Number.POSITIVE_INFINITY : window.p99Ms, cpuUs: cpuUs / Math.max(1, window.sent) };
}

const sides: Side[] = [];
try {
  for (const kind of ['ours', 'peerjs'] as const) sides.push(await startSide(kind));
  for (const side of sides) await side.fleet.grow(clients, GROW_TIMEOUT_MS);
  await new Promise((done) => setTimeout(done, SETTLE_MS));
  for (const side of sides) await attempt(side, Math.round(rate / 2));
  for (let i = 0; i < rounds; i++) {
    for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
      const { p99Ms, cpuUs } = await attempt(side, rate);
      side.p99Ms.push(p99Ms);
      side.cpuUsPerMessage.push(cpuUs);
    }
  }
  for (const side of sides) {
    const held = side.p99Ms.filter((p99) => p99 <= P99_LIMIT_MS).length;
    process.stdout.write(
      `${side.kind.padEnd(6)} ${rate} msg/s × ${rounds}: held ${held}/${rounds} (p99 ≤ ${P99_LIMIT_MS} ms, no loss); ` +
        `p99 ${side.p99Ms.map((p) => round(p, 0)).join(' ')} ms (median ${round(median(side.p99Ms), 0)}); ` +
        `server CPU ${side.cpuUsPerMessage.map((c) => round(c, 1)).join(' ')} µs/msg\n`,
    );
  }
} finally {
  for (const side of sides) {
    await side.fleet.close();
    await side.server.stop();
  }
}
// Anything still open (a socket, a timer) must not keep the probe running.
process.exit();
