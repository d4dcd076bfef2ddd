import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashKioskToken } from '../auth/kioskTokens.js';
import { FakeClock } from '../testing/fakeClock.js';
import { testConfigInput } from '../testing/testServer.js';
import { enrolKiosk, type EnrolmentDeps } from './enrolKiosk.js';
import {
  ENROLMENT_CODE_ALPHABET,
  ENROLMENT_CODE_LENGTH,
  formatEnrolmentCode,
  generateEnrolmentCode,
  hashEnrolmentCode,
  normalizeEnrolmentCode,
} from './enrolmentCodes.js';
import { createMemoryEnrolmentStore, type EnrolmentStore } from './enrolmentStore.js';
import { runKioskAdmin, runKioskAdminCommand } from './kioskAdmin.js';
import { loadEnrolmentKey } from './enrolmentKey.js';
import { openEnrolmentDatabase } from './sqliteEnrolmentStore.js';

const HOUR_MS = 3_600_000;
const KEY = Buffer.alloc(32, 7);
const KEY_BASE64 = KEY.toString('base64');
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-enrolment-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('enrolment codes', () => {
  it('are 10 symbols from an alphabet without look-alikes, printed in two groups', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = generateEnrolmentCode();
      expect(code).toHaveLength(ENROLMENT_CODE_LENGTH);
      for (const symbol of code) expect(ENROLMENT_CODE_ALPHABET).toContain(symbol);
    }
    expect(ENROLMENT_CODE_ALPHABET).not.toMatch(/[01ILOU]/);
    expect(formatEnrolmentCode('ABCDEFGHJK')).toBe('ABCDE-FGHJK');
  });

  it('match however they are typed (case, spaces, hyphens)', () => {
    expect(normalizeEnrolmentCode(' abcde - fghjk ')).toBe('ABCDEFGHJK');
    expect(hashEnrolmentCode('abcde fghjk', KEY)).toBe(hashEnrolmentCode('ABCDE-FGHJK', KEY));
    expect(hashEnrolmentCode('ABCDE-FGHJK', KEY)).toMatch(/^[0-9a-f]{64}$/);
  });
});

const stores: [string, () => EnrolmentStore][] = [
  ['memory', createMemoryEnrolmentStore],
  ['sqlite', () => openEnrolmentDatabase(tempDir()).store],
];

