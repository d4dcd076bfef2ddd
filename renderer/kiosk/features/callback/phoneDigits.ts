import { normalisePhone, PHONE_DIGITS_WITH_COUNTRY, type PhoneProblem } from '../../../../protocol/index.js';

/** The keypad's digits: 0–9 only. */
export const KEYPAD_DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;
export type KeypadDigit = (typeof KEYPAD_DIGITS)[number];

/** A half-typed number left on a shared screen is gone after this long without a touch. */
export const CALLBACK_KEYPAD_IDLE_MS = 60_000;

/** One more digit, refused past the longest callable number. */
export function appendDigit(digits: string, digit: KeypadDigit): string {
  return digits.length >= PHONE_DIGITS_WITH_COUNTRY ? digits : digits + digit;
}

export function removeLastDigit(digits: string): string {
  return digits.slice(0, -1);
}

/** The 10 digits to send, or why not yet (null while nothing is typed). */
export function phoneStatus(digits: string): { ok: true; digits: string } | { ok: false; problem: PhoneProblem | null } {
  if (digits.length === 0) return { ok: false, problem: null };
  const check = normalisePhone(digits);
  return check.ok ? check : { ok: false, problem: check.problem };
}

/**
 * Grouped the way Canadians write it, as typed: "506 555 0134", "1 506 555 0134".
 * Partial input is grouped as far as it goes.
 */
export function groupDigits(digits: string): string {
  const withCountry = digits.length === PHONE_DIGITS_WITH_COUNTRY || (digits.startsWith('1') && digits.length > 1);
  const country = withCountry ? digits.slice(0, 1) : '';
  const rest = withCountry ? digits.slice(1) : digits;
  const groups = [rest.slice(0, 3), rest.slice(3, 6), rest.slice(6)].filter((g) => g.length > 0);
  return [country, ...groups].filter((g) => g.length > 0).join(' ');
}

/** For screen readers: digit by digit, so "5065550134" is not read as five billion. */
export function spokenDigits(digits: string): string {
  return groupDigits(digits)
    .split(' ')
    .map((group) => group.split('').join(' '))
    .join(', ');
}
