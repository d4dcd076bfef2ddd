import { readFileSync } from 'node:fs';
import type { EnrolmentConfig } from './enrolmentConfig.js';

/** The environment variable holding the enrolment code key (base64 of 32 random bytes). */
export const ENROLMENT_KEY_ENV = 'KIOSK_ENROLMENT_KEY';
export const ENROLMENT_KEY_BYTES = 32;

export type EnrolmentKeyResult = { ok: true; key: Buffer; source: 'env' | 'keyFile' | 'inline' } | { ok: false; reason: string };

/**
 * The key enrolment codes are hashed with (HMAC-SHA256). It lives outside the SQLite file, so a
 * copy of the database alone cannot be used to test guesses of a live code offline: 49 bits is
 * plenty against the server's attempt budget, not against a GPU. The server and `kiosk-admin`
 * read it the same way.
 */
export function loadEnrolmentKey(
  env: Readonly<Record<string, string | undefined>>,
  config: Pick<EnrolmentConfig, 'keyFile' | 'key'>,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): EnrolmentKeyResult {
  const decode = (text: string, source: 'env' | 'keyFile' | 'inline', label: string): EnrolmentKeyResult => {
    const trimmed = text.trim();
    const key = /^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
    if (key.length !== ENROLMENT_KEY_BYTES) return { ok: false, reason: `${label} is not base64 of ${ENROLMENT_KEY_BYTES} bytes` };
    return { ok: true, key, source };
  };
  const fromEnv = env[ENROLMENT_KEY_ENV];
  if (fromEnv) return decode(fromEnv, 'env', ENROLMENT_KEY_ENV);
  if (config.keyFile) {
    let text: string;
    try {
      text = readFile(config.keyFile);
    } catch (error) {
      return { ok: false, reason: `enrolment.keyFile cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    return decode(text, 'keyFile', 'enrolment.keyFile');
  }
  if (config.key) return decode(config.key, 'inline', 'enrolment.key');
  return { ok: false, reason: `no enrolment key configured (set ${ENROLMENT_KEY_ENV} or enrolment.keyFile)` };
}
