/**
 * `npm run bench:knee -- [rate] [rounds] [clients]`: the top of the signaling rate search, tried
 * many times. Both servers and a fleet each (1,000 clients, as in `npm run bench`) are up; after a
 * warm-up at half the rate, each server takes `rounds` tries of 3 s at `rate` msg/s, in turns,
 * with the order swapped every round. Prints each try's p99 and server CPU per message, and how
 * many tries held as the bench's rate search judges one (`rateHeld`; docs/performance.md, "The
 * knee, tried many times").
 * A probe for the figures, not a figure of latest.json: nothing is written to bench/results.
 */
import { FULL_PLAN } from '../plans.js';
import { median, round } from '../lib/stats.js';
import { runLoad } from '../signaling/load.js';
import { rateHeld, startServerUnderTest, stopServerUnderTest, type ServerKind, type ServerUnderTest } from '../signaling/serverUnderTest.js';

const PLAN = FULL_PLAN.signaling;

interface Side extends ServerUnderTest {
  p99Ms: number[];
  cpuUsPerMessage: number[];
  held: number;
}

const [rate, rounds, clients] = [64_000, 8, PLAN.rateSearchAt].map((fallback, i) => Number(process.argv[2 + i] ?? fallback)) as [number, number, number];
if (![rate, rounds, clients].every((n) => Number.isInteger(n) && n > 0) || clients % 2 !== 0) {
  process.stderr.write('usage: npm run bench:knee -- [rate per second] [rounds] [clients, even]: positive integers\n');
  process.exit(2);
}

async function startSide(kind: ServerKind): Promise<Side> {
  return { ...(await startServerUnderTest(kind, clients)), p99Ms: [], cpuUsPerMessage: [], held: 0 };
}

/** One try at `perSec` as the bench's rate search takes it: whether it held (`rateHeld`), its p99, the server's CPU (user + system) per message. */
async function attempt(side: Side, perSec: number): Promise<{ held: boolean; p99Ms: number; cpuUs: number }> {
  const before = await side.server.stats();
  const window = await runLoad(side.fleet, side.recorder, perSec, PLAN.rateSearch.stepMs);
  const after = await side.server.stats();
  const cpuUs = after.cpuUserUs + after.cpuSystemUs - before.cpuUserUs - before.cpuSystemUs;
  return { held: rateHeld(window, perSec, PLAN), p99Ms: window.p99Ms, cpuUs: cpuUs / Math.max(1, window.sent) };
}

const sides: Side[] = [];
try {
  for (const kind of ['ours', 'peerjs'] as const) sides.push(await startSide(kind));
  for (const side of sides) await side.fleet.grow(clients, PLAN.growTimeoutMs);
  await new Promise((done) => setTimeout(done, PLAN.settleMs));
  for (const side of sides) await attempt(side, Math.round(rate / 2));
  for (let i = 0; i < rounds; i++) {
    for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
      const { held, p99Ms, cpuUs } = await attempt(side, rate);
      if (held) side.held += 1;
      side.p99Ms.push(p99Ms);
      side.cpuUsPerMessage.push(cpuUs);
    }
  }
  for (const side of sides) {
    process.stdout.write(
      `${side.kind.padEnd(6)} ${rate} msg/s × ${rounds}: held ${side.held}/${rounds} (as the rate search judges a try: p99 ≤ ${PLAN.rateP99LimitMs} ms, no loss); ` +
        `p99 ${side.p99Ms.map((p) => round(p, 0)).join(' ')} ms (median ${round(median(side.p99Ms), 0)}); ` +
        `server CPU ${side.cpuUsPerMessage.map((c) => round(c, 1)).join(' ')} µs/msg\n`,
    );
  }
} finally {
  for (const side of sides) await stopServerUnderTest(side);
}
// Anything still open (a socket, a timer) must not keep the probe running.
process.exit();
