import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskConfig } from '../config/kiosk-config.js';
import { createLogger } from '../log/logger.js';
import { createFakeElectron } from '../platform/testing/fake-electron.js';
import { DEVICE_SECRET_FILE, enrolmentCodeSha256, readDeviceSecret } from './device-secret-file.js';
import { enrolmentUrlFor, requestDeviceSecret, type FetchLike } from './enrolment-client.js';
import { resolveKioskToken } from './kiosk-token.js';
import { secureStorageProblem, type SecureStorage } from './secure-storage.js';

const SECRET = 'dEvIcE-sEcReT-0123456789abcdefghijklmnopqrstu';
const CODE = 'ABCDE-FGHJK';
const config: KioskConfig = { serverUrl: 'wss://signaling.example.ca/ws', kioskId: 'snb-01', enrolmentCode: CODE };

const dirs: string[] = [];
const userData = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-enrolment-main-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const lines: string[] = [];
const log = createLogger('test', (line) => lines.push(line));
let fake = createFakeElectron();
/** The fake electron's safeStorage, as the platform layer hands it over on Linux. */
const storage = (): SecureStorage => ({
  isEncryptionAvailable: () => fake.safeStorage.isEncryptionAvailable(),
  encryptString: (text) => fake.safeStorage.encryptString(text),
  decryptString: (data) => fake.safeStorage.decryptString(data),
  linuxBackend: () => fake.safeStorage.getSelectedStorageBackend(),
});

function answering(status: number, body: unknown) {
  return vi.fn<FetchLike>(async () => ({ status, json: async () => body }));
}

beforeEach(() => {
  fake = createFakeElectron();
  lines.length = 0;
});

describe('enrolment URL', () => {
  it('is https on the signaling host (http only for a loopback ws://), at /api/enrol', () => {
    expect(enrolmentUrlFor('wss://signaling.example.ca/ws')).toBe('https://signaling.example.ca/api/enrol');
    expect(enrolmentUrlFor('wss://signaling.example.ca:8443/kiosk/ws')).toBe('https://signaling.example.ca:8443/api/enrol');
    expect(enrolmentUrlFor('ws://127.0.0.1:8080/ws')).toBe('http://127.0.0.1:8080/api/enrol');
  });
});

describe('requestDeviceSecret', () => {
  it('posts the kiosk id and code as JSON and returns the secret', async () => {
    const fetch = answering(200, { deviceSecret: SECRET });
    expect(await requestDeviceSecret({ serverUrl: config.serverUrl, kioskId: 'snb-01', code: CODE }, fetch)).toEqual({ ok: true, deviceSecret: SECRET });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('https://signaling.example.ca/api/enrol');
    expect(init).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(init?.body ?? '')).toEqual({ kioskId: 'snb-01', code: CODE });
  });

  it('tells a refusal (coded) from a server it cannot reach or understand', async () => {
    const refused = await requestDeviceSecret({ serverUrl: config.serverUrl, kioskId: 'snb-01', code: CODE }, answering(401, { error: { code: 'CODE_USED', message: 'used' } }));
    expect(refused).toMatchObject({ ok: false, kind: 'refused', code: 'CODE_USED' });
    const down = vi.fn<FetchLike>(async () => {
      throw new TypeError('fetch failed');
    });
    expect(await requestDeviceSecret({ serverUrl: config.serverUrl, kioskId: 'snb-01', code: CODE }, down)).toMatchObject({ ok: false, kind: 'unreachable' });
    const proxyPage = await requestDeviceSecret({ serverUrl: config.serverUrl, kioskId: 'snb-01', code: CODE }, answering(502, { html: true }));
    expect(proxyPage).toMatchObject({ ok: false, kind: 'unreachable' });
    const weird = await requestDeviceSecret({ serverUrl: config.serverUrl, kioskId: 'snb-01', code: CODE }, answering(200, { deviceSecret: 'short' }));
    expect(weird).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(JSON.stringify([refused, proxyPage, weird])).not.toContain(CODE);
  });
});

describe('secure storage check', () => {
  it('refuses when encryption is unavailable, and the basic_text or unknown Linux backends', () => {
    expect(secureStorageProblem(storage())).toBeUndefined();
    fake.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    expect(secureStorageProblem(storage())).toMatch(/basic_text/);
    fake.safeStorage.getSelectedStorageBackend.mockReturnValue('unknown');
    expect(secureStorageProblem(storage())).toMatch(/unknown/);
    fake.safeStorage.isEncryptionAvailable.mockReturnValue(false);
    expect(secureStorageProblem(storage())).toMatch(/not available/);
    // Windows and macOS have no backend to ask.
    expect(secureStorageProblem({ ...storage(), isEncryptionAvailable: () => true, linuxBackend: undefined } as SecureStorage)).toBeUndefined();
  });
});

