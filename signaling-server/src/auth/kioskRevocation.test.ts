import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../protocol/index.js';
import { CLOSE_CODES } from '../closeCodes.js';
import { parseConfig, type ServerConfigInput } from '../config.js';
import { TestClient } from '../testing/testClient.js';
import { startTestServer, TEST_KIOSK_TOKENS, testConfigInput, type TestKioskId, type TestServer } from '../testing/testServer.js';
import { reloadKioskRevocations } from './configReload.js';
import { kiosksRevokedBy } from './kioskRevocation.js';

/** How long a spawned server may take to start (tsx compiles on the fly on a shared CPU). */
const CLI_START_TIMEOUT_MS = 20_000;
const CLOSE_WAIT_MS = 3_000;

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-revocation-'));
  dirs.push(dir);
  return dir;
};

function helloAs(client: TestClient, id: TestKioskId): void {
  client.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: id, token: TEST_KIOSK_TOKENS[id] } });
}

function withKiosk(input: ServerConfigInput, id: string, change: Record<string, unknown> | 'remove'): ServerConfigInput {
  const kiosks = input.kiosks.flatMap((k) => (k.id !== id ? [k] : change === 'remove' ? [] : [{ ...k, ...change }]));
  return { ...input, kiosks };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)),
  ]);
}

describe('which kiosks a reloaded config revokes', () => {
  const running = parseConfig(testConfigInput());

  it('revokes kiosks marked revoked and kiosks no longer listed, nothing else', () => {
    const next = parseConfig(withKiosk(withKiosk(testConfigInput(), 'kiosk-a', { revoked: true }), 'kiosk-c', 'remove'));
    expect(kiosksRevokedBy(next, running)).toEqual(['kiosk-a', 'kiosk-c']);
  });

  it('revokes nothing when the file is unchanged or a kiosk is explicitly not revoked', () => {
    expect(kiosksRevokedBy(running, running)).toEqual([]);
    expect(kiosksRevokedBy(parseConfig(withKiosk(testConfigInput(), 'kiosk-b', { revoked: false })), running)).toEqual([]);
  });

  it('refuses a revoked flag that is not a boolean', () => {
    expect(() => parseConfig(withKiosk(testConfigInput(), 'kiosk-a', { revoked: 'yes' }))).toThrow(/kiosks\.0\.revoked/);
  });
});

