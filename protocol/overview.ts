import { z } from 'zod';
import { Language, LANGUAGES, SERVICE_LINES, ServiceLine } from './domain.js';

/**
 * What agents and supervisors see of the queues (issue 4): counts and waits per service line and
 * language, never a ticket id, a kiosk or anything about a visitor. Pushed by the server (no
 * client message asks for it). The supervisor snapshot, which needs the agent states, is in
 * messages.ts beside `AgentState`.
 */

/** Every (service line, language) pair: the most lines an overview can hold. */
export const OVERVIEW_MAX_LINES = SERVICE_LINES.length * LANGUAGES.length;
/** A supervisor view lists at most this many agents: a partner network, not a call centre of thousands. */
export const SUPERVISOR_MAX_AGENTS = 1000;

const Milliseconds = z.number().int().nonnegative();

/** One line of the overview: how many wait, for how long the longest has, and what a newcomer would wait. */
export const LineOverview = z.object({
  serviceLine: ServiceLine,
  language: Language,
  waiting: z.number().int().nonnegative(),
  /** 0 when nobody waits. */
  longestWaitMs: Milliseconds,
  /** The honest estimate for someone joining now (docs/routing.md); absent when unknown. */
  estimatedWaitMs: Milliseconds.optional(),
});
export type LineOverview = z.infer<typeof LineOverview>;

export const OverviewLines = z.array(LineOverview).max(OVERVIEW_MAX_LINES);

// ── server → client ─────────────────────────────────────────────────────────
/** To each agent: only the lines that agent serves (its service lines × its languages). */
export const QueueOverview = z.object({ type: z.literal('queue.overview'), lines: OverviewLines });
