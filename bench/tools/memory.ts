/**
 * `npm run bench:memory -- [clients] [rounds] [windowMs]`: what `signaling.bytesPerConnection`
 * is made of. Each server, in a fresh process with its own fleet, goes through the bench's
 * sequence for the memory figure: a fifth of the clients, a hold, an overload (the rate search),
 * all the clients, a hold; RSS is read at the end of that hold, as the bench reads it. Three
 * variants of the sequence, each on both servers, alternating:
 * - `as the bench`: that sequence;
 * - `no overload`: without the rate search;
 * - `collected after growth`: with a memory-reducing collection once all the clients are in,
 *   so the hold starts without the garbage of connecting them.
 * For each run it prints the bench's figure (RSS at the end of the hold minus the idle RSS after
 * a collection, per client), what the server keeps after a memory-reducing collection at the end
 * (per client), what connecting the clients allocated (per client added), and where in V8's heap
 * the growth is: the old generation's growth before the rest of the clients connect (what the
 * first step and the overload left), each space's growth from idle to the end of the hold
 * (committed and used), and the old generation's live growth (after the last collection). Docs: "Memory: what the gap is
 * made of" and "Memory: the old generation is the gap" in docs/performance.md. A probe, not a
 * figure of latest.json: nothing is written to bench/results.
 */
import type { ServerStats } from '../lib/childServer.js';
import { HEAP_SPACE_NAMES, heapSpacesGrowth } from '../lib/heapSpaces.js';
import { inKb, round } from '../lib/stats.js';
import { FULL_PLAN } from '../plans.js';
import { measuredGrowth, type Growth } from '../signaling/benchSignaling.js';
import { runLoad } from '../signaling/load.js';
import { rateHeld, startServerUnderTest, stopServerUnderTest, type ServerKind, type ServerUnderTest } from '../signaling/serverUnderTest.js';

const PLAN = FULL_PLAN.signaling;
const VARIANTS = ['as the bench', 'no overload', 'collected after growth'] as const;
type Variant = (typeof VARIANTS)[number];

const [clients, rounds, windowMs] = [PLAN.latencyAt, 1, PLAN.holdMs / PLAN.holdWindows].map((fallback, i) => Number(process.argv[2 + i] ?? fallback)) as [number, number, number];
// The first step is a fifth of the clients (1,000 of 5,000 in the bench), in whole pairs.
const firstStep = 2 * Math.round(clients / 10);
if (![clients, rounds, windowMs].every((n) => Number.isInteger(n) && n > 0) || clients % 2 !== 0 || firstStep < 2) {
  process.stderr.write('usage: npm run bench:memory -- [clients, even, ≥ 10] [rounds] [hold window in ms]: positive integers\n');
  process.exit(2);
}

interface Run {
  kind: ServerKind;
  variant: Variant;
  bytesPerConnection: number;
  keptBytesPerConnection: number;
  growth: Growth;
  /** After a memory-reducing collection, before any client. */
  idle: ServerStats;
  /** After the first step's hold and the overload (if any), before the rest of the clients connect. */
  beforeGrowth: ServerStats;
  /** At the end of the hold, as the bench reads it. */
  underLoad: ServerStats;
  /** After a memory-reducing collection at the end. */
  kept: ServerStats;
}

const perClient = (after: ServerStats, before: ServerStats): number => (after.rssBytes - before.rssBytes) / clients;

/**
 * The rate search's overload: doubling rates, each tried once, up to the first one that does not
 * hold. Per client they are the bench's (2 to 128 msg/s at 1,000 clients), so a small fleet is not
 * pushed past the per-connection rate limits that a large one stays under.
 */
