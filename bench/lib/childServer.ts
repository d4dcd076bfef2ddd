import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { SHIPPED_ALLOCATOR_ENV } from '../../signaling-server/src/memory/allocatorSettings.js';
import type { GcSummary } from './gcProfile.js';
import type { HeapSpaces } from './heapSpaces.js';

export interface ServerProcessOptions {
  kind: 'ours' | 'peerjs';
  /** How many bench kiosks the config lists (ours only). */
  kiosks: number;
  /** How many bench agents the config lists (ours only). */
  agents: number;
}

export interface ServerStats {
  rssBytes: number;
  heapUsedBytes: number;
  /** What V8 holds for its heap, used or not: RSS counts it all. */
  heapTotalBytes: number;
  /** Memory outside the JS heap that V8 knows of (Buffers and the like). */
  externalBytes: number;
  /**
   * The heap by space. The young generation grows under a high allocation rate and stays grown;
   * the old generation holds what the server keeps and what was promoted since the last full collection.
   */
  spaces: HeapSpaces;
  cpuUserUs: number;
  cpuSystemUs: number;
}

export interface ChildServer {
  port: number;
  stats(): Promise<ServerStats>;
  /** The same after a full, memory-reducing collection in the server (young generation shrunk too). */
  statsAfterGc(): Promise<ServerStats>;
  /** Starts recording the server's collections; `stopGcProfile` says what they found since (lib/gcProfile.ts). */
  startGcProfile(): void;
  stopGcProfile(): Promise<GcSummary>;
  /** Writes a V8 heap snapshot of the server to `path` (after a full collection). */
  heapSnapshot(path: string): Promise<void>;
  stop(): Promise<void>;
}

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 60_000;
const STATS_TIMEOUT_MS = 10_000;
const SNAPSHOT_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;

/** Starts bench/serverProcess.ts in its own Node process and waits until it listens. */
export async function startChildServer(options: ServerProcessOptions): Promise<ChildServer> {
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=bench/results/tmp") profiles the server under test.
  const extraArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...extraArgs, '--import', 'tsx', 'bench/serverProcess.ts', JSON.stringify(options)], {
    cwd: REPO_ROOT,
    // Ours ships with this allocator setting (`npm run server`). PeerJS gets the same, so that the
    // figures compare the servers and not two malloc configurations (docs/performance.md).
    env: { ...process.env, ...SHIPPED_ALLOCATOR_ENV },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const waiters: ((line: string) => boolean)[] = [];
  lines.on('line', (line) => {
    const index = waiters.findIndex((w) => w(line));
    if (index !== -1) waiters.splice(index, 1);
    // BENCH_DEBUG=1 shows what else the server printed (`--trace-gc` in BENCH_SERVER_NODE_ARGS writes to stdout).
    else if (process.env.BENCH_DEBUG) process.stderr.write(`[server] ${line}\n`);
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  function nextLine(prefix: string, timeoutMs: number): Promise<string> {
    return new Promise((resolveLine, reject) => {
      const timer = setTimeout(() => reject(new Error(`server process gave no "${prefix}" line in ${timeoutMs} ms`)), timeoutMs);
      void exited.then((code) => reject(new Error(`server process exited (${code}) before "${prefix}"`)));
      waiters.push((line) => {
        if (!line.startsWith(`${prefix} `)) return false;
        clearTimeout(timer);
        resolveLine(line.slice(prefix.length + 1));
        return true;
      });
    });
  }

  const port = Number(await nextLine('READY', START_TIMEOUT_MS));
  return {
    port,
    async stats() {
      const answer = nextLine('STATS', STATS_TIMEOUT_MS);
      child.stdin!.write('stats\n');
      return JSON.parse(await answer) as ServerStats;
    },
    async statsAfterGc() {
      const answer = nextLine('STATS', STATS_TIMEOUT_MS);
      child.stdin!.write('stats-after-gc\n');
      return JSON.parse(await answer) as ServerStats;
    },
    startGcProfile() {
      child.stdin!.write('gc-profile-start\n');
    },
    async stopGcProfile() {
      const answer = nextLine('GCPROFILE', STATS_TIMEOUT_MS);
      child.stdin!.write('gc-profile-stop\n');
      return JSON.parse(await answer) as GcSummary;
    },
    async heapSnapshot(path) {
      const written = nextLine('SNAPSHOT', SNAPSHOT_TIMEOUT_MS);
      child.stdin!.write(`snapshot ${path}\n`);
      await written;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.stdin!.write('exit\n');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
