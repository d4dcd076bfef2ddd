import { TRIAGE_MAX_STEPS } from '../../../protocol/index.js';
import {
  Catalogue,
  ServicePoints,
  type Outcome,
  type Question,
  type ServicePoint,
} from './catalogueSchema.js';
import defaultCatalogueJson from './data/catalogue.json';
import defaultServicePointsJson from './data/service-points.json';

/** A catalogue that passed the schema and the graph checks, indexed for the kiosk. */
export interface TriageCatalogue {
  version: string;
  start: string;
  questions: ReadonlyMap<string, Question>;
  outcomes: ReadonlyMap<string, Outcome>;
  servicePoints: ReadonlyMap<string, ServicePoint>;
}

export type CatalogueLoad = { ok: true; catalogue: TriageCatalogue } | { ok: false; errors: string[] };

const zodErrors = (file: string, issues: { path: PropertyKey[]; message: string }[]) =>
  issues.map((issue) => `${file}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);

/**
 * Parses and checks a catalogue and its service points. Every problem is listed, each naming
 * where it is (`questions[2].options[1].next`) and, when it can, the path from the start.
 */
export function loadCatalogue(catalogueJson: unknown, servicePointsJson: unknown): CatalogueLoad {
  const parsed = Catalogue.safeParse(catalogueJson);
  const points = ServicePoints.safeParse(servicePointsJson);
  const errors = [
    ...(parsed.success ? [] : zodErrors('catalogue', parsed.error.issues)),
    ...(points.success ? [] : zodErrors('service points', points.error.issues)),
  ];
  if (!parsed.success || !points.success) return { ok: false, errors };
  const graphErrors = checkGraph(parsed.data, points.data);
  if (graphErrors.length > 0) return { ok: false, errors: graphErrors };
  return {
    ok: true,
    catalogue: {
      version: parsed.data.version,
      start: parsed.data.start,
      questions: new Map(parsed.data.questions.map((q) => [q.id, q])),
      outcomes: new Map(parsed.data.outcomes.map((o) => [o.id, o])),
      servicePoints: new Map(points.data.servicePoints.map((p) => [p.id, p])),
    },
  };
}

/** Like loadCatalogue, for catalogues that must be right (the bundled one): throws with every error. */
export function loadCatalogueOrThrow(catalogueJson: unknown, servicePointsJson: unknown): TriageCatalogue {
  const result = loadCatalogue(catalogueJson, servicePointsJson);
  if (!result.ok) throw new Error(`invalid triage catalogue:\n${result.errors.join('\n')}`);
  return result.catalogue;
}

/** Ids reachable from the start, each with the path that first reached it (breadth first: the shortest). */
function pathsFromStart(catalogue: Catalogue): Map<string, string[]> {
  const questions = new Map(catalogue.questions.map((q) => [q.id, q]));
  const outcomes = new Map(catalogue.outcomes.map((o) => [o.id, o]));
  const paths = new Map<string, string[]>([[catalogue.start, [catalogue.start]]]);
  const todo = [catalogue.start];
  for (let id = todo.shift(); id !== undefined; id = todo.shift()) {
    const path = paths.get(id) ?? [id];
    const next = [
      ...(questions.get(id)?.options.map((o) => o.next) ?? []),
      ...(outcomes.get(id)?.alternatives ?? []),
    ];
    for (const to of next) {
      if (paths.has(to) || !(questions.has(to) || outcomes.has(to))) continue;
      paths.set(to, [...path, to]);
      todo.push(to);
    }
  }
  return paths;
}

function checkGraph(catalogue: Catalogue, points: ServicePoints): string[] {
  const errors: string[] = [];
  const questionIds = new Set<string>();
  const outcomeIds = new Set<string>();
  const seen = new Set<string>();
  const claim = (id: string, where: string) => {
    if (seen.has(id)) errors.push(`${where}: id "${id}" is used more than once`);
    seen.add(id);
  };
  catalogue.questions.forEach((q, i) => (claim(q.id, `questions[${i}].id`), questionIds.add(q.id)));
  catalogue.outcomes.forEach((o, i) => (claim(o.id, `outcomes[${i}].id`), outcomeIds.add(o.id)));
  const pointIds = new Set(points.servicePoints.map((p) => p.id));

  if (!questionIds.has(catalogue.start)) errors.push(`start: "${catalogue.start}" is not a question id`);
  const paths = pathsFromStart(catalogue);
  const via = (id: string) => {
    const path = paths.get(id);
    return path ? ` (path: ${path.join(' → ')})` : ' (not reachable from start)';
  };

  catalogue.questions.forEach((q, i) => {
    const optionIds = new Set<string>();
    q.options.forEach((option, j) => {
      const where = `questions[${i}].options[${j}]`;
      if (optionIds.has(option.id)) errors.push(`${where}.id: "${option.id}" is used twice in question "${q.id}"`);
      optionIds.add(option.id);
      if (!questionIds.has(option.next) && !outcomeIds.has(option.next)) {
        errors.push(`${where}.next: "${option.next}" is not a question or outcome id${via(q.id)}`);
      }
    });
  });
  catalogue.outcomes.forEach((o, i) => {
    o.alternatives.forEach((alt, j) => {
      const where = `outcomes[${i}].alternatives[${j}]`;
      if (alt === o.id) errors.push(`${where}: outcome "${o.id}" offers itself as an alternative`);
      else if (!outcomeIds.has(alt)) errors.push(`${where}: "${alt}" is not an outcome id${via(o.id)}`);
    });
    if (o.kind === 'referral' && !pointIds.has(o.servicePointId)) {
      errors.push(`outcomes[${i}].servicePointId: "${o.servicePointId}" is not in the service points file${via(o.id)}`);
    }
  });

  errors.push(...findCycles(catalogue));
  for (const [list, ids] of [
    ['questions', catalogue.questions],
    ['outcomes', catalogue.outcomes],
  ] as const) {
    ids.forEach((node, i) => {
      if (!paths.has(node.id)) errors.push(`${list}[${i}]: "${node.id}" is not reachable from start "${catalogue.start}"`);
    });
  }
  errors.push(...checkDepth(catalogue));
  return errors;
}

/** Questions must form a tree-like DAG: a loop would trap the visitor. Reports each loop with its path. */
function findCycles(catalogue: Catalogue): string[] {
  const questions = new Map(catalogue.questions.map((q) => [q.id, q]));
  const state = new Map<string, 'visiting' | 'done'>();
  const errors: string[] = [];
  const visit = (id: string, stack: string[]) => {
    state.set(id, 'visiting');
    for (const option of questions.get(id)?.options ?? []) {
      if (!questions.has(option.next)) continue;
      const mark = state.get(option.next);
      if (mark === 'visiting') {
        const loop = [...stack.slice(stack.indexOf(option.next)), option.next];
        errors.push(`cycle: ${loop.join(' → ')} (question "${id}", option "${option.id}")`);
      } else if (mark === undefined) visit(option.next, [...stack, option.next]);
    }
    state.set(id, 'done');
  };
  for (const q of catalogue.questions) if (!state.has(q.id)) visit(q.id, [q.id]);
  return errors;
}

/** The summary carries at most TRIAGE_MAX_STEPS answers; a deeper catalogue could not be sent. */
function checkDepth(catalogue: Catalogue): string[] {
  const questions = new Map(catalogue.questions.map((q) => [q.id, q]));
  const errors: string[] = [];
  const walk = (id: string, path: string[]) => {
    const q = questions.get(id);
    if (!q || path.includes(id)) return; // loops are reported by findCycles
    if (path.length + 1 > TRIAGE_MAX_STEPS) {
      errors.push(`depth: more than ${TRIAGE_MAX_STEPS} questions in a row (path: ${[...path, id].join(' → ')})`);
      return;
    }
    for (const option of q.options) walk(option.next, [...path, id]);
  };
  walk(catalogue.start, []);
  return errors.slice(0, 1);
}

/** The catalogue shipped with the kiosk; checked by the unit tests, so this never throws in production. */
export const defaultCatalogue: TriageCatalogue = loadCatalogueOrThrow(defaultCatalogueJson, defaultServicePointsJson);
