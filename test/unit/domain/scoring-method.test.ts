import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNTER_RATING_2025, methodFor, SHIPPED_METHODS, SIPAS_2017, SIPAS_SERVICE_2023 } from '../../../src/domain/methods/index.ts';
import type { Questionnaire } from '../../../src/domain/questionnaire.ts';
import {
  DEFAULT_MINIMUM_SAMPLE,
  methodIssuesFor,
  scoringMethodSchema,
  validateScoringMethod,
  type MethodIssue,
  type ScoringMethod,
  type ScoringMethodInput,
} from '../../../src/domain/scoring-method.ts';
import { scoreByMethod, scoreQuestionnaire, wilsonInterval } from '../../../src/domain/scoring.ts';
import { mergeTallies, tallyFromEntries, tallyResponses, type Tally } from '../../../src/domain/tally.ts';
import { answered, bundled, makeQuestionnaire } from './factories.ts';

/** A tally from counts per level, level 1 first, keyed by criterion (or question) id. */
function tallyOf(countsByCriterion: Record<string, number[]>): Tally {
  return tallyFromEntries(
    Object.entries(countsByCriterion).flatMap(([criterionId, counts]) => counts.map((count, index) => ({ criterionId, level: index + 1, count }))),
  );
}

/** One element "A" with criteria A.1 and A.2, one element "B" with criterion B.1, and an "overall" scale question. */
const clinic = makeQuestionnaire();

/** A method input with only what a test is about; the rest takes the schema's defaults. */
function methodInput(overrides: Partial<ScoringMethodInput> = {}): ScoringMethodInput {
  return {
    id: 'test-method',
    version: 1,
    name: { vi: 'Phương pháp thử', en: 'Test method' },
    legalBasis: { vi: 'Không có' },
    notes: [],
    satisfiedLevels: { 'five-level': [4, 5] },
    ...overrides,
  };
}

function issuesOf(input: unknown, questionnaire: Questionnaire = clinic): MethodIssue[] {
  const result = validateScoringMethod(input, questionnaire);
  if (result.ok) throw new Error('expected the method to be refused');
  return result.issues;
}

function methodOf(input: ScoringMethodInput, questionnaire: Questionnaire = clinic): ScoringMethod {
  const result = validateScoringMethod(input, questionnaire);
  if (!result.ok) throw new Error(`expected a valid method: ${JSON.stringify(result.issues)}`);
  return result.method;
}

/**
 * The 2017 rule as scoring.ts hard-coded it before methods were data, kept here only as the independent
 * reference: criterion = levels 4–5 over levels 1–5, element = plain mean of existing criteria, index =
 * plain mean of existing elements.
 */
function reference2017(questionnaire: Questionnaire, tally: Tally) {
  const mean = (values: (number | null)[]) => {
    const existing = values.filter((value): value is number => value !== null);
    return existing.length === 0 ? null : existing.reduce((sum, value) => sum + value, 0) / existing.length;
  };
  const elements = questionnaire.elements.map((element) => {
    const criteria = element.criteria.map((criterion) => {
      const row = tally.counts[criterion.id] ?? [];
      const levelCounts = [1, 2, 3, 4, 5].map((level) => row[level - 1] ?? 0);
      const n = levelCounts.reduce((sum, count) => sum + count, 0);
      const satisfied = levelCounts[3]! + levelCounts[4]!;
      return {
        criterionId: criterion.id,
        n,
        satisfied,
        index: n === 0 ? null : (satisfied * 100) / n,
        interval: wilsonInterval(satisfied, n),
        levelCounts,
      };
    });
    const criteriaWithoutAnswers = criteria.filter((criterion) => criterion.n === 0).map((criterion) => criterion.criterionId);
    return { elementId: element.id, index: mean(criteria.map((criterion) => criterion.index)), criteria, criteriaWithoutAnswers };
  });
  return {
    overall: mean(elements.map((element) => element.index)),
    elements,
    criteriaWithoutAnswers: elements.flatMap((element) => element.criteriaWithoutAnswers),
    elementsWithoutAnswers: elements.filter((element) => element.index === null).map((element) => element.elementId),
  };
}

