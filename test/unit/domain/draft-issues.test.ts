import { describe, expect, it } from 'vitest';
import { draftIssuesOf } from '../../../src/domain/draft-issues.ts';
import { questionnaireSchema } from '../../../src/domain/questionnaire.ts';
import { bundled } from './factories.ts';

const SIPAS = bundled('sipas');

function issuesOf(draft: unknown) {
  const parsed = questionnaireSchema.safeParse(draft);
  if (parsed.success) throw new Error('expected the draft to be refused');
  return draftIssuesOf(parsed.error).map(({ path, reason, values }) => ({ path: path.join('.'), reason, values }));
}

describe('why a questionnaire draft was refused, as reasons a screen can word', () => {
  it('gives the schema’s own checks a reason: a blank text, too few items, a malformed id, a missing field', () => {
    const draft = structuredClone(SIPAS) as unknown as Record<string, unknown> & typeof SIPAS;
    draft.elements[0]!.criteria[0]!.text = { vi: '  ' };
    draft.elements[1]!.criteria = [];
    draft.elements[2]!.id = 'E 3';
    delete (draft as Record<string, unknown>).mode;
    expect(issuesOf(draft)).toEqual(
      expect.arrayContaining([
        { path: 'elements.0.criteria.0.text.vi', reason: 'blank', values: {} },
        { path: 'elements.1.criteria', reason: 'too-few', values: { minimum: 1 } },
        { path: 'elements.2.id', reason: 'bad-format', values: {} },
        { path: 'mode', reason: 'missing', values: {} },
      ]),
    );
  });

  it('keeps the reason and values of the questionnaire’s and its method’s own rules', () => {
    const twice = { ...SIPAS, sections: [...SIPAS.sections, { ...SIPAS.sections[0]!, id: 'again' }] };
    expect(issuesOf(twice)).toContainEqual({ path: 'id', reason: 'id-twice', values: { id: SIPAS.sections[0]!.questions[0]!.id } });
    expect(issuesOf({ ...SIPAS, title: { en: 'Survey' } })).toEqual([{ path: 'title', reason: 'vietnamese-missing', values: {} }]);
    const weighted = {
      ...SIPAS,
      scoringMethod: {
        id: 'p',
        version: 1,
        name: { vi: 'P' },
        legalBasis: { vi: 'QĐ' },
        notes: [],
        satisfiedLevels: { 'five-level': [4, 5] },
        tree: { elements: SIPAS.elements.map((element) => ({ id: element.id, weight: 0.3 })) },
      },
    };
    expect(issuesOf(weighted)).toEqual([{ path: 'scoringMethod.tree.elements', reason: 'weights-sum', values: { sum: expect.closeTo(1.5, 9) } }]);
  });
});
