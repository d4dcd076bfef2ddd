import type { KioskConfig } from '../config/kiosk-config.js';
import type { Logger } from '../log/logger.js';
import type { KioskNotice } from '../notices/notice-pages.js';
import { deviceSecretPath, enrolmentCodeSha256, readDeviceSecret, writeDeviceSecret, type SecretFileSystem } from './device-secret-file.js';
import { requestDeviceSecret, type FetchLike } from './enrolment-client.js';
import { secureStorageProblem, type SecureStorage } from './secure-storage.js';

export type TokenResolution =
  | { ok: true; token: string; source: 'config' | 'stored' | 'enrolled' }
  /** `notice`: the bilingual page to show; `message`: the technical reason, for the log (no secret in it). */
  | { ok: false; notice: KioskNotice; message: string };

export interface TokenSources {
  config: KioskConfig;
  userDataDir: string;
  /** Asked for only when the config has no token: a kiosk installed by hand never touches the keyring. */
  storage: () => SecureStorage;
  fetch: FetchLike;
  log: Logger;
  fs?: SecretFileSystem;
}

/**
 * The token the kiosk says hello with: the config's `token` when there is one (legacy, demo); otherwise the
 * device secret kept with safeStorage, enrolling first with the config's `enrolmentCode` when there is no
 * secret yet or the code is new. Must run after Electron's `ready` (safeStorage needs it on Linux).
 */
export async function resolveKioskToken({ config, userDataDir, storage: getStorage, fetch, log, fs }: TokenSources): Promise<TokenResolution> {
  if (config.token !== undefined) return { ok: true, token: config.token, source: 'config' };
  const storage = getStorage();
  // Refuse before asking the server: a secret we cannot protect must not be handed out at all.
  const problem = secureStorageProblem(storage);
  if (problem !== undefined) return { ok: false, notice: 'secure-storage-unavailable', message: problem };

  const path = deviceSecretPath(userDataDir);
  const existing = readDeviceSecret(path, storage, fs);
  const code = config.enrolmentCode;
  if (existing.kind === 'ok' && (code === undefined || existing.stored.codeSha256 === enrolmentCodeSha256(code))) {
    return { ok: true, token: existing.stored.deviceSecret, source: 'stored' };
  }
  if (existing.kind === 'unreadable') log.warn('device secret unreadable', { detail: existing.message });
  if (code === undefined) {
    const why = existing.kind === 'unreadable' ? existing.message : `no token, no enrolmentCode and no ${path}`;
    return { ok: false, notice: 'enrolment-refused', message: `kiosk not enrolled: ${why}` };
  }

  const outcome = await requestDeviceSecret({ serverUrl: config.serverUrl, kioskId: config.kioskId, code }, fetch);
  if (!outcome.ok) {
    return { ok: false, notice: outcome.kind === 'refused' ? 'enrolment-refused' : 'server-unreachable', message: outcome.message };
  }
  try {
    writeDeviceSecret(path, { deviceSecret: outcome.deviceSecret, codeSha256: enrolmentCodeSha256(code) }, storage, fs);
  } catch (error) {
    // The code is spent: only a new one can enrol this kiosk now.
    return { ok: false, notice: 'enrolment-refused', message: `enrolled, but ${path} could not be written: ${(error as Error).message}` };
  }
  log.info('kiosk enrolled', { kioskId: config.kioskId });
  return { ok: true, token: outcome.deviceSecret, source: 'enrolled' };
}
