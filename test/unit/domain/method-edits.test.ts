import { describe, expect, it } from 'vitest';
import { applyDraftEdit } from '../../../src/domain/questionnaire-edits.ts';
import { applyMethodEdit, methodFormOf, type MethodEdit } from '../../../src/domain/method-edits.ts';
import { SIPAS_2017 } from '../../../src/domain/methods/index.ts';
import { questionnaireSchema, type Questionnaire } from '../../../src/domain/questionnaire.ts';
import { bundled } from './factories.ts';

const SIPAS = { ...bundled('sipas'), version: 2 };

function edited(draft: unknown, ...edits: MethodEdit[]): Questionnaire {
  return edits.reduce<unknown>((current, edit) => applyMethodEdit(current, edit), draft) as Questionnaire;
}

/** The draft with a five-level "in general" question after the elements, as Decision 1001's elements have. */
function withInGeneralQuestion(): unknown {
  const draft = applyDraftEdit(SIPAS, { kind: 'add', to: { list: 'sections' }, questionKind: 'scale' }) as Questionnaire;
  const section = draft.sections.at(-1)!;
  section.title = { vi: 'Nhìn chung' };
  section.questions[0]!.text = { vi: 'Nhìn chung, ông/bà hài lòng về tiếp cận dịch vụ?' };
  return draft;
}

