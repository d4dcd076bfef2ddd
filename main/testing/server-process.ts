// Test-only: the real signaling server CLI as a child process, for main/'s integration tests (main/ may not
// import tests/harness, which lies outside its TypeScript project).
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The repository root, where the server CLI and tsx resolve from. */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** tsx compiles on the fly on a shared CPU. */
const START_TIMEOUT_MS = 25_000;
const BANNER = /listening on (http:\/\/\S+)/;

export interface ServerProcess {
  /** The URL from the server's banner. */
  url: string;
  /** SIGTERM, then wait for the exit; safe to call when it already exited. */
  stop: () => Promise<void>;
}

/**
 * Starts `signaling-server/cli.ts` with `env` on top of this process's environment and resolves with the
 * URL it says it listens on; rejects if it exits first or says nothing in time. Give it HOST 127.0.0.1, PORT 0.
 */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'signaling-server/cli.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => stopChild(child);
  return new Promise((resolveServer, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error('server did not start in time'));
    }, START_TIMEOUT_MS);
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const match = buffer.match(BANNER);
      if (match) {
        clearTimeout(timer);
        resolveServer({ url: match[1] as string, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}
