/**
 * `npm run bench:restart -- [visitors] [results folder]`: the server killed with a queue full of
 * visitors, and how long until every one of them is back in their place. The 8 a.m. case at the
 * scale of a region: the process dies (SIGKILL: no goodbye, nothing flushed on the way out), is
 * started again on the same data, and every kiosk reconnects at once with its resume token.
 *
 * The production bundle (dist/server/cli.mjs, `npm run build`) with a config of `visitors` kiosks:
 * 1. started on an empty data folder: time to the banner (the baseline of the same run);
 * 2. every kiosk says hello and joins the queue (200 at a time); each keeps its resume token,
 *    ticket and place;
 * 3. SIGKILL, then started again on the same folder: time to the banner with the queue to restore;
 * 4. every kiosk reconnects at once (200 in flight) with its token: time from the first hello to
 *    the last kiosk's first `queue.status`, each kiosk's own time (hello sent → status), and
 *    whether each got its ticket and place back.
 * Prints the figures and writes `<results folder>/restart-<stamp>.json` (default bench/results).
 * Exits 1 if any visitor lost their place: that is a failure, not a figure.
 * Docs: "Restart with a full queue" in docs/performance.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Language, ServiceLine } from '../../protocol/index.js';
import { BUILT_SERVER_ARGV } from '../../scripts/build-server.js';
import { hashKioskToken } from '../../signaling-server/src/auth/kioskTokens.js';
import { SHIPPED_ALLOCATOR_ENV } from '../../signaling-server/src/memory/allocatorSettings.js';
import { TestClient } from '../../signaling-server/src/testing/testClient.js';
import { readUntil, withTimeout } from '../../tests/harness/processes.js';
import { BENCH_SITE_ID, kioskId, kioskToken, ONE_ADDRESS_FOR_EVERYONE } from '../lib/identities.js';
import { mapLimit, median, percentile, round } from '../lib/stats.js';
import { LISTENING_BANNER, probeArguments, REPO_ROOT, writeStampedResult } from './probeCommandLine.js';

const BANNER_TIMEOUT_MS = 60_000;
/** As many kiosks in flight at once as the signaling bench grows its fleets by (fleet.ts). */
const IN_FLIGHT = 200;
const REPLY_TIMEOUT_MS = 30_000;
/** Long enough that no kiosk's place expires while the others reconnect, however slow the machine. */
const RESUME_GRACE_MS = 600_000;
const QUEUE: { serviceLine: ServiceLine; language: Language } = { serviceLine: 'pensions', language: 'en' };

const { count: visitors, resultsDir } = probeArguments(process.argv.slice(2), 1_000, 'npm run bench:restart -- [visitors, a positive integer] [results folder]');

interface Place {
  resumeToken: string;
  ticketId: string;
  position: number;
}

interface Back {
  resumed: boolean;
  ticketId: string;
  position: number;
  ms: number;
}

const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-restart-'));
const configFile = join(dir, 'config.json');
writeFileSync(
  configFile,
  JSON.stringify({
    sites: [{ id: BENCH_SITE_ID, name: 'Benchmark site' }],
    kiosks: Array.from({ length: visitors }, (_, i) => ({ id: kioskId(i), siteId: BENCH_SITE_ID, tokenSha256: hashKioskToken(kioskToken(i)) })),
    agents: [],
    resumeGraceMs: RESUME_GRACE_MS,
    security: { rateLimits: ONE_ADDRESS_FOR_EVERYONE },
  }),
);

const clients: TestClient[] = [];
/** Every server process started, so that none outlives the probe, even one that failed to start. */
const children: ChildProcess[] = [];

