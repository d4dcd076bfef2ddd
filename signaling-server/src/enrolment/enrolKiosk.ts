import { hashKioskToken, generateKioskToken } from '../auth/kioskTokens.js';
import type { Clock } from '../clock.js';
import { formatEnrolmentCode, generateEnrolmentCode, hashEnrolmentCode } from './enrolmentCodes.js';
import type { EnrolmentStore, RedeemOutcome } from './enrolmentStore.js';

export type EnrolRefusal = 'CODE_INVALID' | 'CODE_USED' | 'CODE_EXPIRED';
export type EnrolResult = { ok: true; deviceSecret: string } | { ok: false; code: EnrolRefusal };

export interface EnrolmentDeps {
  store: EnrolmentStore;
  clock: Clock;
  /** The HMAC key codes are stored under (enrolmentKey.ts). */
  codeKey: Buffer;
  /** Listed in the server config and not revoked. An unenrollable kiosk reads like a wrong code. */
  kioskMayEnrol(kioskId: string): boolean;
  /** 32 random bytes, base64url; injected so tests can see what was handed out. */
  generateSecret?: () => string;
}

const REFUSALS: Record<Exclude<RedeemOutcome, 'enrolled'>, EnrolRefusal> = {
  invalid: 'CODE_INVALID',
  used: 'CODE_USED',
  expired: 'CODE_EXPIRED',
};

/**
 * Exchanges a one-time code for a fresh device secret. Only the secret's sha256 is stored (replacing
 * the kiosk's previous one); the secret itself exists only in this answer.
 */
export function enrolKiosk(deps: EnrolmentDeps, request: { kioskId: string; code: string }): EnrolResult {
  const codeSha256 = hashEnrolmentCode(request.code, deps.codeKey);
  if (!deps.kioskMayEnrol(request.kioskId)) return { ok: false, code: 'CODE_INVALID' };
  const deviceSecret = (deps.generateSecret ?? generateKioskToken)();
  const outcome = deps.store.redeemCode({
    kioskId: request.kioskId,
    codeSha256,
    secretSha256: hashKioskToken(deviceSecret),
    now: deps.clock.now(),
  });
  return outcome === 'enrolled' ? { ok: true, deviceSecret } : { ok: false, code: REFUSALS[outcome] };
}

const MINUTE_MS = 60_000;

export interface IssueCodeDeps {
  store: Pick<EnrolmentStore, 'issueCode'>;
  clock: Clock;
  codeKey: Buffer;
  ttlMinutes: number;
  /** Injected in tests; the real code is random. */
  generateCode?: () => string;
}

/**
 * A fresh one-time code for a kiosk, stored as its keyed hash; any earlier unused code of that kiosk
 * stops working. Shared by `kiosk-admin issue-code` (on the SQLite file) and `enrolment.issue` (admin WS).
 */
export function issueEnrolmentCode(deps: IssueCodeDeps, kioskId: string): { code: string; expiresAt: number } {
  const code = (deps.generateCode ?? generateEnrolmentCode)();
  const issuedAt = deps.clock.now();
  const expiresAt = issuedAt + deps.ttlMinutes * MINUTE_MS;
  deps.store.issueCode({ kioskId, codeSha256: hashEnrolmentCode(code, deps.codeKey), issuedAt, expiresAt });
  return { code: formatEnrolmentCode(code), expiresAt };
}
