import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KIOSK_TOKEN_BYTES = 32;

/** Kiosk tokens are random and high-entropy, so a plain sha256 is enough (no slow hash needed). */
export function hashKioskToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function verifyKioskToken(token: string, tokenSha256: string): boolean {
  const actual = Buffer.from(hashKioskToken(token), 'hex');
  const expected = Buffer.from(tokenSha256, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function generateKioskToken(): string {
  return randomBytes(KIOSK_TOKEN_BYTES).toString('base64url');
}
