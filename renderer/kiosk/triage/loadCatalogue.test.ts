import { describe, expect, it } from 'vitest';
import { TriageSummary } from '../../../protocol/index.js';
import type { Catalogue, ServicePoints } from './catalogueSchema.js';
import catalogueJson from './data/catalogue.json';
import servicePointsJson from './data/service-points.json';
import { defaultCatalogue, loadCatalogue } from './loadCatalogue.js';
import { answer, currentQuestion, stepBack, triageStart, triageSummary } from './triagePath.js';

const clone = (): Catalogue => structuredClone(catalogueJson) as Catalogue;
const points = servicePointsJson as ServicePoints;
const errorsOf = (catalogue: unknown, sp: unknown = points) => {
  const result = loadCatalogue(catalogue, sp);
  return result.ok ? [] : result.errors;
};

describe('the bundled triage catalogue', () => {
  it('passes the schema and every graph check', () => {
    expect(errorsOf(catalogueJson)).toEqual([]);
    expect(defaultCatalogue.questions.size).toBeGreaterThanOrEqual(8);
  });

  it('covers the needs the kiosk must answer, with every outcome kind', () => {
    const kinds = new Set([...defaultCatalogue.outcomes.values()].map((o) => o.kind));
    expect([...kinds].sort()).toEqual(['agent', 'bring', 'referral', 'self-serve']);
    const start = defaultCatalogue.questions.get('start');
    expect(start?.options.map((o) => o.id)).toEqual(
      expect.arrayContaining(['sin', 'ei', 'pensions', 'family', 'passport', 'my-account', 'update', 'provincial', 'unsure']),
    );
  });

  it('links only to canada.ca, in the matching language', () => {
    for (const outcome of defaultCatalogue.outcomes.values()) {
      if (outcome.kind !== 'self-serve') continue;
      expect(outcome.url.en).toMatch(/^https:\/\/www\.canada\.ca\/en\//);
      expect(outcome.url.fr).toMatch(/^https:\/\/www\.canada\.ca\/fr\//);
    }
  });
});

describe('catalogue validation names what is wrong and where', () => {
  it('reports a next id that does not exist, with the path to its question', () => {
    const c = clone();
    const q = c.questions.find((x) => x.id === 'sin-need');
    if (!q?.options[0]) throw new Error('fixture');
    q.options[0].next = 'nowhere';
    expect(errorsOf(c)).toContainEqual(expect.stringMatching(/questions\[1\]\.options\[0\]\.next: "nowhere".*path: start → sin-need/));
  });

  it('reports a cycle with its loop', () => {
    const c = clone();
    const q = c.questions.find((x) => x.id === 'sin-need');
    if (!q?.options[0]) throw new Error('fixture');
    q.options[0].next = 'start';
    expect(errorsOf(c)).toContainEqual(expect.stringMatching(/^cycle: start → sin-need → start/));
  });

  it('reports an outcome nobody can reach', () => {
    const c = clone();
    c.outcomes.push({ ...(c.outcomes[0] as Catalogue['outcomes'][number]), id: 'orphan', alternatives: [] });
    expect(errorsOf(c)).toContainEqual(expect.stringMatching(/outcomes\[\d+\]: "orphan" is not reachable from start/));
  });

  it('reports duplicate ids, bad alternatives and unknown service points', () => {
    const c = clone();
    const referral = c.outcomes.find((o) => o.kind === 'referral');
    if (referral?.kind !== 'referral') throw new Error('fixture');
    referral.servicePointId = 'mars-office';
    referral.alternatives = ['start'];
    c.questions.push({ ...(c.questions[1] as Catalogue['questions'][number]) });
    const errors = errorsOf(c);
    expect(errors).toContainEqual(expect.stringMatching(/"sin-need" is used more than once/));
    expect(errors).toContainEqual(expect.stringMatching(/servicePointId: "mars-office"/));
    expect(errors).toContainEqual(expect.stringMatching(/alternatives\[0\]: "start" is not an outcome id/));
  });

  it('refuses a text missing its French, and links off canada.ca, naming the field', () => {
    const c = clone() as unknown as { questions: { prompt: { fr?: string } }[]; outcomes: { kind: string; url?: { en: string } }[] };
    delete c.questions[0]?.prompt.fr;
    const selfServe = c.outcomes.find((o) => o.kind === 'self-serve');
    if (selfServe?.url) selfServe.url.en = 'https://canada-help.example.com/sin';
    const errors = errorsOf(c);
    expect(errors).toContainEqual(expect.stringMatching(/^catalogue: questions\.0\.prompt\.fr:/));
    expect(errors).toContainEqual(expect.stringMatching(/url\.en: .*canada\.ca/));
  });
});

describe('walking the catalogue', () => {
  it('answers, backs up, and builds a summary of ids only for an agent outcome', () => {
    let position = answer(defaultCatalogue, triageStart, 'passport');
    expect(currentQuestion(defaultCatalogue, position)?.id).toBe('passport-need');
    position = answer(defaultCatalogue, position, 'not-an-option');
    expect(position.path).toHaveLength(1);
    position = answer(defaultCatalogue, position, 'urgent');
    expect(position.outcomeId).toBe('passport-agent');
    const summary = triageSummary(defaultCatalogue, position, { language: 'fr', interpreter: true });
    expect(TriageSummary.parse(summary)).toEqual({
      catalogueVersion: '2025.1',
      path: [
        { questionId: 'start', optionId: 'passport' },
        { questionId: 'passport-need', optionId: 'urgent' },
      ],
      outcomeId: 'passport-agent',
      serviceLine: 'passport',
      interpreter: true,
      language: 'fr',
    });
    expect(currentQuestion(defaultCatalogue, stepBack(position))?.id).toBe('passport-need');
    expect(triageSummary(defaultCatalogue, answer(defaultCatalogue, stepBack(position), 'renew'), { language: 'en', interpreter: false })).toBeUndefined();
  });
});
