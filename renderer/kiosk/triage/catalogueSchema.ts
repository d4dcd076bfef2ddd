import { z } from 'zod';
import { LANGUAGES, ServiceLine } from '../../../protocol/index.js';

/**
 * The triage catalogue as data: what the kiosk asks, and where each answer leads. Program
 * staff edit the JSON (docs/triage.md); this schema is the contract it must meet.
 */

/** Bounds keep a catalogue readable on a kiosk screen and cheap to validate. */
export const CATALOGUE_LIMITS = {
  textChars: 400,
  optionsPerQuestion: 12,
  alternativesPerOutcome: 4,
  stepsPerOutcome: 6,
  documentsPerOutcome: 12,
  skillsPerOutcome: 8,
  nodes: 200,
} as const;

/** Every text comes in both official languages, side by side, so neither can be forgotten. */
export const BilingualText = z.object({
  en: z.string().trim().min(1).max(CATALOGUE_LIMITS.textChars),
  fr: z.string().trim().min(1).max(CATALOGUE_LIMITS.textChars),
});
export type BilingualText = z.infer<typeof BilingualText>;

/** Node ids travel in the triage summary, so they follow the protocol's id rules, lower-case. */
export const NodeId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and -');

/** Official links only: a kiosk must never send a visitor to a look-alike site. */
const CanadaCaUrl = z
  .string()
  .max(300)
  .regex(/^https:\/\/www\.canada\.ca\/(en|fr)\/[A-Za-z0-9._~/%-]*$/, 'an https://www.canada.ca/ address');

export const Option = z.object({
  id: NodeId,
  label: BilingualText,
  hint: BilingualText.optional(),
  /** A question id or an outcome id. */
  next: NodeId,
});
export type Option = z.infer<typeof Option>;

export const Question = z.object({
  id: NodeId,
  prompt: BilingualText,
  options: z.array(Option).min(1).max(CATALOGUE_LIMITS.optionsPerQuestion),
});
export type Question = z.infer<typeof Question>;

const outcomeBase = {
  id: NodeId,
  title: BilingualText,
  summary: BilingualText,
  /** Other outcomes the screen offers ("or instead…"), by id. */
  alternatives: z.array(NodeId).max(CATALOGUE_LIMITS.alternativesPerOutcome),
};

export const AgentOutcome = z.object({
  ...outcomeBase,
  kind: z.literal('agent'),
  serviceLine: ServiceLine,
  /** What the routing may match on later; today the queue routes by service line and language. */
  skills: z.array(NodeId).max(CATALOGUE_LIMITS.skillsPerOutcome),
  priority: z.enum(['normal', 'urgent']),
});

export const SelfServeOutcome = z.object({
  ...outcomeBase,
  kind: z.literal('self-serve'),
  url: z.object({ en: CanadaCaUrl, fr: CanadaCaUrl }),
  steps: z.array(BilingualText).min(1).max(CATALOGUE_LIMITS.stepsPerOutcome),
  /** Show "ask someone from this office" on the screen. */
  offerStaff: z.boolean(),
});

export const ReferralOutcome = z.object({
  ...outcomeBase,
  kind: z.literal('referral'),
  servicePointId: NodeId,
});

export const BringOutcome = z.object({
  ...outcomeBase,
  kind: z.literal('bring'),
  documents: z.array(BilingualText).min(1).max(CATALOGUE_LIMITS.documentsPerOutcome),
});

export const Outcome = z.discriminatedUnion('kind', [AgentOutcome, SelfServeOutcome, ReferralOutcome, BringOutcome]);
export type Outcome = z.infer<typeof Outcome>;
export type OutcomeKind = Outcome['kind'];
export type AgentOutcome = z.infer<typeof AgentOutcome>;

export const Catalogue = z.object({
  /** Goes into every triage summary, so an agent's screen can say which catalogue was used. */
  version: z
    .string()
    .min(1)
    .max(32)
    .regex(/^[A-Za-z0-9.+-]+$/, 'letters, digits and . + -'),
  start: NodeId,
  questions: z.array(Question).min(1).max(CATALOGUE_LIMITS.nodes),
  outcomes: z.array(Outcome).min(1).max(CATALOGUE_LIMITS.nodes),
});
export type Catalogue = z.infer<typeof Catalogue>;

export const ServicePoint = z.object({
  id: NodeId,
  name: BilingualText,
  address: BilingualText,
  hours: BilingualText,
  /** Languages the counter serves in: the screen says so before the visitor walks over. */
  languages: z.array(z.enum(LANGUAGES)).min(1).max(LANGUAGES.length),
});
export type ServicePoint = z.infer<typeof ServicePoint>;

export const ServicePoints = z.object({
  version: z.string().min(1).max(32),
  servicePoints: z.array(ServicePoint).min(1).max(CATALOGUE_LIMITS.nodes),
});
export type ServicePoints = z.infer<typeof ServicePoints>;