describe('resolveKioskToken', () => {
  it('first start: enrols, writes only ciphertext (mode 0600); second start decrypts without the network', async () => {
    const dir = userData();
    const fetch = answering(200, { deviceSecret: SECRET });
    expect(await resolveKioskToken({ config, userDataDir: dir, storage, fetch, log })).toEqual({ ok: true, token: SECRET, source: 'enrolled' });
    const path = join(dir, DEVICE_SECRET_FILE);
    const bytes = readFileSync(path);
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    expect(fake.safeStorage.encryptString).toHaveBeenCalledTimes(1);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(existsSync(`${path}.tmp`)).toBe(false);

    const offline = vi.fn<FetchLike>(async () => {
      throw new Error('no network on the second start');
    });
    expect(await resolveKioskToken({ config, userDataDir: dir, storage, fetch: offline, log })).toEqual({ ok: true, token: SECRET, source: 'stored' });
    expect(fake.safeStorage.decryptString).toHaveBeenCalled();
    expect(offline).not.toHaveBeenCalled();
    // Neither the secret nor the code reaches the log.
    expect(lines.join('\n')).not.toContain(SECRET);
    expect(lines.join('\n')).not.toContain(CODE);
  });

  it('enrols again when kiosk.json carries a new code, and keeps the stored secret when the code is removed', async () => {
    const dir = userData();
    await resolveKioskToken({ config, userDataDir: dir, storage, fetch: answering(200, { deviceSecret: SECRET }), log });
    const { enrolmentCode: _code, ...enrolled } = config;
    expect(await resolveKioskToken({ config: enrolled, userDataDir: dir, storage, fetch: answering(500, {}), log })).toMatchObject({ ok: true, source: 'stored' });
    const renewed = `${SECRET}-renewed`;
    const result = await resolveKioskToken({ config: { ...config, enrolmentCode: 'NEWER-CODE2' }, userDataDir: dir, storage, fetch: answering(200, { deviceSecret: renewed }), log });
    expect(result).toEqual({ ok: true, token: renewed, source: 'enrolled' });
    const stored = readDeviceSecret(join(dir, DEVICE_SECRET_FILE), storage());
    expect(stored).toEqual({ kind: 'ok', stored: { deviceSecret: renewed, codeSha256: enrolmentCodeSha256('newer code2') } });
  });

  it('refuses to enrol when encryption is unavailable: nothing asked of the server, nothing written', async () => {
    const dir = userData();
    fake.safeStorage.isEncryptionAvailable.mockReturnValue(false);
    const fetch = answering(200, { deviceSecret: SECRET });
    expect(await resolveKioskToken({ config, userDataDir: dir, storage, fetch, log })).toMatchObject({ ok: false, notice: 'secure-storage-unavailable' });
    fake.safeStorage.isEncryptionAvailable.mockReturnValue(true);
    fake.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    expect(await resolveKioskToken({ config, userDataDir: dir, storage, fetch, log })).toMatchObject({ ok: false, notice: 'secure-storage-unavailable' });
    expect(fetch).not.toHaveBeenCalled();
    expect(existsSync(join(dir, DEVICE_SECRET_FILE))).toBe(false);
  });

  it('a refused code asks for a new one; an unreachable server says so; neither writes a file', async () => {
    const dir = userData();
    const refused = await resolveKioskToken({ config, userDataDir: dir, storage, fetch: answering(401, { error: { code: 'CODE_EXPIRED', message: 'expired' } }), log });
    expect(refused).toMatchObject({ ok: false, notice: 'enrolment-refused', message: expect.stringContaining('CODE_EXPIRED') });
    const down = vi.fn<FetchLike>(async () => {
      throw new TypeError('fetch failed');
    });
    expect(await resolveKioskToken({ config, userDataDir: dir, storage, fetch: down, log })).toMatchObject({ ok: false, notice: 'server-unreachable' });
    expect(existsSync(join(dir, DEVICE_SECRET_FILE))).toBe(false);
  });

  it('a secret that cannot be decrypted is not used; without a code that means a new code is needed', async () => {
    const dir = userData();
    writeFileSync(join(dir, DEVICE_SECRET_FILE), 'written under another keyring');
    const { enrolmentCode: _code, ...enrolled } = config;
    const result = await resolveKioskToken({ config: enrolled, userDataDir: dir, storage, fetch: answering(500, {}), log });
    expect(result).toMatchObject({ ok: false, notice: 'enrolment-refused', message: expect.stringContaining('cannot decrypt') });
    // With a code, it enrols again and replaces the file.
    expect(await resolveKioskToken({ config, userDataDir: dir, storage, fetch: answering(200, { deviceSecret: SECRET }), log })).toMatchObject({ ok: true, source: 'enrolled' });
  });

  it('uses the config token as is and never touches safeStorage or the network', async () => {
    const touch = vi.fn((): SecureStorage => {
      throw new Error('touched');
    });
    const fetch = answering(200, {});
    const result = await resolveKioskToken({ config: { serverUrl: config.serverUrl, kioskId: 'snb-01', token: 'k-0123456789abcdef' }, userDataDir: userData(), storage: touch, fetch, log });
    expect(result).toEqual({ ok: true, token: 'k-0123456789abcdef', source: 'config' });
    expect(touch).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });
});
