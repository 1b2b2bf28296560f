import { describe, expect, it } from 'vitest';
import { bundled } from './factories.ts';
import { hasRatedCriterion } from '../../../src/domain/survey-flow.ts';

describe('a survey that can be stored as complete', () => {
  const sipas = bundled('sipas');

  it('needs at least one criterion rated at a level', () => {
    expect(hasRatedCriterion(sipas, { 'E3.2': 1 })).toBe(true);
    expect(hasRatedCriterion(sipas, { 'E1.1': 5, 'E1.2': null })).toBe(true);
  });

  it('is not one left untouched, answered "no opinion" everywhere, or with only the extra questions', () => {
    expect(hasRatedCriterion(sipas, {})).toBe(false);
    const noOpinion = Object.fromEntries(sipas.elements.flatMap((element) => element.criteria.map((criterion) => [criterion.id, null])));
    expect(hasRatedCriterion(sipas, noOpinion)).toBe(false);
    expect(hasRatedCriterion(sipas, { overall: 4, comment: 'Tốt', improvements: ['shorter-time'] })).toBe(false);
  });
});
