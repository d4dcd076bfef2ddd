// The kiosk's enrolment client (no Electron) against the real signaling server on 127.0.0.1: the
// administrator's `kiosk-admin issue-code` writes the code into the running server's SQLite file, the
// kiosk exchanges it, keeps the secret encrypted, and says hello with it.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../protocol/index.js';
import { createLogger } from '../log/logger.js';
import { createFakeElectron } from '../platform/testing/fake-electron.js';
import { REPO_ROOT, startServerProcess, type ServerProcess } from '../testing/server-process.js';
import { DEVICE_SECRET_FILE } from './device-secret-file.js';
import type { FetchLike } from './enrolment-client.js';
import { resolveKioskToken } from './kiosk-token.js';
import type { SecureStorage } from './secure-storage.js';

const HELLO_TIMEOUT_MS = 5_000;
const KIOSK_ID = 'snb-fredericton-01';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-enrolment-it-'));
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function helloWith(wsUrl: string, token: string): Promise<string> {
  return new Promise((resolveType, reject) => {
    const socket = new WebSocket(wsUrl);
    const timer = setTimeout(() => reject(new Error('no answer to hello')), HELLO_TIMEOUT_MS);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: KIOSK_ID, token } })));
    socket.on('message', (data) => {
      clearTimeout(timer);
      socket.close();
      resolveType(String((JSON.parse(String(data)) as { type: unknown; code?: unknown }).type));
    });
    socket.on('error', reject);
  });
}

const fake = createFakeElectron();
const storage = (): SecureStorage => ({
  isEncryptionAvailable: () => fake.safeStorage.isEncryptionAvailable(),
  encryptString: (text) => fake.safeStorage.encryptString(text),
  decryptString: (data) => fake.safeStorage.decryptString(data),
  linuxBackend: () => fake.safeStorage.getSelectedStorageBackend(),
});
const log = createLogger('test', () => undefined);

describe('kiosk enrolment against the real server', () => {
  it('issue-code → enrol → hello with the device secret; the code works once', async () => {
    const configFile = join(dir, 'server.json');
    // The kiosk is listed with a config token nobody holds: it gets in only by enrolling.
    const unusedTokenHash = createHash('sha256').update(randomBytes(32)).digest('hex');
    writeFileSync(configFile, JSON.stringify({ sites: [{ id: 'snb', name: 'SNB' }], kiosks: [{ id: KIOSK_ID, siteId: 'snb', tokenSha256: unusedTokenHash }], agents: [] }));
    // The server and kiosk-admin share the key enrolment codes are hashed with (KIOSK_ENROLMENT_KEY).
    const env = { CONFIG: configFile, DATA_DIR: join(dir, 'data'), PORT: '0', HOST: '127.0.0.1', STATIC_DIR: join(dir, 'none'), KIOSK_ENROLMENT_KEY: randomBytes(32).toString('base64') };
    server = await startServerProcess(env);
    const { url } = server;

    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts/kiosk-admin.ts'), 'issue-code', KIOSK_ID], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
    });
    const code = stdout.match(/: ([2-9A-Z]{5}-[2-9A-Z]{5})$/m)?.[1];
    expect(code).toBeDefined();

    const serverUrl = `${url.replace('http', 'ws')}/ws`;
    const config = { serverUrl, kioskId: KIOSK_ID, enrolmentCode: code ?? '' };
    const userData = mkdtempSync(join(dir, 'kiosk-'));
    const enrolled = await resolveKioskToken({ config, userDataDir: userData, storage, fetch: fetch as FetchLike, log });
    expect(enrolled).toMatchObject({ ok: true, source: 'enrolled' });
    const token = enrolled.ok ? enrolled.token : '';
    expect(readFileSync(join(userData, DEVICE_SECRET_FILE)).includes(Buffer.from(token))).toBe(false);
    expect(await helloWith(serverUrl, token)).toBe('welcome');
    expect(await helloWith(serverUrl, `${token.slice(0, -1)}x`)).toBe('error');

    // Same kiosk restarting: the stored secret, no new request. Another device with the same code: refused.
    expect(await resolveKioskToken({ config, userDataDir: userData, storage, fetch: fetch as FetchLike, log })).toEqual({ ok: true, token, source: 'stored' });
    const thief = await resolveKioskToken({ config, userDataDir: mkdtempSync(join(dir, 'other-')), storage, fetch: fetch as FetchLike, log });
    expect(thief).toMatchObject({ ok: false, notice: 'enrolment-refused', message: expect.stringContaining('CODE_USED') });
  }, 60_000);
});
