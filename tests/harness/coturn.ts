import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** Debian's coturn (apt package `coturn`). */
export const TURNSERVER_PATH = process.env.TURNSERVER_PATH ?? '/usr/bin/turnserver';
export const COTURN_HOST = '127.0.0.1';
export const COTURN_REALM = 'kiosk.test';
/** coturn opens its listeners within a second here; ten is generous on a loaded machine. */
const READY_TIMEOUT_MS = 10_000;
const READY_POLL_MS = 100;
const STOP_TIMEOUT_MS = 5_000;
/** Enough relay ports for a handful of allocations (two peers × candidates) per test file. */
const RELAY_PORT_COUNT = 40;
const RELAY_RANGE_LOW = 40_000;
const RELAY_RANGE_HIGH = 60_000;
const RELAY_RANGE_ATTEMPTS = 20;

export interface Coturn {
  /** `turn:127.0.0.1:<port>` */
  url: string;
  port: number;
  secret: string;
  realm: string;
  /** Everything coturn printed, for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * A real coturn on loopback, using the same REST shared-secret scheme as production (docs/turn.md).
 * `--allow-loopback-peers` is for this test only: both browsers live on 127.0.0.1, and without it
 * coturn refuses to relay to them (403 Forbidden IP). Production keeps loopback and private ranges denied.
 */
export async function startCoturn(): Promise<Coturn> {
  const port = await freePort();
  const [minPort, maxPort] = await freeUdpRange(RELAY_PORT_COUNT);
  const secret = randomBytes(24).toString('hex');
  const workDir = mkdtempSync(join(tmpdir(), 'kiosk-coturn-'));
  const args = [
    '-n',
    `--listening-ip=${COTURN_HOST}`,
    `--relay-ip=${COTURN_HOST}`,
    `--listening-port=${port}`,
    `--min-port=${minPort}`,
    `--max-port=${maxPort}`,
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    `--realm=${COTURN_REALM}`,
    '--fingerprint',
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--allow-loopback-peers',
    '--log-file=stdout',
    '--simple-log',
    `--pidfile=${join(workDir, 'turnserver.pid')}`,
  ];
  const child = spawn(TURNSERVER_PATH, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    await stopChild(child, exited);
    rmSync(workDir, { recursive: true, force: true });
  };

  try {
    await waitUntilListening(port, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `turn:${COTURN_HOST}:${port}`, port, secret, realm: COTURN_REALM, log: () => output, stop };
}

async function waitUntilListening(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`turnserver exited with ${child.exitCode}:\n${log()}`);
    // TCP and UDP listeners open together; the TCP one can be probed without speaking STUN.
    if (await canConnect(port)) return;
    await delay(READY_POLL_MS);
  }
  throw new Error(`turnserver did not listen on ${COTURN_HOST}:${port} within ${READY_TIMEOUT_MS} ms:\n${log()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: COTURN_HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), delay(STOP_TIMEOUT_MS).then(() => false)]);
  if (!stopped) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** A port free for both TCP and UDP on loopback: the OS picks a TCP one, UDP is then checked. */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < RELAY_RANGE_ATTEMPTS; attempt++) {
    const port = await new Promise<number>((done, fail) => {
      const server = createServer();
      server.once('error', fail);
      server.listen(0, COTURN_HOST, () => {
        const address = server.address();
        server.close(() => done(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (port > 0 && (await udpPortFree(port))) return port;
  }
  throw new Error('no free loopback port for coturn');
}

/** A block of consecutive UDP ports, each checked free, for coturn's relayed addresses. */
async function freeUdpRange(count: number): Promise<[number, number]> {
  for (let attempt = 0; attempt < RELAY_RANGE_ATTEMPTS; attempt++) {
    const start = randomInt(RELAY_RANGE_LOW, RELAY_RANGE_HIGH - count);
    const checks = await Promise.all(Array.from({ length: count }, (_, i) => udpPortFree(start + i)));
    if (checks.every(Boolean)) return [start, start + count - 1];
  }
  throw new Error(`no free block of ${count} UDP ports between ${RELAY_RANGE_LOW} and ${RELAY_RANGE_HIGH}`);
}

function udpPortFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      done(false);
    });
    socket.bind(port, COTURN_HOST, () => socket.close(() => done(true)));
  });
}