describe('the 2017 method reproduces the hard-coded 2017 rule exactly', () => {
  const levelCounts = fc.oneof(
    fc.constant(undefined),
    fc.array(fc.nat(2000), { minLength: 5, maxLength: 5 }),
    fc.array(fc.nat(3), { minLength: 5, maxLength: 5 }),
  );
  const sipas = bundled('sipas');
  const sipasTally = fc
    .tuple(...sipas.elements.flatMap((element) => element.criteria.map((criterion) => levelCounts.map((counts) => [criterion.id, counts] as const))))
    .map((entries) => tallyOf(Object.fromEntries(entries.filter((entry): entry is readonly [string, number[]] => entry[1] !== undefined))));

  it('on the shipped SIPAS questionnaire, for any tally', () => {
    fc.assert(
      fc.property(sipasTally, (tally) => {
        expect(scoreByMethod(SIPAS_2017, sipas, tally)).toEqual(reference2017(sipas, tally));
        expect(scoreQuestionnaire(sipas, tally)).toEqual(reference2017(sipas, tally));
      }),
      { numRuns: 300 },
    );
  });

  it('on any questionnaire shape, with equal weights written out in the tree or left implicit', () => {
    const shapes = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 });
    const cases = shapes.chain((shape) => {
      const elements = shape.map((criteria, e) => ({
        id: `E${e + 1}`,
        title: { vi: `Yếu tố ${e + 1}` },
        scale: 'five-level',
        criteria: Array.from({ length: criteria }, (_, c) => ({ id: `E${e + 1}.${c + 1}`, text: { vi: `Tiêu chí ${c + 1}` } })),
      }));
      const ids = elements.flatMap((element) => element.criteria.map((criterion) => criterion.id));
      return fc.tuple(fc.constant(makeQuestionnaire({ elements })), fc.tuple(...ids.map((id) => levelCounts.map((counts) => [id, counts] as const))));
    });
    fc.assert(
      fc.property(cases, ([questionnaire, entries]) => {
        const tally = tallyOf(Object.fromEntries(entries.filter((entry): entry is readonly [string, number[]] => entry[1] !== undefined)));
        const explicitTree = methodOf(
          methodInput({
            tree: {
              elements: questionnaire.elements.map((element) => ({
                id: element.id,
                criteria: element.criteria.map((criterion) => ({ id: criterion.id })),
              })),
            },
          }),
          questionnaire,
        );
        expect(scoreByMethod(SIPAS_2017, questionnaire, tally)).toEqual(reference2017(questionnaire, tally));
        expect(scoreByMethod(explicitTree, questionnaire, tally)).toEqual(reference2017(questionnaire, tally));
      }),
      { numRuns: 200 },
    );
  });
});

