import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { normalizeEnrolmentCode } from '../../protocol/index.js';
import type { SecureStorage } from './secure-storage.js';

/** In Electron's userData folder: only ciphertext from safeStorage, readable by the kiosk's OS user only. */
export const DEVICE_SECRET_FILE = 'device-secret.bin';
const OWNER_ONLY = 0o600;

/**
 * What is encrypted: the secret, and the hash of the code it was enrolled with, so a new code put in
 * kiosk.json later is recognised as a request to enrol again (the old secret is then replaced).
 */
const StoredSecret = z.strictObject({
  deviceSecret: z.string().min(32).max(256),
  codeSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type StoredSecret = z.infer<typeof StoredSecret>;

export type ReadSecret = { kind: 'absent' } | { kind: 'ok'; stored: StoredSecret } | { kind: 'unreadable'; message: string };

export interface SecretFileSystem {
  readFile(path: string): Buffer;
  writeFile(path: string, data: Buffer, mode: number): void;
  rename(from: string, to: string): void;
}

const nodeFileSystem: SecretFileSystem = {
  readFile: (path) => readFileSync(path),
  writeFile: (path, data, mode) => writeFileSync(path, data, { mode, flag: 'w' }),
  rename: (from, to) => renameSync(from, to),
};

export function deviceSecretPath(userDataDir: string): string {
  return join(userDataDir, DEVICE_SECRET_FILE);
}

/** The code as the server sees it, hashed: the stored record says which code it came from without keeping it. */
export function enrolmentCodeSha256(code: string): string {
  return createHash('sha256').update(normalizeEnrolmentCode(code), 'utf8').digest('hex');
}

/** Encrypts and writes atomically (temporary file, then rename), mode 0600. */
export function writeDeviceSecret(path: string, stored: StoredSecret, storage: SecureStorage, fs: SecretFileSystem = nodeFileSystem): void {
  const encrypted = storage.encryptString(JSON.stringify(stored));
  const temporary = `${path}.tmp`;
  fs.writeFile(temporary, encrypted, OWNER_ONLY);
  fs.rename(temporary, path);
}

/** Never throws; an unreadable file (another user's keyring, a damaged file) is reported, not fatal here. */
export function readDeviceSecret(path: string, storage: SecureStorage, fs: SecretFileSystem = nodeFileSystem): ReadSecret {
  let encrypted: Buffer;
  try {
    encrypted = fs.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'unreadable', message: `${path}: cannot read (${code ?? 'unknown error'})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(storage.decryptString(encrypted));
  } catch {
    return { kind: 'unreadable', message: `${path}: cannot decrypt (was it written under another OS user or keyring?)` };
  }
  const parsed = StoredSecret.safeParse(data);
  return parsed.success ? { kind: 'ok', stored: parsed.data } : { kind: 'unreadable', message: `${path}: not a device secret record` };
}