describe.each(stores)('%s enrolment store and enrolKiosk', (_name, makeStore) => {
  const CODE = 'ABCDE-FGHJK';
  function setUp(mayEnrol: (id: string) => boolean = () => true) {
    const clock = new FakeClock();
    const store = makeStore();
    store.issueCode({ kioskId: 'kiosk-a', codeSha256: hashEnrolmentCode(CODE, KEY), issuedAt: clock.now(), expiresAt: clock.now() + 24 * HOUR_MS });
    let n = 0;
    const deps: EnrolmentDeps = { store, clock, codeKey: KEY, kioskMayEnrol: mayEnrol, generateSecret: () => `device-secret-${(n += 1)}-0123456789abcdef0123456789` };
    return { clock, store, deps };
  }

  it('exchanges a good code once for a secret, storing only its hash', () => {
    const { store, deps } = setUp();
    const result = enrolKiosk(deps, { kioskId: 'kiosk-a', code: 'abcde fghjk' });
    expect(result).toEqual({ ok: true, deviceSecret: 'device-secret-1-0123456789abcdef0123456789' });
    expect(store.deviceSecretSha256('kiosk-a')).toBe(hashKioskToken('device-secret-1-0123456789abcdef0123456789'));
    expect(enrolKiosk(deps, { kioskId: 'kiosk-a', code: CODE })).toEqual({ ok: false, code: 'CODE_USED' });
    // The refused second attempt did not replace the secret.
    expect(store.deviceSecretSha256('kiosk-a')).toBe(hashKioskToken('device-secret-1-0123456789abcdef0123456789'));
  });

  it('refuses an expired code, a wrong kiosk id, an unknown code and a kiosk that may not enrol', () => {
    const expired = setUp();
    expired.clock.advance(24 * HOUR_MS);
    expect(enrolKiosk(expired.deps, { kioskId: 'kiosk-a', code: CODE })).toEqual({ ok: false, code: 'CODE_EXPIRED' });
    const { deps, store } = setUp();
    expect(enrolKiosk(deps, { kioskId: 'kiosk-b', code: CODE })).toEqual({ ok: false, code: 'CODE_INVALID' });
    expect(enrolKiosk(deps, { kioskId: 'kiosk-a', code: 'ZZZZZ-ZZZZZ' })).toEqual({ ok: false, code: 'CODE_INVALID' });
    const revoked = setUp((id) => id !== 'kiosk-a');
    expect(enrolKiosk(revoked.deps, { kioskId: 'kiosk-a', code: CODE })).toEqual({ ok: false, code: 'CODE_INVALID' });
    expect(store.deviceSecretSha256('kiosk-a')).toBeUndefined();
    // None of those used the code up.
    expect(enrolKiosk(deps, { kioskId: 'kiosk-a', code: CODE }).ok).toBe(true);
  });

  it('keeps one live code per kiosk, and a re-enrolment replaces the old secret', () => {
    const { clock, store, deps } = setUp();
    store.issueCode({ kioskId: 'kiosk-a', codeSha256: hashEnrolmentCode('NEWER-CODE2', KEY), issuedAt: clock.now(), expiresAt: clock.now() + HOUR_MS });
    expect(enrolKiosk(deps, { kioskId: 'kiosk-a', code: CODE })).toEqual({ ok: false, code: 'CODE_INVALID' });
    expect(enrolKiosk(deps, { kioskId: 'kiosk-a', code: 'NEWER-CODE2' }).ok).toBe(true);
    const first = store.deviceSecretSha256('kiosk-a');
    store.issueCode({ kioskId: 'kiosk-a', codeSha256: hashEnrolmentCode('THIRD-CODE3', KEY), issuedAt: clock.now(), expiresAt: clock.now() + HOUR_MS });
    expect(enrolKiosk(deps, { kioskId: 'kiosk-a', code: 'THIRD-CODE3' }).ok).toBe(true);
    expect(store.deviceSecretSha256('kiosk-a')).not.toBe(first);
    expect(store.forgetDeviceSecret('kiosk-a')).toBe(true);
    expect(store.deviceSecretSha256('kiosk-a')).toBeUndefined();
  });

  it('keeps an administrator\'s revocation until reinstated, forgetting the device secret with it', () => {
    const { store, deps } = setUp();
    expect(enrolKiosk(deps, { kioskId: 'kiosk-a', code: CODE }).ok).toBe(true);
    expect(store.isKioskRevoked('kiosk-a')).toBe(false);
    store.revokeKiosk('kiosk-a', 1_000);
    store.revokeKiosk('kiosk-a', 2_000);
    expect(store.isKioskRevoked('kiosk-a')).toBe(true);
    expect(store.isKioskRevoked('kiosk-b')).toBe(false);
    expect(store.deviceSecretSha256('kiosk-a')).toBeUndefined();
    expect(store.reinstateKiosk('kiosk-a')).toBe(true);
    expect(store.reinstateKiosk('kiosk-a')).toBe(false);
    expect(store.isKioskRevoked('kiosk-a')).toBe(false);
  });
});

describe('keyed enrolment code hashes', () => {
  it('depend on the key: a database without the key cannot be used to test guesses', () => {
    const other = Buffer.alloc(32, 8);
    expect(hashEnrolmentCode('ABCDE-FGHJK', KEY)).not.toBe(hashEnrolmentCode('ABCDE-FGHJK', other));
    // Not the plain sha256 the codes were stored as before.
    expect(hashEnrolmentCode('ABCDE-FGHJK', KEY)).not.toBe(createHash('sha256').update('ABCDEFGHJK').digest('hex'));
  });

  it('read the key from the environment, else the key file, else the inline key', () => {
    const other = Buffer.alloc(32, 9).toString('base64');
    const files = { '/k': `${other}\n` };
    const read = (path: string) => {
      const text = files[path as keyof typeof files];
      if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return text;
    };
    expect(loadEnrolmentKey({ KIOSK_ENROLMENT_KEY: KEY_BASE64 }, { keyFile: '/k', key: other }, read)).toMatchObject({ ok: true, source: 'env', key: KEY });
    expect(loadEnrolmentKey({}, { keyFile: '/k', key: KEY_BASE64 }, read)).toMatchObject({ ok: true, source: 'keyFile' });
    expect(loadEnrolmentKey({}, { key: KEY_BASE64 }, read)).toMatchObject({ ok: true, source: 'inline', key: KEY });
    expect(loadEnrolmentKey({}, {}, read)).toMatchObject({ ok: false, reason: expect.stringContaining('KIOSK_ENROLMENT_KEY') });
    expect(loadEnrolmentKey({}, { keyFile: '/nope' }, read)).toMatchObject({ ok: false, reason: expect.stringContaining('ENOENT') });
    expect(loadEnrolmentKey({ KIOSK_ENROLMENT_KEY: 'c2hvcnQ=' }, {}, read)).toMatchObject({ ok: false, reason: expect.stringContaining('32 bytes') });
  });
});