describe('fixtures of the shipped methods, figures worked by hand from the counts', () => {
  it('SIPAS 2017: the worked example of sipas.md, and a mean of element means', () => {
    const score = scoreByMethod(
      SIPAS_2017,
      clinic,
      tallyOf({ 'A.1': [2, 3, 5, 40, 50], 'A.2': [0, 10, 10, 30, 30], 'B.1': [1, 1, 1, 1, 6], overall: [9, 0, 0, 0, 0] }),
    );
    // A.1: 90 of 100 = 90; A.2: 60 of 80 = 75; A = 82.5; B.1: 7 of 10 = 70 = B; overall = (82.5 + 70) ÷ 2.
    expect(score.elements.map((element) => element.criteria.map((criterion) => criterion.index))).toEqual([[90, 75], [70]]);
    expect(score.elements.map((element) => element.index)).toEqual([82.5, 70]);
    expect(score.overall).toBe(76.25);
  });

  it('the counter rating: "Hài lòng" and "Rất hài lòng" of three levels count as satisfied', () => {
    const quick = bundled('counter-rating');
    // Level 1 Không hài lòng 12, level 2 Hài lòng 30, level 3 Rất hài lòng 58: 88 satisfied of 100.
    const score = scoreByMethod(COUNTER_RATING_2025, quick, tallyOf({ 'Q.1': [12, 30, 58] }));
    expect(score.elements[0]!.criteria[0]).toMatchObject({ n: 100, satisfied: 88, index: 88 });
    expect(score.overall).toBe(88);
    expect(scoreQuestionnaire(quick, tallyOf({ 'Q.1': [1, 1, 1] })).overall).toBe(200 / 3);
  });

  it('2023–2026 service delivery: each element is its "in general" question, the index their mean', () => {
    const elements = ['E1', 'E2', 'E3', 'E4', 'E5'].map((id) => ({
      id,
      title: { vi: `Yếu tố ${id}` },
      scale: 'five-level',
      criteria: [{ id: `${id}.1`, text: { vi: 'Tiêu chí' } }],
    }));
    const questions = elements.map((element) => ({ id: `${element.id}.general`, kind: 'scale', scale: 'five-level', text: { vi: 'Nhìn chung' } }));
    const service2023 = makeQuestionnaire({ id: 'sipas-2023', elements, sections: [{ id: 'general', title: { vi: 'Nhìn chung' }, questions }] });
    expect(methodIssuesFor(SIPAS_SERVICE_2023, service2023)).toEqual([]);
    const score = scoreByMethod(
      SIPAS_SERVICE_2023,
      service2023,
      tallyOf({
        'E1.general': [0, 0, 2, 3, 5], // 8 of 10 = 80
        'E2.general': [1, 1, 0, 4, 4], // 8 of 10 = 80
        'E3.general': [0, 0, 0, 0, 10], // 100
        'E4.general': [5, 0, 0, 0, 5], // 50
        // E5.general has no answers: E5 has no figure and the mean skips it.
        'E1.1': [10, 0, 0, 0, 0],
        'E5.1': [0, 0, 0, 0, 7],
      }),
    );
    expect(score.elements.map((element) => element.index)).toEqual([80, 80, 100, 50, null]);
    expect(score.overall).toBe((80 + 80 + 100 + 50) / 4);
    // The criteria are still reported for themselves.
    expect(score.elements[4]!.criteria[0]!.index).toBe(100);
  });

  it('the 2023–2026 method cannot score the shipped 2017 questionnaire, which has no "in general" questions', () => {
    const issues = methodIssuesFor(SIPAS_SERVICE_2023, bundled('sipas'));
    expect(issues.map((issue) => issue.path)).toEqual([0, 1, 2, 3, 4].map((e) => ['tree', 'elements', e, 'figure', 'questionId']));
  });
});

describe('weights and element figures', () => {
  const tally = tallyOf({ 'A.1': [2, 3, 5, 40, 50], 'A.2': [0, 10, 10, 30, 30], 'B.1': [1, 1, 1, 1, 6], overall: [0, 0, 0, 1, 3] });

  it('weighs criteria and elements as the tree says', () => {
    const method = methodOf(
      methodInput({
        tree: {
          elements: [
            {
              id: 'A',
              weight: 0.75,
              criteria: [
                { id: 'A.1', weight: 0.4 },
                { id: 'A.2', weight: 0.6 },
              ],
            },
            { id: 'B', weight: 0.25 },
          ],
        },
      }),
    );
    const score = scoreByMethod(method, clinic, tally);
    // A = 0.4 × 90 + 0.6 × 75 = 81; overall = 0.75 × 81 + 0.25 × 70 = 78.25.
    expect(score.elements[0]!.index).toBeCloseTo(81, 10);
    expect(score.overall).toBeCloseTo(78.25, 10);
  });

  it('combines an element\'s criteria with its "in general" question, and uses the part that has answers alone', () => {
    const method = methodOf(
      methodInput({
        tree: {
          elements: [{ id: 'A' }, { id: 'B', figure: { kind: 'combination', questionId: 'overall', criteriaWeight: 0.5, inGeneralWeight: 0.5 } }],
        },
      }),
    );
    // B = 0.5 × 70 + 0.5 × (4 of 4 = 100) = 85.
    expect(scoreByMethod(method, clinic, tally).elements[1]!.index).toBeCloseTo(85, 10);
    expect(scoreByMethod(method, clinic, tallyOf({ overall: [1, 0, 0, 0, 3] })).elements[1]!.index).toBe(75);
  });

  it('rescales the weights of the figures that exist when one has no answers', () => {
    const method = methodOf(
      methodInput({
        tree: {
          elements: [
            { id: 'A', weight: 0.75 },
            { id: 'B', weight: 0.25 },
          ],
        },
      }),
    );
    expect(scoreByMethod(method, clinic, tallyOf({ 'B.1': [1, 0, 0, 0, 3] })).overall).toBe(75);
  });
});