describe('the visual editor’s edits of a draft’s scoring method', () => {
  it('shows the shipped default while the draft has no method of its own, and nothing for a draft without scaled elements', () => {
    const form = methodFormOf(SIPAS)!;
    expect(form).toMatchObject({
      own: false,
      name: SIPAS_2017.name,
      satisfiedLevels: [{ scale: 'five-level', levels: [4, 5] }],
      shares: 'answer-level',
      minimumSampleToRank: 30,
      equalWeights: true,
    });
    expect(form.elements.map((element) => [element.id, element.weight, element.figure.kind])).toEqual(
      SIPAS.elements.map((element) => [element.id, null, 'mean-of-criteria']),
    );
    for (const draft of [null, 'text', {}, { elements: [{ id: 'E1', scale: 'seven-level' }] }]) expect(methodFormOf(draft)).toBeNull();
  });

  it('starts a method of the version’s own from the default, named after the version and saying what it started from', () => {
    const draft = edited(SIPAS, { kind: 'own-method' });
    const method = questionnaireSchema.parse(draft).scoringMethod!;
    expect(method.id).toBe('sipas-v2');
    expect(method.name.vi).toBe(`Cách tính của ${SIPAS.title.vi}, phiên bản 2`);
    expect(method.notes[0]!.vi).toBe(`Dựa trên: ${SIPAS_2017.name.vi}.`);
    expect(method.notes.slice(1)).toEqual(SIPAS_2017.notes);
    expect({ ...method, id: SIPAS_2017.id, name: SIPAS_2017.name, notes: SIPAS_2017.notes }).toEqual(SIPAS_2017);
    expect(methodFormOf(draft)!.own).toBe(true);
    expect(edited(draft, { kind: 'default-method' })).toEqual(SIPAS);
  });

  it('sets texts, satisfied levels in scale order, shares and the minimum sample; a sample under 1 changes nothing', () => {
    const draft = edited(
      SIPAS,
      { kind: 'set-method-text', field: 'legalBasis', locale: 'vi', text: 'Quyết định 5997/QĐ-UBND ngày 02/12/2025' },
      { kind: 'set-satisfied-levels', scale: 'five-level', levels: [5, 3, 9] },
      { kind: 'set-shares', shares: 'respondent-level' },
      { kind: 'set-minimum-sample', value: 50 },
    );
    const method = questionnaireSchema.parse(draft).scoringMethod!;
    expect(method.legalBasis.vi).toBe('Quyết định 5997/QĐ-UBND ngày 02/12/2025');
    expect(method.legalBasis.en).toBe(SIPAS_2017.legalBasis.en);
    expect(method.satisfiedLevels['five-level']).toEqual([3, 5]);
    expect([method.shares, method.minimumSampleToRank]).toEqual(['respondent-level', 50]);
    expect(applyMethodEdit(draft, { kind: 'set-minimum-sample', value: 0 })).toBe(draft);
  });

  it('weighs elements and returns to equal weights; weights that do not add up to 1 are refused on publishing with the field', () => {
    const weights = { E1: 0.3, E2: 0.2, E3: 0.2, E4: 0.15, E5: 0.15 };
    const weighted = edited(SIPAS, { kind: 'set-element-weights', weights });
    expect(questionnaireSchema.parse(weighted).scoringMethod!.tree!.elements.map((node) => node.weight)).toEqual(Object.values(weights));
    expect(methodFormOf(weighted)).toMatchObject({ equalWeights: false, elements: [{ id: 'E1', weight: 0.3 }, {}, {}, {}, {}] });
    expect(edited(weighted, { kind: 'set-element-weights', weights: null }).scoringMethod!.tree).toBeNull();
    const unbalanced = edited(SIPAS, { kind: 'set-element-weights', weights: { ...weights, E1: 0.4 } });
    const issues = questionnaireSchema.safeParse(unbalanced).error!.issues;
    expect(issues.map((issue) => issue.path)).toEqual([['scoringMethod', 'tree', 'elements']]);
  });

  it('forms an element’s figure from its "in general" question or a combination, and the tree follows elements added later', () => {
    const draft = withInGeneralQuestion() as Questionnaire;
    const question = draft.sections.at(-1)!.questions[0]!.id;
    expect(methodFormOf(draft)!.scaleQuestions.map((choice) => choice.id)).toEqual(['overall', question]);
    const combined = edited(
      draft,
      { kind: 'set-element-figure', element: 'E1', figure: { kind: 'combination', questionId: question, criteriaWeight: 0.6, inGeneralWeight: 0.4 } },
      { kind: 'set-element-figure', element: 'E2', figure: { kind: 'in-general', questionId: question } },
    );
    const tree = questionnaireSchema.parse(combined).scoringMethod!.tree!;
    expect(tree.elements.map((node) => node.figure.kind)).toEqual([
      'combination',
      'in-general',
      'mean-of-criteria',
      'mean-of-criteria',
      'mean-of-criteria',
    ]);
    const grown = applyDraftEdit(combined, { kind: 'add', to: { list: 'elements' } });
    const regrown = edited(grown, { kind: 'set-element-figure', element: 'E2', figure: { kind: 'mean-of-criteria' } });
    expect(regrown.scoringMethod!.tree!.elements.map((node) => [node.id, node.figure.kind])).toEqual([
      ['E1', 'combination'],
      ['E2', 'mean-of-criteria'],
      ['E3', 'mean-of-criteria'],
      ['E4', 'mean-of-criteria'],
      ['E5', 'mean-of-criteria'],
      ['E6', 'mean-of-criteria'],
    ]);
    const plainAgain = edited(regrown, { kind: 'set-element-figure', element: 'E1', figure: { kind: 'mean-of-criteria' } });
    expect(plainAgain.scoringMethod!.tree).toBeNull();
  });

  it("weighs an element's criteria and back to equal; a criterion added later shows without a weight until given one", () => {
    const weighted = edited(SIPAS, { kind: 'set-criterion-weights', element: 'E4', weights: { 'E4.1': 0.5, 'E4.2': 0.3, 'E4.3': 0.2 } });
    const node = questionnaireSchema.parse(weighted).scoringMethod!.tree!.elements[3]!;
    expect(node.criteria).toEqual([
      { id: 'E4.1', weight: 0.5 },
      { id: 'E4.2', weight: 0.3 },
      { id: 'E4.3', weight: 0.2 },
    ]);
    expect(methodFormOf(weighted)!.elements[3]).toMatchObject({
      equalCriteria: false,
      criteria: [{ weight: 0.5 }, { weight: 0.3 }, { weight: 0.2 }],
    });
    const grown = applyDraftEdit(weighted, { kind: 'add', to: { list: 'criteria', element: 3 } });
    expect(methodFormOf(grown)!.elements[3]!.criteria.at(-1)).toEqual({ id: 'E4.4', weight: null });
    expect(edited(weighted, { kind: 'set-criterion-weights', element: 'E4', weights: null }).scoringMethod!.tree).toBeNull();
  });
});
