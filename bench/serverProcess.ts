/**
 * The server under test, alone in its own process so its memory and CPU figures are its own.
 * Started by bench/lib/childServer.ts as `node --import tsx bench/serverProcess.ts '<json>'`.
 * stdout speaks a tiny line protocol: `READY <port>` once listening, `STATS <json>` per
 * `stats` line read on stdin; `exit` on stdin (or stdin closing) shuts it down.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { Session as InspectorSession } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { GCProfiler, getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { PeerServer } from 'peer';
import { SERVICE_LINES, LANGUAGES } from '../protocol/index.js';
import { createServer, hashKioskToken, openSqliteStore, parseConfig, silentLogger } from '../signaling-server/src/index.js';
import {
  agentUsername,
  BENCH_AGENT_PASSWORD,
  BENCH_SITE_ID,
  cheapPasswordHash,
  kioskId,
  kioskToken,
  ONE_ADDRESS_FOR_EVERYONE,
  PROBE_AGENT_USERNAME,
  PROBE_KIOSK_COUNT,
  probeKioskId,
  probeKioskToken,
  PROBE_QUEUE,
} from './lib/identities.js';
import type { ServerProcessOptions, ServerStats } from './lib/childServer.js';
import { summarizeGcProfile } from './lib/gcProfile.js';
import { heapSpaces } from './lib/heapSpaces.js';

/** PeerJS refuses clients beyond this by default (5,000); the benchmark goes to 10,000. */
const PEERJS_CONCURRENT_LIMIT = 50_000;

const options = JSON.parse(process.argv[2] ?? '{}') as ServerProcessOptions;

/**
 * For `stats-after-gc`: the collection V8 makes when memory is short (the inspector's
 * `HeapProfiler.collectGarbage`), which also shrinks the young generation to its minimum. A plain
 * `gc()` leaves the young generation at whatever size the allocation rate grew it to, and that
 * size differs between the servers when idle: ours had grown it to 33.6 MB parsing its bench
 * config, PeerJS had not (docs/performance.md, "Memory: one baseline for both").
 */
let inspector: InspectorSession | undefined;
function collectGarbage(): Promise<unknown> {
  // Connected at the first reading, not at start-up: the server runs without an inspector session until then.
  if (!inspector) {
    inspector = new InspectorSession();
    inspector.connect();
  }
  return inspector.post('HeapProfiler.collectGarbage');
}

function report(line: string): void {
  process.stdout.write(`${line}\n`);
}

function stats(): ServerStats {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    heapTotalBytes: memory.heapTotal,
    externalBytes: memory.external,
    spaces: heapSpaces(getHeapSpaceStatistics()),
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
  };
}

async function startOurs(): Promise<{ port: number; stop: () => Promise<void> }> {
  const passwordHash = cheapPasswordHash(BENCH_AGENT_PASSWORD);
  const config = parseConfig({
    security: { rateLimits: ONE_ADDRESS_FOR_EVERYONE },
    sites: [{ id: BENCH_SITE_ID, name: 'Benchmark site' }],
    kiosks: [
      ...Array.from({ length: PROBE_KIOSK_COUNT }, (_, i) => ({
        id: probeKioskId(i),
        siteId: BENCH_SITE_ID,
        tokenSha256: hashKioskToken(probeKioskToken(i)),
      })),
      ...Array.from({ length: options.kiosks }, (_, i) => ({
        id: kioskId(i),
        siteId: BENCH_SITE_ID,
        tokenSha256: hashKioskToken(kioskToken(i)),
      })),
    ],
    agents: [
      {
        id: 'bench-probe-agent-id',
        username: PROBE_AGENT_USERNAME,
        passwordHash,
        languages: [PROBE_QUEUE.language],
        serviceLines: [PROBE_QUEUE.serviceLine],
      },
      ...Array.from({ length: options.agents }, (_, i) => ({
        id: `bench-agent-id-${i}`,
        username: agentUsername(i),
        passwordHash,
        languages: [...LANGUAGES],
        serviceLines: [...SERVICE_LINES],
      })),
    ],
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
  const store = openSqliteStore(dataDir);
  const server = createServer({ config, store, logger: silentLogger });
  const { port } = await server.listen(0, '127.0.0.1');
  return {
    port,
    async stop() {
      await server.close();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function startPeerJs(): Promise<{ port: number; stop: () => Promise<void> }> {
  return new Promise((resolve) => {
    PeerServer(
      // Its own `alive_timeout`: the bench's PeerJS clients send HEARTBEATs as PeerJS's browser client does.
      { port: 0, host: '127.0.0.1', path: '/', concurrent_limit: PEERJS_CONCURRENT_LIMIT },
      (server: Server) => {
        const { port } = server.address() as AddressInfo;
        resolve({
          port,
          stop: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              server.closeAllConnections();
            }),
        });
      },
    );
  });
}

const running = options.kind === 'peerjs' ? await startPeerJs() : await startOurs();
report(`READY ${running.port}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await running.stop();
  process.exit(0);
}

/** Between `gc-profile-start` and `gc-profile-stop`: every collection, for what a stretch allocated (lib/gcProfile.ts). */
let gcProfile: { profiler: GCProfiler; startUsedBytes: number } | undefined;
function startGcProfile(): void {
  gcProfile?.profiler.stop();
  gcProfile = { profiler: new GCProfiler(), startUsedBytes: process.memoryUsage().heapUsed };
  gcProfile.profiler.start();
}
function stopGcProfile(): string {
  if (!gcProfile) return JSON.stringify(summarizeGcProfile([], 0, 0));
  const { profiler, startUsedBytes } = gcProfile;
  gcProfile = undefined;
  return JSON.stringify(summarizeGcProfile(profiler.stop().statistics, startUsedBytes, process.memoryUsage().heapUsed));
}

const commands = createInterface({ input: process.stdin });
commands.on('line', (line) => {
  if (line === 'stats') report(`STATS ${JSON.stringify(stats())}`);
  // The same after a full, memory-reducing collection: what the server holds, whenever V8 last collected.
  if (line === 'stats-after-gc') void collectGarbage().then(() => report(`STATS ${JSON.stringify(stats())}`));
  // `snapshot <path>`: a heap snapshot for finding what each connection keeps (docs/performance.md).
  if (line.startsWith('snapshot ')) report(`SNAPSHOT ${writeHeapSnapshot(line.slice('snapshot '.length))}`);
  if (line === 'gc-profile-start') startGcProfile();
  if (line === 'gc-profile-stop') report(`GCPROFILE ${stopGcProfile()}`);
  if (line === 'exit') void stop();
});
commands.on('close', () => void stop());