describe('validation names the field at fault', () => {
  const paths = (issues: MethodIssue[]) => issues.map((issue) => issue.path);

  it('refuses weights that do not add up to 1', () => {
    expect(
      paths(
        issuesOf(
          methodInput({
            tree: {
              elements: [
                { id: 'A', weight: 0.5 },
                { id: 'B', weight: 0.4 },
              ],
            },
          }),
        ),
      ),
    ).toEqual([['tree', 'elements']]);
    expect(
      paths(issuesOf(methodInput({ tree: { elements: [{ id: 'A', criteria: [{ id: 'A.1', weight: 1 }, { id: 'A.2' }] }, { id: 'B' }] } }))),
    ).toEqual([['tree', 'elements', 0, 'criteria']]);
    const combination = { kind: 'combination' as const, questionId: 'overall', criteriaWeight: 0.5, inGeneralWeight: 0.6 };
    expect(paths(issuesOf(methodInput({ tree: { elements: [{ id: 'A' }, { id: 'B', figure: combination }] } })))).toEqual([
      ['tree', 'elements', 1, 'figure'],
    ]);
  });

  it('accepts weights that add up to 1 only up to binary rounding', () => {
    const tree = {
      elements: [
        { id: 'A', weight: 0.1 },
        { id: 'B', weight: 0.9 },
      ],
    };
    expect(validateScoringMethod(methodInput({ tree }), clinic).ok).toBe(true);
  });

  it('refuses references to unknown elements, criteria and questions, and an element left out', () => {
    const issues = issuesOf(methodInput({ tree: { elements: [{ id: 'A', criteria: [{ id: 'A.1' }, { id: 'A.9' }] }, { id: 'C' }] } }));
    expect(issues).toEqual([
      { path: ['tree', 'elements'], message: expect.stringContaining('"B"'), reason: 'element-not-in-tree', values: { element: 'B' } },
      {
        path: ['tree', 'elements', 0, 'criteria', 1, 'id'],
        message: expect.stringContaining('"A.9"'),
        reason: 'unknown-criterion',
        values: { element: 'A', criterion: 'A.9' },
      },
      { path: ['tree', 'elements', 1, 'id'], message: expect.stringContaining('"C"'), reason: 'unknown-element', values: { element: 'C' } },
    ]);
    expect(paths(issuesOf(methodInput({ tree: { elements: [{ id: 'A', criteria: [{ id: 'B.1' }] }, { id: 'B' }] } })))).toEqual([
      ['tree', 'elements', 0, 'criteria', 0, 'id'],
    ]);
    const notAScale = { kind: 'in-general' as const, questionId: 'wishes' };
    expect(paths(issuesOf(methodInput({ tree: { elements: [{ id: 'A', figure: notAScale }, { id: 'B' }] } })))).toEqual([
      ['tree', 'elements', 0, 'figure', 'questionId'],
    ]);
  });

  it('refuses a loop (an element named as a criterion) and anything named twice', () => {
    const loop = issuesOf(methodInput({ tree: { elements: [{ id: 'A', criteria: [{ id: 'A.1' }, { id: 'B' }] }, { id: 'B' }] } }));
    expect(loop).toContainEqual({
      path: ['tree', 'elements', 0, 'criteria', 1, 'id'],
      message: expect.stringContaining('loop'),
      reason: 'criterion-is-element',
      values: { criterion: 'B' },
    });
    expect(paths(issuesOf(methodInput({ tree: { elements: [{ id: 'A' }, { id: 'A' }, { id: 'B' }] } })))).toEqual([['tree', 'elements', 1, 'id']]);
    const twice = issuesOf(methodInput({ tree: { elements: [{ id: 'A', criteria: [{ id: 'A.1' }, { id: 'A.1' }] }, { id: 'B' }] } }));
    expect(twice).toEqual([
      {
        path: ['tree', 'elements', 0, 'criteria', 1, 'id'],
        message: expect.stringContaining('twice'),
        reason: 'criterion-twice',
        values: { criterion: 'A.1' },
      },
    ]);
  });

  it('refuses satisfied levels outside the scale, listed twice, or missing for a scale the questionnaire uses', () => {
    expect(paths(issuesOf(methodInput({ satisfiedLevels: { 'five-level': [4, 6] } })))).toEqual([['satisfiedLevels', 'five-level', 1]]);
    expect(paths(issuesOf(methodInput({ satisfiedLevels: { 'five-level': [5, 5] } })))).toEqual([['satisfiedLevels', 'five-level', 1]]);
    expect(paths(issuesOf(methodInput({ satisfiedLevels: { 'five-level': [4, 5], 'three-level': [0, 3] } })))).toEqual([
      ['satisfiedLevels', 'three-level', 0],
    ]);
    expect(paths(issuesOf(SIPAS_2017, bundled('counter-rating')))).toEqual([['satisfiedLevels', 'three-level']]);
  });

  it('takes respondent-level shares with equal criteria weights only, naming the element whose weights differ', () => {
    expect(methodOf(methodInput({ shares: 'respondent-level' })).shares).toBe('respondent-level');
    const weighted = {
      shares: 'respondent-level' as const,
      tree: {
        elements: [
          {
            id: 'A',
            criteria: [
              { id: 'A.1', weight: 0.7 },
              { id: 'A.2', weight: 0.3 },
            ],
          },
          { id: 'B' },
        ],
      },
    };
    expect(paths(issuesOf(methodInput(weighted)))).toEqual([['tree', 'elements', 0, 'criteria']]);
    expect(methodOf(methodInput({ ...weighted, shares: 'answer-level' })).shares).toBe('answer-level');
  });

  it("scores an element under respondent-level shares as the mean of each respondent's share, where answer-level pools the answers", () => {
    const respondentLevel = methodOf(methodInput({ shares: 'respondent-level' }));
    const answerLevel = methodOf(methodInput());
    // One respondent satisfied with both criteria of A, three satisfied with one of two, one answering only A.1, dissatisfied.
    const responses = [
      answered({ 'A.1': 5, 'A.2': 4, 'B.1': 5 }),
      answered({ 'A.1': 4, 'A.2': 2, 'B.1': 3 }),
      answered({ 'A.1': 1, 'A.2': 5, 'B.1': 4 }),
      answered({ 'A.1': 2, 'A.2': 4 }),
      answered({ 'A.1': 3 }),
    ];
    const byRespondent = scoreByMethod(respondentLevel, clinic, tallyResponses(clinic, responses, respondentLevel));
    // (1 + ½ + ½ + ½ + 0) ÷ 5 respondents; B: (1 + 0 + 1) ÷ 3.
    expect(byRespondent.elements.map((element) => element.index)).toEqual([50, (2 / 3) * 100]);
    expect(byRespondent.overall).toBeCloseTo((50 + 200 / 3) / 2, 12);
    // Answer-level: A.1 2 of 5, A.2 3 of 4, mean 57.5.
    const byAnswer = scoreByMethod(answerLevel, clinic, tallyResponses(clinic, responses, answerLevel));
    expect(byAnswer.elements[0]!.index).toBeCloseTo(57.5, 12);
    // The criteria themselves are the same either way: one answer per respondent.
    expect(byRespondent.elements[0]!.criteria).toEqual(byAnswer.elements[0]!.criteria);
  });

  it('gives under respondent-level shares what an independent mean over respondents gives, for any answers, split or not', () => {
    const respondentLevel = methodOf(methodInput({ shares: 'respondent-level', satisfiedLevels: { 'five-level': [3, 4, 5] } }));
    const level = fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined });
    const response = fc.record({ a1: level, a2: level, b1: level, complete: fc.boolean() });
    fc.assert(
      fc.property(fc.array(response, { maxLength: 40 }), fc.nat(40), (drawn, cut) => {
        const responses = drawn.map(({ a1, a2, b1, complete }) =>
          answered(
            Object.fromEntries(Object.entries({ 'A.1': a1, 'A.2': a2, 'B.1': b1 }).filter(([, value]) => value !== undefined)) as Record<
              string,
              number
            >,
            complete,
          ),
        );
        const independent = (criteria: string[]) => {
          const shares = responses
            .filter((r) => r.complete)
            .map((r) => criteria.map((id) => r.answers[id]).filter((value): value is number => typeof value === 'number'))
            .filter((levels) => levels.length > 0)
            .map((levels) => levels.filter((value) => value >= 3).length / levels.length);
          return shares.length === 0 ? null : (shares.reduce((sum, share) => sum + share, 0) / shares.length) * 100;
        };
        const whole = scoreByMethod(respondentLevel, clinic, tallyResponses(clinic, responses, respondentLevel));
        const split = scoreByMethod(
          respondentLevel,
          clinic,
          mergeTallies(
            tallyResponses(clinic, responses.slice(0, cut), respondentLevel),
            tallyResponses(clinic, responses.slice(cut), respondentLevel),
          ),
        );
        const expected = [independent(['A.1', 'A.2']), independent(['B.1'])];
        for (const score of [whole, split]) {
          score.elements.forEach((element, e) => {
            if (expected[e] === null) expect(element.index).toBeNull();
            else expect(element.index).toBeCloseTo(expected[e]!, 9);
          });
        }
      }),
    );
  });

  it('fills the defaults of the 2017 method for what an input leaves out', () => {
    expect(methodOf(methodInput())).toMatchObject({
      shares: 'answer-level',
      noOpinion: 'excluded-from-denominator',
      unanswered: 'excluded-from-denominator',
      rounding: { decimals: 2, mode: 'half-away-from-zero' },
      minimumSampleToRank: DEFAULT_MINIMUM_SAMPLE,
      tree: null,
    });
  });
});

