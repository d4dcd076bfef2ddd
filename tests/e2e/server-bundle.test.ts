import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../protocol/index.js';
import { BUILT_SERVER_ARGV, DEFAULT_SERVER_OUT_FILE } from '../../scripts/build-server.js';
import { hashKioskToken } from '../../signaling-server/src/auth/kioskTokens.js';
import { CLOSE_CODES } from '../../signaling-server/src/closeCodes.js';
import { SHIPPED_ALLOCATOR_ENV } from '../../signaling-server/src/memory/allocatorSettings.js';
import { TestClient } from '../../signaling-server/src/testing/testClient.js';
import { readUntil, withTimeout } from '../harness/processes.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BANNER_TIMEOUT_MS = 20_000;
const WAIT_MS = 5_000;
const KIOSK = { id: 'kiosk-1', token: 'kiosk-1-token-0123456789' };

function configWith(kiosk: { revoked?: boolean }): string {
  return JSON.stringify({
    sites: [{ id: 'site-1', name: 'Bundle test site' }],
    kiosks: [{ id: KIOSK.id, siteId: 'site-1', tokenSha256: hashKioskToken(KIOSK.token), ...kiosk }],
    agents: [],
  });
}

/**
 * The server as production runs it: `npm run build` writes dist/server/cli.mjs (npm test builds
 * before it tests), and plain Node starts it, as `npm run server` and a systemd unit do.
 */
describe('the bundled server (dist/server/cli.mjs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bundle-'));
  let child: ChildProcess | undefined;
  let kiosk: TestClient | undefined;

  afterAll(() => {
    kiosk?.socket.terminate();
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs as one process: serves a kiosk, names its pid, re-reads CONFIG on SIGHUP and exits 0 on SIGTERM', async () => {
    expect(existsSync(DEFAULT_SERVER_OUT_FILE), `${DEFAULT_SERVER_OUT_FILE} is missing: run npm run build`).toBe(true);
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, configWith({}));
    const server = spawn(process.execPath, BUILT_SERVER_ARGV, {
      cwd: ROOT,
      env: { ...process.env, ...SHIPPED_ALLOCATOR_ENV, PORT: '0', HOST: '127.0.0.1', CONFIG: configFile, DATA_DIR: join(dir, 'data'), STATIC_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = server;
    const banner = await readUntil(server, /kill -HUP (\d+)/, BANNER_TIMEOUT_MS);
    const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1];
    // No wrapper between the operator and the server: the pid it names is the one we started.
    expect(/kill -HUP (\d+)/.exec(banner)?.[1]).toBe(String(server.pid));
    expect(url).toBeDefined();

    // The bundle finds the project's package.json two levels up, as the sources do.
    const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string; version: string };
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(health).toMatchObject({ status: 'ok', version: pkg.version });

    kiosk = await TestClient.connect(`${url!.replace('http', 'ws')}/ws`);
    kiosk.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: KIOSK.id, token: KIOSK.token } });
    expect((await kiosk.next('welcome', WAIT_MS)).role).toBe('kiosk');

    writeFileSync(configFile, configWith({ revoked: true }));
    const reloaded = readUntil(server, /1 kiosk\(s\) newly revoked: kiosk-1/, WAIT_MS);
    server.kill('SIGHUP');
    await reloaded;
    expect((await withTimeout(kiosk.closed, WAIT_MS, 'the revoked kiosk stayed connected')).code).toBe(CLOSE_CODES.authFailed);
    expect(server.exitCode).toBeNull();

    const exited = new Promise<number | null>((done) => server.once('exit', (code) => done(code)));
    server.kill('SIGTERM');
    expect(await withTimeout(exited, WAIT_MS, 'the server did not exit after SIGTERM')).toBe(0);
  });
});
