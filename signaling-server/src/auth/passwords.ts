import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/** OWASP's floor for scrypt; cheap enough (~50 ms) for an agent login. */
const SCRYPT_N = 16_384;
const SCRYPT_R = 8;
const SCRYPT_P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Refuse stored parameters that would let a bad config exhaust memory or CPU. */
const MAX_SCRYPT_N = 1 << 20;

/** `scrypt$N$r$p$<salt b64>$<hash b64>`: self-describing, so parameters can be raised later. */
export function hashPassword(password: string): string {
  const salt = randomBytes(SALT_BYTES);
  const hash = scryptSync(password, salt, KEY_BYTES, { N: SCRYPT_N, r: SCRYPT_R, p: SCRYPT_P });
  return ['scrypt', SCRYPT_N, SCRYPT_R, SCRYPT_P, salt.toString('base64'), hash.toString('base64')].join('$');
}

interface StoredScrypt {
  salt: Buffer;
  expected: Buffer;
  options: { N: number; r: number; p: number; maxmem: number };
}

/** The parts of a stored hash; undefined when it is malformed or asks for more than MAX_SCRYPT_N. */
function parseStored(stored: string): StoredScrypt | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [, n, r, p, saltB64, hashB64] = parts;
  const N = Number(n);
  const rr = Number(r);
  const pp = Number(p);
  if (![N, rr, pp].every(Number.isSafeInteger) || N > MAX_SCRYPT_N || rr > 32 || pp > 16) return undefined;
  const expected = Buffer.from(hashB64 ?? '', 'base64');
  if (expected.length === 0) return undefined;
  return { salt: Buffer.from(saltB64 ?? '', 'base64'), expected, options: { N, r: rr, p: pp, maxmem: 256 * N * rr } };
}

/** Timing-safe check; false (never a throw) for a malformed stored hash. Blocks its thread for the hash. */
export function verifyPassword(password: string, stored: string): boolean {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  try {
    return timingSafeEqual(scryptSync(password, parsed.salt, parsed.expected.length, parsed.options), parsed.expected);
  } catch {
    return false;
  }
}

/**
 * The same check with the hash computed on libuv's thread pool: the server's event loop goes on
 * relaying while a person signs in (about 30 ms per hash with SCRYPT_N). False, never a
 * rejection, for a malformed stored hash or a failed hash.
 */
export function verifyPasswordAsync(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      scrypt(password, parsed.salt, parsed.expected.length, parsed.options, (error, actual) => {
        resolve(!error && timingSafeEqual(actual, parsed.expected));
      });
    } catch {
      // Parameters scrypt refuses (N not a power of two…) throw at once rather than call back.
      resolve(false);
    }
  });
}

/** Verified against for unknown usernames, so a wrong username costs as long as a wrong password. */
export const DUMMY_PASSWORD_HASH = hashPassword(randomBytes(16).toString('base64'));
