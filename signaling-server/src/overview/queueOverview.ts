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

/** Where each (service line, language) pair sits in the catalogue-ordered line list. */
const LINE_COUNT = SERVICE_LINES.length * LANGUAGES.length;
const SERVICE_LINE_INDEX = new Map<ServiceLine, number>(SERVICE_LINES.map((line, i) => [line, i]));
const LANGUAGE_INDEX = new Map<Language, number>(LANGUAGES.map((language, i) => [language, i]));
const lineIndex = (serviceLine: ServiceLine, language: Language): number | undefined => {
  const s = SERVICE_LINE_INDEX.get(serviceLine);
  const l = LANGUAGE_INDEX.get(language);
  return s === undefined || l === undefined ? undefined : s * LANGUAGES.length + l;
};

/**
 * The overview of every line someone waits in or some connected agent serves, in catalogue
 * order (service line, then language). Counts only: priorities and interpreters are folded into
 * their (service line, language) line. The estimate is for someone joining now, counting the
 * agents who could take them (connected, not away), as the kiosk's own estimate does.
 * O(tickets + agents × the lines each serves): one pass over the agents counts every line, where
 * filtering all agents per line cost 10 ms at 5,000 agents (docs/performance.md). The agents'
 * list is only for supervisors, so it is built when first read.
 */
export function buildQueueOverview(input: OverviewInput): QueueOverviewSnapshot {
  const waiting = new Int32Array(LINE_COUNT);
  const oldest = new Float64Array(LINE_COUNT).fill(Number.POSITIVE_INFINITY);
  for (const ticket of input.waiting) {
    const i = lineIndex(ticket.serviceLine, ticket.language);
    if (i === undefined) continue;
    waiting[i]! += 1;
    oldest[i] = Math.min(oldest[i]!, ticket.joinedAt);
  }
  const eligible = new Int32Array(LINE_COUNT);
  // The last agent counted for each line (-1: no agent serves it): an agent counts once per line,
  // even if its config repeats a language or a line.
  const countedFor = new Int32Array(LINE_COUNT).fill(-1);
  input.agents.forEach((agent, a) => {
    const free = agent.state !== 'away' && !agent.absent;
    for (const serviceLine of agent.serviceLines) {
      for (const language of agent.languages) {
        const i = lineIndex(serviceLine, language);
        if (i === undefined || countedFor[i] === a) continue;
        countedFor[i] = a;
        if (free) eligible[i]! += 1;
      }
    }
  });
  const lines: LineOverview[] = [];
  for (const serviceLine of SERVICE_LINES) {
    for (const language of LANGUAGES) {
      const i = lineIndex(serviceLine, language)!;
      const count = waiting[i]!;
      if (count === 0 && countedFor[i] === -1) continue;
      lines.push({
        serviceLine,
        language,
        waiting: count,
        longestWaitMs: count > 0 ? Math.max(0, input.now - oldest[i]!) : 0,
        estimatedWaitMs: estimateWaitMs({ position: count + 1, eligibleAgents: eligible[i]!, averageHandleMs: input.averageHandleMs(serviceLine) }),
      });
    }
  }
  let agents: AgentOverview[] | undefined;
  return {
    lines,
    get agents() {
      agents ??= input.agents.map(
        (agent): AgentOverview => ({
          agentId: agent.agentId,
          state: agent.state,
          ...(agent.state === 'away' && agent.awayReason ? { awayReason: agent.awayReason } : {}),
          serviceLines: [...agent.serviceLines],
          languages: [...agent.languages],
          sinceMs: Math.max(0, input.now - agent.since),
        }),
      );
      return agents;
    },
  };
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
