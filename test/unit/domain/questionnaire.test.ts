import { describe, expect, it } from 'vitest';
import { allCriteria, allQuestions, localize, questionnaireKey, questionnaireSchema, scaleOfCriterion } from '../../../src/domain/questionnaire.ts';
import { BUNDLED_QUESTIONNAIRES } from '../../../src/domain/questionnaires/index.ts';
import { bundled, questionnaireInput } from './factories.ts';

function issueMessages(input: unknown): string[] {
  const result = questionnaireSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('bundled questionnaires', () => {
  it('ship the SIPAS survey and the counter rating, both valid', () => {
    expect(BUNDLED_QUESTIONNAIRES.map(questionnaireKey)).toEqual(['sipas@1', 'counter-rating@1']);
  });

  it('give SIPAS the 22 criteria of the national method in 5 elements of 4, 5, 6, 3 and 4', () => {
    const sipas = bundled('sipas');
    expect(sipas.mode).toBe('full');
    expect(sipas.elements.map((element) => element.criteria.length)).toEqual([4, 5, 6, 3, 4]);
    expect(allCriteria(sipas)).toHaveLength(22);
    expect(new Set(sipas.elements.map((element) => element.scale))).toEqual(new Set(['five-level']));
  });

  it('give the counter rating exactly one criterion on the three-level scale', () => {
    const quick = bundled('counter-rating');
    expect(quick.mode).toBe('quick');
    expect(allCriteria(quick).map((criterion) => criterion.id)).toEqual(['Q.1']);
    expect(scaleOfCriterion(quick, 'Q.1')).toBe('three-level');
  });

  it('keep every Vietnamese text in NFC', () => {
    const sipas = bundled('sipas');
    const texts = [...allCriteria(sipas).map((criterion) => criterion.text.vi), ...allQuestions(sipas).map((question) => question.text.vi)];
    for (const text of texts) expect(text).toBe(text?.normalize('NFC'));
  });
});

describe('localize', () => {
  const text = { vi: 'Rất hài lòng', en: 'Very satisfied' };

  it('gives the text in the requested locale', () => {
    expect(localize(text, 'en')).toBe('Very satisfied');
  });

  it('falls back to Vietnamese for a locale the text lacks', () => {
    expect(localize(text, 'km')).toBe('Rất hài lòng');
  });
});

describe('questionnaireSchema', () => {
  it('accepts a small questionnaire of its own, not only SIPAS', () => {
    expect(issueMessages(questionnaireInput())).toEqual([]);
  });

  it('normalises decomposed Vietnamese to NFC', () => {
    const decomposed = 'Khảo sát sự hài lòng'.normalize('NFD');
    expect(decomposed).not.toBe(decomposed.normalize('NFC'));
    const parsed = questionnaireSchema.parse(questionnaireInput({ title: { vi: decomposed } }));
    expect(parsed.title.vi).toBe(decomposed.normalize('NFC'));
  });

  it('rejects a criterion id used twice across elements', () => {
    const input = questionnaireInput({
      elements: [
        { id: 'A', title: { vi: 'A' }, scale: 'five-level', criteria: [{ id: 'X.1', text: { vi: 'một' } }] },
        { id: 'B', title: { vi: 'B' }, scale: 'five-level', criteria: [{ id: 'X.1', text: { vi: 'hai' } }] },
      ],
    });
    expect(issueMessages(input)).toContain('id "X.1" is used twice');
  });

  it('rejects a question that reuses a criterion id, since answers are keyed by id', () => {
    const input = questionnaireInput({
      sections: [
        {
          id: 'extra',
          title: { vi: 'Thêm' },
          questions: [{ id: 'A.1', kind: 'free-text', maxLength: 200, text: { vi: 'Góp ý' } }],
        },
      ],
    });
    expect(issueMessages(input)).toContain('id "A.1" is used twice');
  });

  it('rejects a text without its Vietnamese version', () => {
    const input = questionnaireInput({ title: { en: 'Hospital survey' } });
    expect(issueMessages(input)).toEqual([expect.stringContaining('Vietnamese')]);
  });

  it('rejects a blank Vietnamese text', () => {
    expect(issueMessages(questionnaireInput({ title: { vi: '   ' } }))).not.toEqual([]);
  });

  it('rejects locales that leave out Vietnamese', () => {
    expect(issueMessages(questionnaireInput({ locales: { en: 'reviewed' } }))).toContain('the locales must include "vi"');
  });

  it('rejects a quick questionnaire with more than one criterion', () => {
    expect(issueMessages(questionnaireInput({ mode: 'quick' }))).toContain('a quick questionnaire has exactly one criterion');
  });
});