describe('kiosk revocation on a running server', () => {
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('refuses the hello of a kiosk marked revoked in the config (AUTH_FAILED, 4401), others are unaffected', async () => {
    t = await startTestServer({ config: { kiosks: withKiosk(testConfigInput(), 'kiosk-a', { revoked: true }).kiosks } });
    const revoked = await t.raw();
    helloAs(revoked, 'kiosk-a');
    expect(await revoked.next('error')).toMatchObject({ code: 'AUTH_FAILED', inReplyTo: 'hello' });
    expect((await revoked.closed).code).toBe(CLOSE_CODES.authFailed);
    const other = await t.kiosk('kiosk-b');
    other.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    expect((await other.next('queue.status')).position).toBe(1);
  });

  it('revokeKiosk closes the open connection at once and refuses every later hello, records nothing', async () => {
    t = await startTestServer();
    const stolen = await t.kiosk('kiosk-a');
    const honest = await t.kiosk('kiosk-b');
    const visitsBefore = t.store.listVisits();

    t.server.revokeKiosk('kiosk-a');
    expect(await withTimeout(stolen.closed, CLOSE_WAIT_MS, 'revoked kiosk closed')).toEqual({ code: CLOSE_CODES.authFailed, reason: 'kiosk revoked' });

    const retry = await t.raw();
    helloAs(retry, 'kiosk-a');
    expect(await retry.next('error')).toMatchObject({ code: 'AUTH_FAILED' });
    expect((await retry.closed).code).toBe(CLOSE_CODES.authFailed);

    honest.send({ type: 'help.request', step: 'triage' });
    expect(await honest.next('help.requested')).toMatchObject({ step: 'triage' });
    expect(t.store.listVisits()).toEqual(visitsBefore);
  });

  it('applies a re-read config file: newly revoked or removed kiosks are cut off, a bad file changes nothing', async () => {
    t = await startTestServer();
    const a = await t.kiosk('kiosk-a');
    const c = await t.kiosk('kiosk-c');
    const b = await t.kiosk('kiosk-b');
    const file = join(tempDir(), 'server.json');

    writeFileSync(file, '{ "sites": [');
    expect(reloadKioskRevocations(t.server, file)).toMatch(/config not reloaded, the running one stays: .*not valid JSON/);
    expect(reloadKioskRevocations(t.server, undefined)).toMatch(/no CONFIG file/);

    writeFileSync(file, JSON.stringify(withKiosk(withKiosk(testConfigInput(), 'kiosk-a', { revoked: true }), 'kiosk-c', 'remove')));
    expect(reloadKioskRevocations(t.server, file)).toBe('SIGHUP received: config re-read, 2 kiosk(s) newly revoked: kiosk-a, kiosk-c');
    expect((await withTimeout(a.closed, CLOSE_WAIT_MS, 'kiosk-a closed')).code).toBe(CLOSE_CODES.authFailed);
    expect((await withTimeout(c.closed, CLOSE_WAIT_MS, 'kiosk-c closed')).code).toBe(CLOSE_CODES.authFailed);
    // A second reload of the same file revokes nobody new; kiosk-b was never touched.
    expect(reloadKioskRevocations(t.server, file)).toMatch(/0 kiosk\(s\) newly revoked$/);
    b.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    expect((await b.next('queue.status')).position).toBe(1);
  });
});

describe('SIGHUP on the real command line server', () => {
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child?.once('exit', done));
      child.kill('SIGTERM');
      await withTimeout(exited, 10_000, 'cli exit');
    }
    child = undefined;
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('re-reads CONFIG and closes the newly revoked kiosk', async () => {
    const dir = tempDir();
    const configFile = join(dir, 'server.json');
    writeFileSync(configFile, JSON.stringify(testConfigInput()));
    const root = resolve(import.meta.dirname, '../../..');
    child = spawn(process.execPath, ['--import', 'tsx', join(root, 'signaling-server/cli.ts')], {
      cwd: root,
      env: { ...process.env, CONFIG: configFile, PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), STATIC_DIR: join(dir, 'none') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = readLines(child);
    const url = (await withTimeout(output.waitFor(/listening on (http:\/\/\S+)/), CLI_START_TIMEOUT_MS, 'cli start'))[1] as string;

    const kiosk = await TestClient.connect(`${url.replace('http', 'ws')}/ws`);
    helloAs(kiosk, 'kiosk-a');
    await kiosk.next('welcome');

    writeFileSync(configFile, JSON.stringify(withKiosk(testConfigInput(), 'kiosk-a', { revoked: true })));
    child.kill('SIGHUP');
    await withTimeout(output.waitFor(/1 kiosk\(s\) newly revoked: kiosk-a/), CLOSE_WAIT_MS, 'reload line');
    expect((await withTimeout(kiosk.closed, CLOSE_WAIT_MS, 'kiosk closed')).code).toBe(CLOSE_CODES.authFailed);
    expect(child.exitCode).toBeNull();
  }, 30_000);
});

/** Collects a child's stdout lines; waitFor resolves with the first line matching. */
function readLines(child: ChildProcess): { waitFor(pattern: RegExp): Promise<RegExpMatchArray> } {
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of [...waiters]) {
        const match = line.match(waiter.pattern);
        if (match) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(match);
        }
      }
    }
  });
  child.stderr?.resume();
  return {
    waitFor(pattern) {
      for (const line of lines) {
        const match = line.match(pattern);
        if (match) return Promise.resolve(match);
      }
      return new Promise((resolveMatch) => waiters.push({ pattern, resolve: resolveMatch }));
    },
  };
}
