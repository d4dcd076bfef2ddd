import { z } from 'zod';
import { ServiceLine, SERVICE_LINES } from '../../../protocol/index.js';

/**
 * How routing trades priority against fairness, when a line escalates, and what the visitor is
 * told about the wait. Every value has a default (resolveRoutingConfig); docs/routing.md.
 */
const MINUTE_MS = 60_000;
/** An urgent request counts as having arrived this much earlier: also the most a normal one can be passed over for. */
export const DEFAULT_MAX_PRIORITY_LEAD_MS = 5 * MINUTE_MS;
/** Above this estimate the kiosk offers a callback or the office's staff instead of waiting. */
export const DEFAULT_CALLBACK_OFFER_ABOVE_MS = 10 * MINUTE_MS;
/** The handle time assumed for a line with no recent calls to learn from. */
export const DEFAULT_HANDLE_TIME_MS = 6 * MINUTE_MS;
/** Past an hour nobody should be waiting at a kiosk: larger values are typos. */
const MAX_ROUTING_DURATION_MS = 60 * MINUTE_MS;

const Duration = z.number().int().min(0).max(MAX_ROUTING_DURATION_MS);

export const EscalationRule = z.object({
  /** After waiting this long with no exactly-skilled agent taking it, the request widens. */
  afterMs: Duration,
  /** Agents of these service lines (same language, same interpreter) may then take it too. */
  alsoServedBy: z.array(ServiceLine).min(1).max(SERVICE_LINES.length),
});
export type EscalationRule = z.infer<typeof EscalationRule>;

export const RoutingConfig = z.object({
  maxPriorityLeadMs: Duration.default(DEFAULT_MAX_PRIORITY_LEAD_MS),
  escalation: z.partialRecord(ServiceLine, EscalationRule).default({}),
  callbackOfferAboveMs: Duration.min(1).default(DEFAULT_CALLBACK_OFFER_ABOVE_MS),
  defaultHandleTimeMs: Duration.min(1).default(DEFAULT_HANDLE_TIME_MS),
});
export type RoutingConfig = z.infer<typeof RoutingConfig>;
export type EscalationRules = RoutingConfig['escalation'];

/** The section as written, or absent, with every default filled in. */
export function resolveRoutingConfig(section: z.input<typeof RoutingConfig> | undefined): RoutingConfig {
  return RoutingConfig.parse(section ?? {});
}
