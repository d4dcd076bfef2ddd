import { z } from 'zod';
import { Id } from './domain.js';

/**
 * What an administrator (role `admin`) does on a running server without editing its config
 * (docs/security.md "Administrators"): cut a lost or stolen kiosk off at once, let it back in,
 * and issue a one-time enrolment code. Used by `npm run kiosk-admin -- … --server <url>`.
 * Every refusal is a coded error: an unknown kiosk is INVALID_STATE.
 */

// ── client → server (admin only, CLIENT_MESSAGE_ROLES) ──────────────────────
/** The kiosk's open connection is closed (4401), its device secret forgotten, its hellos refused; survives a restart. */
export const KioskRevoke = z.object({ type: z.literal('kiosk.revoke'), kioskId: Id });
/** Lifts a revocation made with `kiosk.revoke`. The kiosk enrols again (its secret was forgotten). */
export const KioskReinstate = z.object({ type: z.literal('kiosk.reinstate'), kioskId: Id });
/** A one-time enrolment code for a listed, not revoked kiosk; any earlier unused code stops working. */
export const EnrolmentIssue = z.object({ type: z.literal('enrolment.issue'), kioskId: Id });

// ── server → client ─────────────────────────────────────────────────────────
export const KioskRevoked = z.object({
  type: z.literal('kiosk.revoked'),
  kioskId: Id,
  /** How many open connections of that kiosk were closed (0 or 1). */
  closedConnections: z.number().int().nonnegative(),
});
export const KioskReinstated = z.object({
  type: z.literal('kiosk.reinstated'),
  kioskId: Id,
  /** False when the config itself marks the kiosk revoked: only the config can lift that. */
  allowed: z.boolean(),
});
export const EnrolmentIssued = z.object({
  type: z.literal('enrolment.issued'),
  kioskId: Id,
  /** The code as printed (ABCDE-FGHJK); shown once, stored by the server only as a keyed hash. */
  code: z.string().min(4).max(32),
  /** Epoch ms. */
  expiresAt: z.number().int().nonnegative(),
});
