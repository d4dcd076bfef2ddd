import { randomBytes } from 'node:crypto';

const RANDOM_ID_BYTES = 12;

/** Opaque, unguessable ids (`t_…`, `call_…`): they reveal neither order nor count. */
export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(RANDOM_ID_BYTES).toString('base64url')}`;
}