async function overload(side: ServerUnderTest): Promise<void> {
  const stepMs = Math.min(PLAN.rateSearch.stepMs, windowMs);
  const perClient = (rate: number) => (rate / PLAN.rateSearchAt) * firstStep;
  for (let rate = perClient(PLAN.rateSearch.startPerSec); rate <= perClient(PLAN.rateSearch.maxPerSec); rate *= 2) {
    if (!rateHeld(await runLoad(side.fleet, side.recorder, rate, stepMs), rate, PLAN)) return;
  }
}

async function hold(side: ServerUnderTest, size: number): Promise<void> {
  await runLoad(side.fleet, side.recorder, size * PLAN.holdRatePerClient, windowMs);
}

async function measure(kind: ServerKind, variant: Variant): Promise<Run> {
  const side = await startServerUnderTest(kind, clients);
  try {
    const idle = await side.server.statsAfterGc();
    await side.fleet.grow(firstStep, PLAN.growTimeoutMs);
    await hold(side, firstStep);
    if (variant !== 'no overload') await overload(side);
    const beforeGrowth = await side.server.stats();
    const errorsBefore = side.fleet.errors;
    side.server.startGcProfile();
    await side.fleet.grow(clients, PLAN.growTimeoutMs);
    const growth = measuredGrowth(clients - firstStep, await side.server.stopGcProfile(), await side.server.stats());
    const errors = side.fleet.errors - errorsBefore;
    if (side.fleet.size < clients || errors > 0) throw new Error(`${kind}: ${side.fleet.size}/${clients} clients connected, ${errors} errors`);
    if (variant === 'collected after growth') await side.server.statsAfterGc();
    await new Promise((done) => setTimeout(done, Math.min(PLAN.settleMs, windowMs)));
    await hold(side, clients);
    const underLoad = await side.server.stats();
    const kept = await side.server.statsAfterGc();
    return { kind, variant, bytesPerConnection: perClient(underLoad, idle), keptBytesPerConnection: perClient(kept, idle), growth, idle, beforeGrowth, underLoad, kept };
  } finally {
    await stopServerUnderTest(side);
  }
}

const runs: Run[] = [];
for (let i = 0; i < rounds; i++) {
  for (const variant of VARIANTS) {
    for (const kind of i % 2 === 0 ? (['ours', 'peerjs'] as const) : (['peerjs', 'ours'] as const)) runs.push(await measure(kind, variant));
  }
}
const mb = (bytes: number): string => String(round(bytes / 1e6, 1));
/** Each space's growth from idle to the end of the hold, committed/used. */
function heapGrowthText({ idle, underLoad }: Run): string {
  const grown = heapSpacesGrowth(underLoad.spaces, idle.spaces);
  return HEAP_SPACE_NAMES.map((name) => `${name} ${mb(grown[name].committed)}/${mb(grown[name].used)}`).join(' ');
}
for (const variant of VARIANTS) {
  for (const kind of ['ours', 'peerjs'] as const) {
    const mine = runs.filter((run) => run.kind === kind && run.variant === variant);
    process.stdout.write(
      `${kind.padEnd(6)} ${variant.padEnd(22)} ${clients} clients × ${rounds}: ` +
        `RSS at the hold ${mine.map((run) => inKb(run.bytesPerConnection)).join(' ')} KB/client; ` +
        `kept after a collection ${mine.map((run) => inKb(run.keptBytesPerConnection)).join(' ')} KB/client; ` +
        `connecting allocated ${mine.map((run) => inKb(run.growth.allocatedBytesPerConnection)).join(' ')} KB/client; ` +
        `old generation grown before the rest connect ${mine.map((run) => mb(run.beforeGrowth.spaces.old.committed - run.idle.spaces.old.committed)).join(' ')} MB; ` +
        `heap grown by the hold, MB committed/used: ${mine.map(heapGrowthText).join(' | ')}; ` +
        `old generation kept ${mine.map((run) => mb(run.kept.spaces.old.used - run.idle.spaces.old.used)).join(' ')} MB\n`,
    );
  }
}
// Anything still open (a socket, a timer) must not keep the probe running.
process.exit();
