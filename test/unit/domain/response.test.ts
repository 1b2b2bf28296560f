import { describe, expect, it } from 'vitest';
import { findAnswerProblems, surveyResponseSchema, type SurveyResponse } from '../../../src/domain/response.ts';
import { bundled, makeResponse } from './factories.ts';

const sipas = bundled('sipas');

function problemCodes(answers: SurveyResponse['answers'], questionnaire = sipas) {
  return findAnswerProblems(makeResponse({ answers }), questionnaire).map(({ code, questionId }) => ({ code, questionId }));
}

describe('surveyResponseSchema', () => {
  it('accepts a complete record', () => {
    const response = makeResponse();
    expect(surveyResponseSchema.parse(response)).toEqual(response);
  });

  it.each([
    ['a UUID v4 as response id', { id: '3b241101-e2bb-4255-8caf-4136c566a962' }],
    ['an upper-case response id', { id: '0196A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B' }],
    ['a device id that is no UUID', { deviceId: 'tablet-1' }],
    ['a sequence number of 0', { deviceSequence: 0 }],
    ['a timestamp without milliseconds', { submittedAt: '2025-05-06T02:14:30Z' }],
    ['a timestamp with a local offset instead of UTC', { submittedAt: '2025-05-06T09:14:30.000+07:00' }],
    ['a submit time before the start time', { submittedAt: '2025-05-06T02:09:59.999Z' }],
  ])('rejects %s', (_label, overrides) => {
    expect(surveyResponseSchema.safeParse(makeResponse(overrides)).success).toBe(false);
  });

  it.each([
    ['a level that is not a whole number', { 'E1.1': 4.5 }, 'E1.1'],
    ['more than 20 choices', { improvements: Array.from({ length: 21 }, (_, index) => `option-${index}`) }, 'improvements'],
    ['an empty option id', { improvements: [''] }, 'improvements'],
    ['a text of 5,001 characters', { comment: 'a'.repeat(5001) }, 'comment'],
    ['an answer that is an object', { overall: { level: 5 } }, 'overall'],
    ['a question id of 65 characters', { ['q'.repeat(65)]: 3 }, 'q'.repeat(65)],
  ])('rejects %s and names the answer', (_label, answers, questionId) => {
    const parsed = surveyResponseSchema.safeParse({ ...makeResponse(), answers });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([['answers', questionId]]);
  });

  it('rejects answers that are not an object', () => {
    const parsed = surveyResponseSchema.safeParse({ ...makeResponse(), answers: [5, 4] });
    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([['answers']]);
  });

  it('keeps a 5,000-character text, 20 choices and a 64-character question id', () => {
    const answers = { comment: 'a'.repeat(5000), improvements: Array.from({ length: 20 }, (_, index) => `option-${index}`), ['q'.repeat(64)]: 3 };
    expect(surveyResponseSchema.parse({ ...makeResponse(), answers }).answers).toEqual(answers);
  });

  it('normalises a free-text answer to NFC', () => {
    const comment = 'Cán bộ rất tận tình'.normalize('NFD');
    const parsed = surveyResponseSchema.parse(makeResponse({ answers: { comment } }));
    expect(parsed.answers.comment).toBe(comment.normalize('NFC'));
  });
});

describe('findAnswerProblems', () => {
  it('finds nothing in answers that fit the questionnaire', () => {
    expect(problemCodes({ 'E1.1': 1, 'E5.4': 5, overall: 3, improvements: ['staff', 'online-services'], gender: 'male', comment: 'ok' })).toEqual([]);
  });

  it('catches a criterion level outside the five-level scale', () => {
    expect(problemCodes({ 'E2.3': 6 })).toEqual([{ code: 'level-out-of-range', questionId: 'E2.3' }]);
  });

  it('catches level 0 on the overall question', () => {
    expect(problemCodes({ overall: 0 })).toEqual([{ code: 'level-out-of-range', questionId: 'overall' }]);
  });

  it('catches level 4 on the three-level counter rating', () => {
    expect(problemCodes({ 'Q.1': 4 }, bundled('counter-rating'))).toEqual([{ code: 'level-out-of-range', questionId: 'Q.1' }]);
  });

  it('catches an option the question does not offer', () => {
    expect(problemCodes({ gender: 'unknown' })).toEqual([{ code: 'unknown-option', questionId: 'gender' }]);
    expect(problemCodes({ improvements: ['staff', 'free-coffee'] })).toEqual([{ code: 'unknown-option', questionId: 'improvements' }]);
  });

  it('catches more than three improvement choices', () => {
    expect(problemCodes({ improvements: ['access', 'procedure', 'staff', 'result'] })).toEqual([
      { code: 'too-many-choices', questionId: 'improvements' },
    ]);
  });

  it('catches an answer to a question the questionnaire does not have', () => {
    expect(problemCodes({ 'E6.1': 5 })).toEqual([{ code: 'unknown-question', questionId: 'E6.1' }]);
  });

  it('catches an answer of the wrong type', () => {
    expect(problemCodes({ 'E1.1': 'five', gender: ['male'], comment: 3 })).toEqual([
      { code: 'wrong-answer-type', questionId: 'E1.1' },
      { code: 'wrong-answer-type', questionId: 'gender' },
      { code: 'wrong-answer-type', questionId: 'comment' },
    ]);
  });

  it('catches a comment longer than the question allows', () => {
    expect(problemCodes({ comment: 'a'.repeat(1001) })).toEqual([{ code: 'text-too-long', questionId: 'comment' }]);
  });
});
