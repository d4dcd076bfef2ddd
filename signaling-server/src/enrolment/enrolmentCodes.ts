import { createHmac, randomInt } from 'node:crypto';
import { normalizeEnrolmentCode } from '../../../protocol/index.js';

/**
 * Digits and capitals a person reads off a sheet and types on a touchscreen without doubt:
 * no 0/O, 1/I/L, or U (read as V). 31 symbols.
 */
export const ENROLMENT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 10 symbols ≈ 49 bits: far beyond what the per-address attempt budget lets anyone guess in a code's lifetime. */
export const ENROLMENT_CODE_LENGTH = 10;
/** Printed as two groups of five (ABCDE-FGHJK). */
const GROUP_SIZE = 5;

export function generateEnrolmentCode(pick: (size: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < ENROLMENT_CODE_LENGTH; i += 1) code += ENROLMENT_CODE_ALPHABET[pick(ENROLMENT_CODE_ALPHABET.length)];
  return code;
}

export function formatEnrolmentCode(code: string): string {
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += GROUP_SIZE) groups.push(code.slice(i, i + GROUP_SIZE));
  return groups.join('-');
}

export { normalizeEnrolmentCode };

/**
 * Only this is stored: HMAC-SHA256 under the enrolment key (enrolmentKey.ts), never the code. A
 * plain hash of a 10-symbol code could be brute-forced from a stolen database; the keyed one cannot
 * without the key, which is kept outside it.
 */
export function hashEnrolmentCode(typed: string, key: Buffer): string {
  return createHmac('sha256', key).update(normalizeEnrolmentCode(typed), 'utf8').digest('hex');
}
