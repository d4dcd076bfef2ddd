import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, FieldDecryptError, FIELD_NONCE_BYTES, generateFieldKey, loadFieldKey } from './fieldCipher.js';

const key = randomBytes(32);

describe('field encryption (AES-256-GCM)', () => {
  it('round-trips a value and never stores it in plain text', () => {
    const cipher = createFieldCipher(key);
    const sealed = cipher.seal('5065550134', 'cb-1');
    expect(sealed.nonce).toHaveLength(FIELD_NONCE_BYTES);
    expect(sealed.keyId).toBe(cipher.keyId);
    expect(sealed.ciphertext.toString('latin1')).not.toContain('5065550134');
    expect(cipher.open(sealed, 'cb-1')).toBe('5065550134');
  });

  it('uses a fresh nonce for every value, so equal numbers do not look equal', () => {
    const cipher = createFieldCipher(key);
    const a = cipher.seal('5065550134');
    const b = cipher.seal('5065550134');
    expect(a.nonce.equals(b.nonce)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it('refuses a value with any byte changed', () => {
    const cipher = createFieldCipher(key);
    const sealed = cipher.seal('5065550134', 'cb-1');
    for (let i = 0; i < sealed.ciphertext.length; i += 1) {
      const tampered = Buffer.from(sealed.ciphertext);
      tampered[i] = (tampered[i] ?? 0) ^ 0x01;
      expect(() => cipher.open({ ...sealed, ciphertext: tampered }, 'cb-1')).toThrow(FieldDecryptError);
    }
    const nonce = Buffer.from(sealed.nonce);
    nonce[0] = (nonce[0] ?? 0) ^ 0x80;
    expect(() => cipher.open({ ...sealed, nonce }, 'cb-1')).toThrow(FieldDecryptError);
  });

  it('refuses a value moved to another record', () => {
    const cipher = createFieldCipher(key);
    expect(() => cipher.open(cipher.seal('5065550134', 'cb-1'), 'cb-2')).toThrow(FieldDecryptError);
  });

  it('refuses another key, whether or not the key id matches', () => {
    const sealed = createFieldCipher(key).seal('5065550134');
    expect(() => createFieldCipher(randomBytes(32)).open(sealed)).toThrow(/another key/);
    // Same label, different key bytes: the authentication tag catches it.
    expect(() => createFieldCipher(randomBytes(32), sealed.keyId).open(sealed)).toThrow(FieldDecryptError);
  });

  it('refuses keys of the wrong size', () => {
    expect(() => createFieldCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('loading the field key', () => {
  const noFile = () => {
    throw Object.assign(new Error('nope'), { code: 'ENOENT' });
  };

  it('prefers the environment, then the key file, then an inline key', () => {
    const env = generateFieldKey();
    const file = generateFieldKey();
    expect(loadFieldKey({ envKey: env, keyFile: '/k', readFile: () => file })).toMatchObject({ ok: true, source: 'env' });
    const fromFile = loadFieldKey({ keyFile: '/k', inlineKey: env, readFile: () => `${file}\n` });
    expect(fromFile).toMatchObject({ ok: true, source: 'keyFile' });
    expect(fromFile.ok && fromFile.key.toString('base64')).toBe(file);
    expect(loadFieldKey({ inlineKey: env, readFile: noFile })).toMatchObject({ ok: true, source: 'inline' });
  });

  it('says why there is no key, without repeating the value', () => {
    expect(loadFieldKey({ readFile: noFile })).toEqual({ ok: false, reason: expect.stringMatching(/no key configured/) });
    expect(loadFieldKey({ keyFile: '/k', readFile: noFile })).toEqual({ ok: false, reason: expect.stringMatching(/ENOENT/) });
    const short = randomBytes(16).toString('base64');
    const result = loadFieldKey({ envKey: short, readFile: noFile });
    expect(result).toEqual({ ok: false, reason: 'KIOSK_FIELD_KEY is not base64 of 32 bytes' });
    expect(loadFieldKey({ envKey: 'not base64 !!', readFile: noFile }).ok).toBe(false);
  });
});