/** The bundle as production starts it, on this run's data folder; resolves once it listens, with the milliseconds that took. */
async function startServer(port: number): Promise<{ child: ChildProcess; url: string; bannerMs: number }> {
  const startedAt = performance.now();
  const child = spawn(process.execPath, BUILT_SERVER_ARGV, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...SHIPPED_ALLOCATOR_ENV, PORT: String(port), HOST: '127.0.0.1', CONFIG: configFile, DATA_DIR: join(dir, 'data'), STATIC_DIR: dir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const banner = await readUntil(child, LISTENING_BANNER, BANNER_TIMEOUT_MS);
  const bannerMs = performance.now() - startedAt;
  // Keep reading (and dropping) what it prints: a full pipe would block the server's writes.
  child.stdout?.resume();
  child.stderr?.resume();
  const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1];
  if (!url) throw new Error(`no address in the banner:\n${banner}`);
  return { child, url, bannerMs };
}

function hello(url: string, i: number, resumeToken?: string) {
  const credentials = { role: 'kiosk', kioskId: kioskId(i), token: kioskToken(i) } as const;
  return TestClient.signIn(`${url.replace(/^http/, 'ws')}/ws`, credentials, { resumeToken, timeoutMs: REPLY_TIMEOUT_MS, clients });
}

async function queueEveryone(url: string): Promise<Place[]> {
  return mapLimit(Array.from({ length: visitors }, (_, i) => i), IN_FLIGHT, async (i) => {
    const { client, welcome } = await hello(url, i);
    client.send({ type: 'queue.join', ...QUEUE });
    const status = await client.next('queue.status', REPLY_TIMEOUT_MS);
    if (!welcome.resumeToken) throw new Error(`${kioskId(i)}: the welcome carried no resume token`);
    return { resumeToken: welcome.resumeToken, ticketId: status.ticketId, position: status.position };
  });
}

async function bringEveryoneBack(url: string, places: Place[]): Promise<Back[]> {
  return mapLimit(places, IN_FLIGHT, async (place, i) => {
    const sentAt = performance.now();
    const { client, welcome } = await hello(url, i, place.resumeToken);
    const status = await client.next('queue.status', REPLY_TIMEOUT_MS);
    return { resumed: welcome.resumed === true, ticketId: status.ticketId, position: status.position, ms: performance.now() - sentAt };
  });
}

async function killServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGKILL');
  await exited;
  await withTimeout(Promise.all(clients.map((client) => client.closed)), REPLY_TIMEOUT_MS, 'the killed server did not drop its sockets');
  clients.length = 0;
}

try {
  const cold = await startServer(0);
  const port = Number(new URL(cold.url).port);
  const places = await queueEveryone(cold.url);
  await killServer(cold.child);

  const restarted = await startServer(port);
  const backStartedAt = performance.now();
  const back = await bringEveryoneBack(restarted.url, places);
  const allBackMs = performance.now() - backStartedAt;

  const kept = back.filter((b, i) => b.resumed && b.ticketId === places[i]!.ticketId && b.position === places[i]!.position).length;
  const summary = {
    visitors,
    coldStartMs: round(cold.bannerMs, 0),
    restartMs: round(restarted.bannerMs, 0),
    allBackMs: round(allBackMs, 0),
    perKioskMedianMs: round(median(back.map((b) => b.ms)), 1),
    perKioskP99Ms: round(percentile(back.map((b) => b.ms), 99), 1),
    placesKept: kept,
  };
  process.stdout.write(`${'start on empty data (baseline)'.padEnd(32)}listening after ${summary.coldStartMs} ms\n`);
  process.stdout.write(`${`start with ${visitors} waiting`.padEnd(32)}listening after ${summary.restartMs} ms\n`);
  process.stdout.write(
    `all ${visitors} kiosks back in ${summary.allBackMs} ms (${IN_FLIGHT} in flight); per kiosk, hello to its place: median ${summary.perKioskMedianMs} ms, p99 ${summary.perKioskP99Ms} ms\n`,
  );
  process.stdout.write(`places kept: ${kept} of ${visitors} (same ticket, same place)\n`);

  const file = writeStampedResult(resultsDir, 'restart', { inFlight: IN_FLIGHT, summary });
  process.stdout.write(`wrote ${file}\n`);
  if (kept < visitors) process.exitCode = 1;
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
} finally {
  for (const client of clients) client.socket.terminate();
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  // A bounded wait's timer (withTimeout) must not keep the probe running once it is done.
  process.exit();
}
