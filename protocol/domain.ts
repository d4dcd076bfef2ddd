import { z } from 'zod';

/** Languages the service is delivered in. Bilingual service is a requirement, not a feature. */
export const LANGUAGES = ['en', 'fr'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/**
 * Service lines a visitor can be queued for. Routing and records key on these ids;
 * the visible names live in the renderer's i18n resources.
 */
export const SERVICE_LINES = [
  'employment-insurance',
  'social-insurance-number',
  'pensions',
  'passport',
  'benefits',
  'my-account',
] as const;
export const ServiceLine = z.enum(SERVICE_LINES);
export type ServiceLine = z.infer<typeof ServiceLine>;

/** How soon a request should be served; from the triage outcome. Urgent goes first, within a bound (docs/routing.md). */
export const PRIORITIES = ['normal', 'urgent'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

/**
 * Interpreted languages an agent can serve through an interpreter (or sign): Inuktitut, Cree,
 * Mi'kmaq, American Sign Language, Langue des signes québécoise. Bounded: routing keys on them.
 */
export const INTERPRETER_LANGUAGES = ['iu', 'cr', 'mic', 'asl', 'lsq'] as const;
export const InterpreterLanguage = z.enum(INTERPRETER_LANGUAGES);
export type InterpreterLanguage = z.infer<typeof InterpreterLanguage>;

/**
 * Who a connection speaks for. A kiosk is a device; the rest are people who sign in with a
 * username and password: agents and interpreters join calls, site staff watch their own site's
 * kiosks, administrators revoke and enrol kiosks (docs/security.md, "Roles").
 */
export const ROLES = ['kiosk', 'agent', 'interpreter', 'staff', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** The roles held by people (password, session token, lockout, logout); every role but the kiosk. */
export const PERSON_ROLES = ['agent', 'interpreter', 'staff', 'admin'] as const;
export const PersonRole = z.enum(PERSON_ROLES);
export type PersonRole = z.infer<typeof PersonRole>;

export const PRESENCE = ['available', 'away'] as const;
export const Presence = z.enum(PRESENCE);
export type Presence = z.infer<typeof Presence>;

/** What the agent records at wrap-up. */
export const OUTCOMES = [
  'resolved',
  'referred',
  'follow-up',
  'callback',
  'abandoned',
  'technical-failure',
] as const;
export const Outcome = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof Outcome>;

/** Why a call or a queue place ended; stored on the visit record. */
export const END_REASONS = [
  'visitor-ended',
  'agent-ended',
  'visitor-left-queue',
  'visitor-connection-lost',
  'agent-connection-lost',
  /** The visitor left the queue for a callback (protocol/callbacks.ts). */
  'callback-requested',
  /** The kiosk's media recovery ladder gave up and the kiosk ended the call (docs/recovery.md). */
  'technical-failure',
  /** The office's staff reset the kiosk (protocol/staff.ts `kiosk.reset`). */
  'reset-by-staff',
] as const;
export const EndReason = z.enum(END_REASONS);
export type EndReason = z.infer<typeof EndReason>;

/** Opaque ids: printable, bounded, never personal data. */
export const Id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'only letters, digits and . _ : -');
export type Id = z.infer<typeof Id>;

export const IceServer = z.object({
  urls: z.union([z.string().min(1).max(512), z.array(z.string().min(1).max(512)).min(1).max(8)]),
  username: z.string().max(512).optional(),
  credential: z.string().max(512).optional(),
});
export type IceServer = z.infer<typeof IceServer>;
/** `relay` sends every call through TURN: it hides each side's own addresses and is how TURN is tested. */
export const IceTransportPolicy = z.enum(['all', 'relay']);
export type IceTransportPolicy = z.infer<typeof IceTransportPolicy>;

/** Bounds on a triage summary: a visitor answers a handful of questions, never dozens. */
export const TRIAGE_MAX_STEPS = 16;

/** One answered question: ids from the triage catalogue, never the visitor's words. */
export const TriageStep = z.object({ questionId: Id, optionId: Id });
export type TriageStep = z.infer<typeof TriageStep>;

/**
 * What the visitor told the kiosk, so the agent never asks again ("tell us once").
 * Only catalogue ids and routing facts: no free text, nothing that names a person.
 */
export const TriageSummary = z.object({
  catalogueVersion: z
    .string()
    .min(1)
    .max(32)
    .regex(/^[A-Za-z0-9.+-]+$/, 'only letters, digits and . + -'),
  path: z.array(TriageStep).max(TRIAGE_MAX_STEPS),
  outcomeId: Id,
  serviceLine: ServiceLine,
  /** The visitor asked for an interpreter on the language screen. */
  interpreter: z.boolean(),
  language: Language,
});
export type TriageSummary = z.infer<typeof TriageSummary>;

/** Where the visitor was when they asked for help from the office's staff. */
export const HELP_STEPS = [
  'welcome',
  'language',
  'privacy',
  'triage',
  'outcome',
  'confirm',
  'waiting',
  'call',
  'survey',
  'thanks',
] as const;
export const HelpStep = z.enum(HELP_STEPS);
export type HelpStep = z.infer<typeof HelpStep>;

/** The one-question survey: five faces, 1 = very unhappy, 5 = very happy. */
export const Rating = z.number().int().min(1).max(5);
export type Rating = z.infer<typeof Rating>;
