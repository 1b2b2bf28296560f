import { describe, expect, it } from 'vitest';
import { summarizeResponses } from '../../../src/domain/daily-summary.ts';
import { formatIndex } from '../../../src/domain/format.ts';
import { bundled, makeResponse } from './factories.ts';

const questionnaires = [bundled('sipas'), bundled('counter-rating')];
const full = (answers: Record<string, number | string>, extra: Parameters<typeof makeResponse>[0] = {}) =>
  makeResponse({ answers, serviceFieldId: 'land', counterId: 'q1', ...extra });
const quick = (level: number) =>
  makeResponse({ questionnaireId: 'counter-rating', answers: { 'Q.1': level }, serviceFieldId: null, counterId: 'q1' });

/** Hand-computed: E1.1 2 of 3 satisfied, E1.2 1 of 2, E2.1 1 of 2; the incomplete response is ignored. */
const responses = [
  full({ 'E1.1': 5, 'E1.2': 2, 'E2.1': 4, comment: 'Cán bộ tận tình' }),
  full({ 'E1.1': 4, 'E1.2': 4, 'E2.1': 1 }, { counterId: 'q2' }),
  full({ 'E1.1': 1, comment: '=1+1' }, { serviceFieldId: 'ho-tich' }),
  full({ 'E1.1': 1, 'E2.1': 1 }, { complete: false }),
  quick(3),
  quick(2),
  quick(1),
];

describe('the daily summary', () => {
  const summary = summarizeResponses({ responses, questionnaires, targets: [{ questionnaireId: 'sipas', percent: 90 }] });
  const sipas = summary.questionnaires.find((part) => part.questionnaireId === 'sipas')!;
  const counterRating = summary.questionnaires.find((part) => part.questionnaireId === 'counter-rating')!;

  it('counts complete and incomplete responses', () => {
    expect([summary.total, summary.complete, summary.incomplete, summary.unscored]).toEqual([7, 6, 1, 0]);
    expect([sipas.responses, sipas.incomplete, counterRating.responses]).toEqual([3, 1, 3]);
  });

  it('computes the SIPAS and element indices exactly as the national method, from complete responses only', () => {
    const e1 = ((2 / 3) * 100 + 50) / 2;
    expect(sipas.score.elements[0]!.index).toBeCloseTo(e1, 10);
    expect(sipas.score.elements[1]!.index).toBe(50);
    expect(sipas.score.elements.slice(2).map((element) => element.index)).toEqual([null, null, null]);
    expect(sipas.score.overall).toBeCloseTo((e1 + 50) / 2, 10);
    expect(formatIndex(sipas.score.overall, 'vi')).toBe('54,17%');
  });

  it('scores the quick rating separately, with levels 2 and 3 satisfied', () => {
    expect(counterRating.mode).toBe('quick');
    expect(formatIndex(counterRating.score.overall, 'vi')).toBe('66,67%');
  });

  it('uses the unit target, and 85 when the unit has none', () => {
    expect(sipas.targetPercent).toBe(90);
    expect(counterRating.targetPercent).toBe(85);
  });

  it('breaks down by service field and by counter', () => {
    expect(sipas.byServiceField).toEqual([
      { id: 'ho-tich', responses: 1, index: 0 },
      { id: 'land', responses: 2, index: 62.5 },
    ]);
    expect(sipas.byCounter.map((row) => [row.id, row.responses])).toEqual([
      ['q1', 2],
      ['q2', 1],
    ]);
  });

  it('lists comments sorted by text, not by who wrote them when', () => {
    expect(summary.comments).toEqual(['=1+1', 'Cán bộ tận tình']);
  });

  it('counts but never scores a response whose questionnaire version the tablet lacks', () => {
    const other = summarizeResponses({ responses: [full({ 'E1.1': 5 }, { questionnaireVersion: 9 })], questionnaires, targets: [] });
    expect([other.total, other.unscored, other.questionnaires.length]).toEqual([1, 1, 0]);
  });
});