describe('kiosk-admin', () => {
  it('issues a code a separate connection can redeem, valid for the configured time', () => {
    const dataDir = tempDir();
    const configPath = join(dataDir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ ...testConfigInput(), agents: [], enrolment: { codeTtlMinutes: 60 } }));
    const clock = new FakeClock();
    const lines = runKioskAdmin(['issue-code', 'kiosk-a'], { env: { DATA_DIR: dataDir, CONFIG: configPath, KIOSK_ENROLMENT_KEY: KEY_BASE64 }, clock, generateCode: () => 'ABCDEFGHJK' });
    expect(lines[0]).toBe('Enrolment code for kiosk "kiosk-a": ABCDE-FGHJK');
    expect(lines[1]).toContain(new Date(clock.now() + 60 * 60_000).toISOString());
    const { store, close } = openEnrolmentDatabase(dataDir);
    const deps: EnrolmentDeps = { store, clock, codeKey: KEY, kioskMayEnrol: () => true };
    clock.advance(60 * 60_000);
    expect(enrolKiosk(deps, { kioskId: 'kiosk-a', code: 'ABCDE-FGHJK' })).toEqual({ ok: false, code: 'CODE_EXPIRED' });
    close();
  });

  it('refuses a kiosk the config does not list, a bad id and a bad command', () => {
    const dataDir = tempDir();
    const configPath = join(dataDir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ ...testConfigInput(), agents: [] }));
    expect(() => runKioskAdmin(['issue-code', 'kiosk-z'], { env: { DATA_DIR: dataDir, CONFIG: configPath } })).toThrow(/not listed/);
    expect(() => runKioskAdmin(['issue-code', 'has spaces'], { env: { DATA_DIR: dataDir } })).toThrow(/not a kiosk id/);
    expect(() => runKioskAdmin(['mint', 'kiosk-a'], { env: { DATA_DIR: dataDir } })).toThrow(/Usage/);
  });

  it('refuses to issue a code without the server\'s key, and reads it from the config too', () => {
    const dataDir = tempDir();
    const configPath = join(dataDir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ ...testConfigInput(), agents: [], enrolment: undefined }));
    expect(() => runKioskAdmin(['issue-code', 'kiosk-a'], { env: { DATA_DIR: dataDir, CONFIG: configPath } })).toThrow(/KIOSK_ENROLMENT_KEY/);
    writeFileSync(configPath, JSON.stringify({ ...testConfigInput(), agents: [], enrolment: { key: KEY_BASE64 } }));
    const lines = runKioskAdmin(['issue-code', 'kiosk-a'], { env: { DATA_DIR: dataDir, CONFIG: configPath }, generateCode: () => 'ABCDEFGHJK' });
    expect(lines[0]).toContain('ABCDE-FGHJK');
    const { store, close } = openEnrolmentDatabase(dataDir);
    expect(enrolKiosk({ store, clock: new FakeClock(), codeKey: KEY, kioskMayEnrol: () => true }, { kioskId: 'kiosk-a', code: 'ABCDE-FGHJK' }).ok).toBe(true);
    close();
  });

  it('sends revoke and reinstate only to a running server, never to the file alone', async () => {
    const env = { DATA_DIR: tempDir() };
    await expect(runKioskAdminCommand(['revoke', 'kiosk-a'], { env })).rejects.toThrow(/needs --server/);
    await expect(runKioskAdminCommand(['reinstate', 'kiosk-a'], { env })).rejects.toThrow(/needs --server/);
    await expect(runKioskAdminCommand(['revoke', 'kiosk-a', '--server', 'http://127.0.0.1:1'], { env })).rejects.toThrow(/KIOSK_ADMIN_USERNAME/);
    await expect(runKioskAdminCommand(['forget-secret', 'kiosk-a', '--server', 'http://127.0.0.1:1'], { env })).rejects.toThrow(/Usage/);
  });
});
