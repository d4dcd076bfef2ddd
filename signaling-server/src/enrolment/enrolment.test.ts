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
import { runKioskAdmin } from './kioskAdmin.js';
import { openEnrolmentDatabase } from './sqliteEnrolmentStore.js';

const HOUR_MS = 3_600_000;
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
    expect(hashEnrolmentCode('abcde fghjk')).toBe(hashEnrolmentCode('ABCDE-FGHJK'));
    expect(hashEnrolmentCode('ABCDE-FGHJK')).toMatch(/^[0-9a-f]{64}$/);
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
    store.issueCode({ kioskId: 'kiosk-a', codeSha256: hashEnrolmentCode(CODE), issuedAt: clock.now(), expiresAt: clock.now() + 24 * HOUR_MS });
    let n = 0;
    const deps: EnrolmentDeps = { store, clock, kioskMayEnrol: mayEnrol, generateSecret: () => `device-secret-${(n += 1)}-0123456789abcdef0123456789` };
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
    store.issueCode({ kioskId: 'kiosk-a', codeSha256: hashEnrolmentCode('NEWER-CODE2'), issuedAt: clock.now(), expiresAt: clock.now() + HOUR_MS });
    expect(enrolKiosk(deps, { kioskId: 'kiosk-a', code: CODE })).toEqual({ ok: false, code: 'CODE_INVALID' });
    expect(enrolKiosk(deps, { kioskId: 'kiosk-a', code: 'NEWER-CODE2' }).ok).toBe(true);
    const first = store.deviceSecretSha256('kiosk-a');
    store.issueCode({ kioskId: 'kiosk-a', codeSha256: hashEnrolmentCode('THIRD-CODE3'), issuedAt: clock.now(), expiresAt: clock.now() + HOUR_MS });
    expect(enrolKiosk(deps, { kioskId: 'kiosk-a', code: 'THIRD-CODE3' }).ok).toBe(true);
    expect(store.deviceSecretSha256('kiosk-a')).not.toBe(first);
    expect(store.forgetDeviceSecret('kiosk-a')).toBe(true);
    expect(store.deviceSecretSha256('kiosk-a')).toBeUndefined();
  });
});

describe('kiosk-admin', () => {
  it('issues a code a separate connection can redeem, valid for the configured time', () => {
    const dataDir = tempDir();
    const configPath = join(dataDir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ ...testConfigInput(), agents: [], enrolment: { codeTtlMinutes: 60 } }));
    const clock = new FakeClock();
    const lines = runKioskAdmin(['issue-code', 'kiosk-a'], { env: { DATA_DIR: dataDir, CONFIG: configPath }, clock, generateCode: () => 'ABCDEFGHJK' });
    expect(lines[0]).toBe('Enrolment code for kiosk "kiosk-a": ABCDE-FGHJK');
    expect(lines[1]).toContain(new Date(clock.now() + 60 * 60_000).toISOString());
    const { store, close } = openEnrolmentDatabase(dataDir);
    const deps: EnrolmentDeps = { store, clock, kioskMayEnrol: () => true };
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
});
