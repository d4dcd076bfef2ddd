import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const RESUME_TOKEN_BYTES = 24;

/** A fresh resume token: random, given once in `welcome`, only its hash is kept (and persisted). */
export function newResumeToken(): { token: string; hash: string } {
  const token = randomBytes(RESUME_TOKEN_BYTES).toString('base64url');
  return { token, hash: hashResumeToken(token) };
}

export function hashResumeToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function resumeTokenMatches(token: string | undefined, hash: string | undefined): boolean {
  if (token === undefined || hash === undefined) return false;
  const a = Buffer.from(hashResumeToken(token), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