describe('the shipped methods and the registry', () => {
  it("ships every method in the schema's full form, with notes in Vietnamese and English", () => {
    for (const method of SHIPPED_METHODS) {
      expect(scoringMethodSchema.parse(method), method.id).toEqual(method);
      for (const note of method.notes) expect(Object.keys(note).sort(), method.id).toEqual(['en', 'vi']);
      expect(method.minimumSampleToRank, method.id).toBe(DEFAULT_MINIMUM_SAMPLE);
      // format.ts rounds every figure shown or exported this way; a method that says otherwise needs it wired first.
      expect(method.rounding, method.id).toEqual({ decimals: 2, mode: 'half-away-from-zero' });
    }
  });

  it('maps each shipped questionnaire to its default method, which fits it', () => {
    expect(methodFor(bundled('sipas'))).toBe(SIPAS_2017);
    expect(methodFor(bundled('counter-rating'))).toBe(COUNTER_RATING_2025);
    expect(methodIssuesFor(SIPAS_2017, bundled('sipas'))).toEqual([]);
    expect(methodIssuesFor(COUNTER_RATING_2025, bundled('counter-rating'))).toEqual([]);
  });

  it("scores a province's own questionnaire by the shipped default whose scales fit it", () => {
    expect(methodFor(clinic)).toBe(SIPAS_2017);
    const threeLevel = makeQuestionnaire({
      elements: [{ id: 'A', title: { vi: 'Chung' }, scale: 'three-level', criteria: [{ id: 'A.1', text: { vi: 'Hài lòng?' } }] }],
    });
    expect(methodFor(threeLevel)).toBe(COUNTER_RATING_2025);
  });
});
