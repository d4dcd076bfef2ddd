import { z } from 'zod';
import { Id, Language, ServiceLine, TriageSummary } from './domain.js';

/**
 * Callbacks: instead of a long wait, the visitor leaves a phone number and an agent calls back.
 * The number is the only personal datum the system ever holds; the server stores it encrypted
 * and deletes it when the callback is done (docs/privacy.md). The message objects are joined to
 * the unions in messages.ts.
 */

/** North American numbers: 10 digits, or 11 with the leading country code 1. */
export const PHONE_DIGITS_NATIONAL = 10;
export const PHONE_DIGITS_WITH_COUNTRY = 11;

/** Why a typed number is not a callable North American number; the kiosk words each one. */
export type PhoneProblem = 'too-short' | 'too-long' | 'country-code' | 'area-code' | 'exchange';

export type PhoneCheck = { ok: true; digits: string } | { ok: false; problem: PhoneProblem };

/**
 * Keeps the digits of what was typed and checks them against the NANP shape: area code and
 * exchange each start with 2-9. The result is always 10 digits (a leading 1 is dropped), so one
 * number has one stored form.
 */
export function normalisePhone(typed: string): PhoneCheck {
  const all = typed.replace(/\D/g, '');
  if (all.length > PHONE_DIGITS_WITH_COUNTRY) return { ok: false, problem: 'too-long' };
  if (all.length === PHONE_DIGITS_WITH_COUNTRY && !all.startsWith('1')) return { ok: false, problem: 'country-code' };
  const digits = all.length === PHONE_DIGITS_WITH_COUNTRY ? all.slice(1) : all;
  if (digits.length < PHONE_DIGITS_NATIONAL) return { ok: false, problem: 'too-short' };
  if (!/^[2-9]/.test(digits)) return { ok: false, problem: 'area-code' };
  if (!/^\d{3}[2-9]/.test(digits)) return { ok: false, problem: 'exchange' };
  return { ok: true, digits };
}

const PHONE_PROBLEM_TEXT: Record<PhoneProblem, string> = {
  'too-short': 'phone: 10 digits are needed (area code and number)',
  'too-long': 'phone: at most 11 digits (1, area code and number)',
  'country-code': 'phone: an 11-digit number must start with 1',
  'area-code': 'phone: the area code must start with a digit from 2 to 9',
  exchange: 'phone: the number after the area code must start with a digit from 2 to 9',
};

/** The wire form: digits only, NANP-shaped; anything else is refused naming the field. */
export const Phone = z.string().superRefine((value, ctx) => {
  if (!/^\d+$/.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'digits only (normalise before sending)' });
    return;
  }
  const check = normalisePhone(value);
  if (!check.ok) ctx.addIssue({ code: 'custom', message: PHONE_PROBLEM_TEXT[check.problem].replace(/^phone: /, '') });
});

/** Why the agent closed a callback; the number is deleted whatever the outcome. */
export const CALLBACK_OUTCOMES = ['reached', 'no-answer', 'wrong-number'] as const;
export const CallbackOutcome = z.enum(CALLBACK_OUTCOMES);
export type CallbackOutcome = z.infer<typeof CallbackOutcome>;

/** What an agent sees of a pending callback before opening it: routing facts, never the number. */
export const CallbackSummary = z.object({
  callbackId: Id,
  serviceLine: ServiceLine,
  language: Language,
  /** How long ago the visitor asked, in ms (the server's clock, so console clocks do not matter). */
  requestedAt: z.number().int().nonnegative(),
  siteId: Id,
  triage: TriageSummary.optional(),
});
export type CallbackSummary = z.infer<typeof CallbackSummary>;

/** A pending list is a working list for one shift, not an archive. */
export const CALLBACKS_PENDING_MAX = 200;

// ── client → server ─────────────────────────────────────────────────────────
/**
 * How long after a call failed for technical reasons its visitor may still ask for a callback
 * from the same kiosk: long enough to read the screen and type a number, short enough that the
 * next visitor at the kiosk cannot ask on the last one's behalf.
 */
export const CALLBACK_AFTER_FAILURE_WINDOW_MS = 10 * 60_000;

/**
 * The visitor chose a callback while queued: the kiosk leaves the queue (reason `callback-requested`).
 * With `ticketId`: the visitor's call just failed (end reason `technical-failure`) and they ask to be
 * called back instead; only the kiosk that held the visit, within CALLBACK_AFTER_FAILURE_WINDOW_MS.
 */
export const CallbackRequest = z.object({
  type: z.literal('callback.request'),
  phone: Phone,
  /** The visitor pressed "I agree to be called back at this number". */
  consent: z.literal(true),
  language: Language,
  ticketId: Id.optional(),
});
export const CallbacksList = z.object({ type: z.literal('callbacks.list') });
/** Reveals the number to this agent; audit-logged (without the number). */
export const CallbackOpen = z.object({ type: z.literal('callback.open'), callbackId: Id });
/** Closes the callback and deletes the number at once. */
export const CallbackDone = z.object({ type: z.literal('callback.done'), callbackId: Id, outcome: CallbackOutcome });

// ── server → client ─────────────────────────────────────────────────────────
export const CallbackRequested = z.object({ type: z.literal('callback.requested'), callbackId: Id });
export const CallbacksPending = z.object({
  type: z.literal('callbacks.pending'),
  items: z.array(CallbackSummary).max(CALLBACKS_PENDING_MAX),
});
export const CallbackDetails = z.object({ type: z.literal('callback.details'), callbackId: Id, phone: Phone });
