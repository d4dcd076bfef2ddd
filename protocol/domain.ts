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

export const ROLES = ['kiosk', 'agent'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

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
