import type { Language, TriageStep, TriageSummary } from '../../../protocol/index.js';
import type { AgentOutcome, Outcome, Question } from './catalogueSchema.js';
import type { TriageCatalogue } from './loadCatalogue.js';

/** Where the visitor is in the catalogue: the answers so far, and the outcome once reached. */
export interface TriagePosition {
  path: TriageStep[];
  /** null while questions remain. */
  outcomeId: string | null;
}

export const triageStart: TriagePosition = { path: [], outcomeId: null };

/** The question on screen: the start, or where the last answer led. */
export function currentQuestion(catalogue: TriageCatalogue, position: TriagePosition): Question | undefined {
  if (position.outcomeId !== null) return undefined;
  const last = position.path.at(-1);
  if (!last) return catalogue.questions.get(catalogue.start);
  const option = catalogue.questions.get(last.questionId)?.options.find((o) => o.id === last.optionId);
  return option ? catalogue.questions.get(option.next) : undefined;
}

/** Records an answer; an option id not on the current question leaves the position unchanged. */
export function answer(catalogue: TriageCatalogue, position: TriagePosition, optionId: string): TriagePosition {
  const question = currentQuestion(catalogue, position);
  const option = question?.options.find((o) => o.id === optionId);
  if (!question || !option) return position;
  const path = [...position.path, { questionId: question.id, optionId }];
  return { path, outcomeId: catalogue.outcomes.has(option.next) ? option.next : null };
}

/** One step back: from an outcome to its question, from a question to the one before. */
export function stepBack(position: TriagePosition): TriagePosition {
  return { path: position.path.slice(0, -1), outcomeId: null };
}

export function outcomeOf(catalogue: TriageCatalogue, position: TriagePosition): Outcome | undefined {
  return position.outcomeId === null ? undefined : catalogue.outcomes.get(position.outcomeId);
}

export function isAgentOutcome(outcome: Outcome | undefined): outcome is AgentOutcome {
  return outcome?.kind === 'agent';
}

/** "Tell us once": the answers as ids, for the agent's screen. Undefined unless the outcome is an agent. */
export function triageSummary(
  catalogue: TriageCatalogue,
  position: TriagePosition,
  visitor: { language: Language; interpreter: boolean },
): TriageSummary | undefined {
  const outcome = outcomeOf(catalogue, position);
  if (!isAgentOutcome(outcome)) return undefined;
  return {
    catalogueVersion: catalogue.version,
    path: position.path,
    outcomeId: outcome.id,
    serviceLine: outcome.serviceLine,
    interpreter: visitor.interpreter,
    language: visitor.language,
  };
}
