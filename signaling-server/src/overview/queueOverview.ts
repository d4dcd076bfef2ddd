import {
  LANGUAGES,
  SERVICE_LINES,
  type AgentOverview,
  type AgentState,
  type AwayReason,
  type Language,
  type LineOverview,
  type ServiceLine,
} from '../../../protocol/index.js';
import { estimateWaitMs } from '../estimate/waitEstimate.js';

/** A waiting ticket as the overview sees it: where it waits and since when, nothing else. */
export interface WaitingTicket {
  serviceLine: ServiceLine;
  language: Language;
  joinedAt: number;
}

/** A connected agent as the overview sees it. */
export interface OverviewAgent {
  agentId: string;
  state: AgentState;
  awayReason?: AwayReason | undefined;
  serviceLines: readonly ServiceLine[];
  languages: readonly Language[];
  /** When the agent entered `state`. */
  since: number;
  /** The connection dropped and the session is held: the agent cannot take anyone meanwhile. */
  absent: boolean;
}

export interface OverviewInput {
  now: number;
  waiting: Iterable<WaitingTicket>;
  agents: readonly OverviewAgent[];
  /** Recent average handle time of a line (or the configured default), for the estimates. */
  averageHandleMs(serviceLine: ServiceLine): number;
}

/** What one flush sends: every line (for supervisors) and the agents' states. */
export interface QueueOverviewSnapshot {
  lines: LineOverview[];
  agents: AgentOverview[];
}

export const serves = (agent: Pick<OverviewAgent, 'serviceLines' | 'languages'>, line: Pick<LineOverview, 'serviceLine' | 'language'>) =>
  agent.serviceLines.includes(line.serviceLine) && agent.languages.includes(line.language);

/**
 * The overview of every line someone waits in or some connected agent serves, in catalogue
 * order (service line, then language). Counts only: priorities and interpreters are folded into
 * their (service line, language) line. The estimate is for someone joining now, counting the
 * agents who could take them (connected, not away), as the kiosk's own estimate does.
 * O(tickets + lines × agents).
 */
export function buildQueueOverview(input: OverviewInput): QueueOverviewSnapshot {
  const stats = new Map<string, { waiting: number; oldest: number }>();
  const key = (serviceLine: ServiceLine, language: Language) => `${serviceLine}|${language}`;
  for (const ticket of input.waiting) {
    const entry = stats.get(key(ticket.serviceLine, ticket.language)) ?? { waiting: 0, oldest: Number.POSITIVE_INFINITY };
    entry.waiting += 1;
    entry.oldest = Math.min(entry.oldest, ticket.joinedAt);
    stats.set(key(ticket.serviceLine, ticket.language), entry);
  }
  const lines: LineOverview[] = [];
  for (const serviceLine of SERVICE_LINES) {
    for (const language of LANGUAGES) {
      const line = { serviceLine, language };
      const entry = stats.get(key(serviceLine, language));
      if (!entry && !input.agents.some((agent) => serves(agent, line))) continue;
      const waiting = entry?.waiting ?? 0;
      const eligibleAgents = input.agents.filter((a) => a.state !== 'away' && !a.absent && serves(a, line)).length;
      lines.push({
        ...line,
        waiting,
        longestWaitMs: entry ? Math.max(0, input.now - entry.oldest) : 0,
        estimatedWaitMs: estimateWaitMs({ position: waiting + 1, eligibleAgents, averageHandleMs: input.averageHandleMs(serviceLine) }),
      });
    }
  }
  const agents = input.agents.map(
    (agent): AgentOverview => ({
      agentId: agent.agentId,
      state: agent.state,
      ...(agent.state === 'away' && agent.awayReason ? { awayReason: agent.awayReason } : {}),
      serviceLines: [...agent.serviceLines],
      languages: [...agent.languages],
      sinceMs: Math.max(0, input.now - agent.since),
    }),
  );
  return { lines, agents };
}

/** The lines one agent may see: those it serves (its service lines × its languages). */
export function linesFor(agent: Pick<OverviewAgent, 'serviceLines' | 'languages'>, lines: readonly LineOverview[]): LineOverview[] {
  return lines.filter((line) => serves(agent, line));
}

/**
 * What makes a change worth a push: the counts, the estimates and the agents' states, not the
 * wait times (they grow every millisecond; the periodic refresh carries them).
 */
export function changeKey(lines: readonly LineOverview[], agents?: readonly AgentOverview[]): string {
  const lineKeys = lines.map((l) => `${l.serviceLine}|${l.language}|${l.waiting}|${l.estimatedWaitMs ?? ''}`);
  const agentKeys = agents?.map((a) => `${a.agentId}|${a.state}|${a.awayReason ?? ''}`) ?? [];
  return [...lineKeys, '#', ...agentKeys].join(';');
}
