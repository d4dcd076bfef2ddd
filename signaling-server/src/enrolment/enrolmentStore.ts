/** One issued code, as stored: its sha256, never the code. Times are epoch ms. */
export interface IssuedCode {
  kioskId: string;
  codeSha256: string;
  issuedAt: number;
  expiresAt: number;
}

export type RedeemOutcome = 'enrolled' | 'invalid' | 'used' | 'expired';

export interface Redemption {
  kioskId: string;
  codeSha256: string;
  /** sha256 of the new device secret; replaces the kiosk's previous one. */
  secretSha256: string;
  now: number;
}

/**
 * Enrolment codes and enrolled device secrets (hashes only). Synchronous like the visit store;
 * SQLite is read on every call, so a code written by `kiosk-admin` is seen at once.
 */
export interface EnrolmentStore {
  /** Stores a new code; the kiosk's earlier unused codes stop working (one live code per kiosk). */
  issueCode(code: IssuedCode): void;
  /** Atomically: checks the code, marks it used and stores the secret hash. Anything but 'enrolled' changes nothing. */
  redeemCode(redemption: Redemption): RedeemOutcome;
  /** The current device secret hash of a kiosk, if it has enrolled. */
  deviceSecretSha256(kioskId: string): string | undefined;
  /** Forgets a kiosk's device secret: its next hello with it is refused. True if there was one. */
  forgetDeviceSecret(kioskId: string): boolean;
  /**
   * An administrator cut the kiosk off (protocol/admin.ts): kept until reinstated, across restarts.
   * Its device secret is forgotten in the same step, so a reinstated kiosk enrols again.
   */
  revokeKiosk(kioskId: string, at: number): void;
  /** Lifts an administrator's revocation; true if there was one. */
  reinstateKiosk(kioskId: string): boolean;
  isKioskRevoked(kioskId: string): boolean;
}

interface MemoryCode extends IssuedCode {
  usedAt?: number;
}

/** Shared decision for both stores: why a found code cannot be redeemed, or undefined when it can. */
export function refusalFor(code: { kioskId: string; expiresAt: number; usedAt?: number | null } | undefined, redemption: Redemption): RedeemOutcome | undefined {
  // A code issued for another kiosk reads exactly like an unknown code.
  if (code === undefined || code.kioskId !== redemption.kioskId) return 'invalid';
  if (code.usedAt !== undefined && code.usedAt !== null) return 'used';
  if (redemption.now >= code.expiresAt) return 'expired';
  return undefined;
}

export function createMemoryEnrolmentStore(): EnrolmentStore {
  const codes = new Map<string, MemoryCode>();
  const secrets = new Map<string, string>();
  const revoked = new Map<string, number>();
  return {
    issueCode(code) {
      for (const [hash, existing] of codes) if (existing.kioskId === code.kioskId && existing.usedAt === undefined) codes.delete(hash);
      codes.set(code.codeSha256, { ...code });
    },
    redeemCode(redemption) {
      const code = codes.get(redemption.codeSha256);
      const refusal = refusalFor(code, redemption);
      if (refusal !== undefined || code === undefined) return refusal ?? 'invalid';
      code.usedAt = redemption.now;
      secrets.set(redemption.kioskId, redemption.secretSha256);
      return 'enrolled';
    },
    deviceSecretSha256: (kioskId) => secrets.get(kioskId),
    forgetDeviceSecret: (kioskId) => secrets.delete(kioskId),
    revokeKiosk: (kioskId, at) => {
      secrets.delete(kioskId);
      if (!revoked.has(kioskId)) revoked.set(kioskId, at);
    },
    reinstateKiosk: (kioskId) => revoked.delete(kioskId),
    isKioskRevoked: (kioskId) => revoked.has(kioskId),
  };
}
