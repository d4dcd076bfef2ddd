import { hashKioskToken, generateKioskToken } from '../auth/kioskTokens.js';
import type { Clock } from '../clock.js';
import { hashEnrolmentCode } from './enrolmentCodes.js';
import type { EnrolmentStore, RedeemOutcome } from './enrolmentStore.js';

export type EnrolRefusal = 'CODE_INVALID' | 'CODE_USED' | 'CODE_EXPIRED';
export type EnrolResult = { ok: true; deviceSecret: string } | { ok: false; code: EnrolRefusal };

export interface EnrolmentDeps {
  store: EnrolmentStore;
  clock: Clock;
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
  const codeSha256 = hashEnrolmentCode(request.code);
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
