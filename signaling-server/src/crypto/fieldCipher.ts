import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for single personal fields (a callback's phone number): AES-256-GCM with
 * a fresh random 96-bit nonce per value. The authentication tag is appended to the ciphertext,
 * and an optional context (the record's id) is bound as associated data, so a value copied to
 * another row, altered, or read with another key is refused rather than misread.
 */
export const FIELD_KEY_BYTES = 32;
export const FIELD_NONCE_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';

/** What is stored instead of the value: never the plain text. */
export interface SealedField {
  ciphertext: Buffer;
  nonce: Buffer;
  keyId: string;
}

export class FieldDecryptError extends Error {
  constructor(reason: string) {
    super(`The encrypted field cannot be read: ${reason}.`);
    this.name = 'FieldDecryptError';
  }
}

export interface FieldCipher {
  readonly keyId: string;
  seal(plain: string, context?: string): SealedField;
  /** Throws FieldDecryptError on another key, a changed byte or another context. */
  open(sealed: SealedField, context?: string): string;
}

/**
 * A short public name for a key: the first bytes of its sha256. It tells which key sealed a row
 * (after a rotation) and reveals nothing usable about a 256-bit random key.
 */
export function keyFingerprint(key: Buffer): string {
  return `k-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

export function createFieldCipher(key: Buffer, keyId = keyFingerprint(key)): FieldCipher {
  if (key.length !== FIELD_KEY_BYTES) throw new Error(`A field key must be ${FIELD_KEY_BYTES} bytes, got ${key.length}.`);
  const secret = Buffer.from(key);
  return {
    keyId,
    seal(plain, context = '') {
      const nonce = randomBytes(FIELD_NONCE_BYTES);
      const cipher = createCipheriv(ALGORITHM, secret, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return { ciphertext: Buffer.concat([body, cipher.getAuthTag()]), nonce, keyId };
    },
    open(sealed, context = '') {
      if (sealed.keyId !== keyId) throw new FieldDecryptError('it was sealed with another key');
      if (sealed.nonce.length !== FIELD_NONCE_BYTES || sealed.ciphertext.length < TAG_BYTES) {
        throw new FieldDecryptError('the stored value is malformed');
      }
      const body = sealed.ciphertext.subarray(0, sealed.ciphertext.length - TAG_BYTES);
      const tag = sealed.ciphertext.subarray(sealed.ciphertext.length - TAG_BYTES);
      try {
        const decipher = createDecipheriv(ALGORITHM, secret, sealed.nonce, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        throw new FieldDecryptError('it was altered, or sealed with another key or for another record');
      }
    },
  };
}

/** Where the key comes from: the env variable wins over the config's file, which wins over an inline key. */
export interface FieldKeySources {
  /** Base64 of 32 random bytes (KIOSK_FIELD_KEY). */
  envKey?: string | undefined;
  /** A file holding the base64 key (config `callbacks.keyFile`). */
  keyFile?: string | undefined;
  /** Inline base64 key: the generated demo config and tests only. */
  inlineKey?: string | undefined;
  readFile(path: string): string;
}

export type FieldKeyResult = { ok: true; key: Buffer; source: 'env' | 'keyFile' | 'inline' } | { ok: false; reason: string };

/** Reads and checks the key; never throws and never puts the key in a reason. */
export function loadFieldKey(sources: FieldKeySources): FieldKeyResult {
  const decode = (text: string, source: 'env' | 'keyFile' | 'inline', label: string): FieldKeyResult => {
    const trimmed = text.trim();
    const key = /^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
    if (key.length !== FIELD_KEY_BYTES) return { ok: false, reason: `${label} is not base64 of ${FIELD_KEY_BYTES} bytes` };
    return { ok: true, key, source };
  };
  if (sources.envKey) return decode(sources.envKey, 'env', 'KIOSK_FIELD_KEY');
  if (sources.keyFile) {
    let text: string;
    try {
      text = sources.readFile(sources.keyFile);
    } catch (error) {
      return { ok: false, reason: `callbacks.keyFile cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    return decode(text, 'keyFile', 'callbacks.keyFile');
  }
  if (sources.inlineKey) return decode(sources.inlineKey, 'inline', 'callbacks.key');
  return { ok: false, reason: 'no key configured (set KIOSK_FIELD_KEY or callbacks.keyFile)' };
}

/** A fresh key in the form loadFieldKey reads. */
export function generateFieldKey(): string {
  return randomBytes(FIELD_KEY_BYTES).toString('base64');
}
