import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';
import { readUntil } from '../harness/processes.js';
import { afterAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, parseServerFrame } from '../../protocol/index.js';
import { testConfigInput } from '../../signaling-server/src/testing/testServer.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BANNER_TIMEOUT_MS = 30_000;

/** Runs the README's `npm start` as a newcomer would (minus Electron, which cannot be fetched here). */
describe('npm start (the README command)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-start-'));
  let child: ChildProcess | undefined;

  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves both consoles and a working demo kiosk identity, and stops cleanly', async () => {
    // The command behind `npm start`, run without npm in between so its exit code is observable.
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, KIOSK_NO_ELECTRON: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = await readUntil(child, /open the kiosk URL above in Chromium/, BANNER_TIMEOUT_MS);
    const kioskUrl = /Kiosk:\s+(http:\/\/localhost:\d+\/kiosk\/#kioskId=([^&\s]+)&token=(\S+))/.exec(output);
    const agentUrl = /Agent console: (http:\/\/localhost:\d+\/agent\/)/.exec(output);
    expect(kioskUrl, output).not.toBeNull();
    expect(agentUrl, output).not.toBeNull();

    const base = new URL(agentUrl![1]!.replace('localhost', '127.0.0.1'));
    const health = await fetch(new URL('/healthz', base));
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', protocol: PROTOCOL_VERSION });
    for (const page of ['/agent/', '/kiosk/']) {
      const response = await fetch(new URL(page, base));
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
    }

    // The printed demo kiosk credentials are accepted by the server.
    const welcome = await helloAsKiosk(new URL('/ws', base).href.replace('http', 'ws'), kioskUrl![2]!, decodeURIComponent(kioskUrl![3]!));
    expect(welcome).toMatchObject({ type: 'welcome', role: 'kiosk' });

    const exited = new Promise<number | null>((done) => child!.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(new URL('/healthz', base))).rejects.toThrow();
  });

  it('with a CONFIG file, names its pid and re-reads the file on SIGHUP instead of dying of it', async () => {
    const configFile = join(dataDir, 'server.json');
    writeFileSync(configFile, JSON.stringify(testConfigInput()));
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, CONFIG: configFile, KIOSK_NO_ELECTRON: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = await readUntil(child, /open the kiosk URL above in Chromium/, BANNER_TIMEOUT_MS);
    expect(/kill -HUP (\d+)/.exec(output)?.[1], output).toBe(String(child.pid));
    const reloaded = readUntil(child, /SIGHUP received: config re-read, 0 kiosk\(s\) newly revoked/, 5_000);
    child.kill('SIGHUP');
    await reloaded;
    expect(child.exitCode).toBeNull();
    const exited = new Promise<number | null>((done) => child!.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});


function helloAsKiosk(url: string, kioskId: string, token: string): Promise<unknown> {
  return new Promise((done, fail) => {
    const socket = new WebSocket(url);
    const timer = setTimeout(() => fail(new Error('no welcome')), 10_000);
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId, token } })),
    );
    socket.on('message', (data) => {
      const parsed = parseServerFrame(String(data));
      clearTimeout(timer);
      socket.close();
      done(parsed.ok ? parsed.value : parsed);
    });
    socket.on('error', fail);
  });
}
