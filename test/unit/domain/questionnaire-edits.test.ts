import { describe, expect, it } from 'vitest';
import { questionnaireSchema, type Questionnaire } from '../../../src/domain/questionnaire.ts';
import { applyDraftEdit, editableDraftOf, type DraftEdit } from '../../../src/domain/questionnaire-edits.ts';
import { bundled } from './factories.ts';

const SIPAS = bundled('sipas');
const ELEMENTS = { list: 'elements' } as const;
const criteriaOf = (element: number) => ({ list: 'criteria', element }) as const;
const SECTIONS = { list: 'sections' } as const;
const questionsOf = (section: number) => ({ list: 'questions', section }) as const;
const optionsOf = (section: number, question: number) => ({ list: 'options', section, question }) as const;
const sectionIndex = (id: string) => SIPAS.sections.findIndex((section) => section.id === id);

function edited(draft: unknown, ...edits: DraftEdit[]): Questionnaire {
  return edits.reduce<unknown>((current, edit) => applyDraftEdit(current, edit), draft) as Questionnaire;
}

describe('the visual editor’s edits of a draft', () => {
  it('reads the title, languages, elements and sections of a draft, and nothing from a draft without elements', () => {
    const editable = editableDraftOf(SIPAS)!;
    expect(editable.locales).toEqual(Object.keys(SIPAS.locales));
    expect(editable.elements.map((element) => [element.id, element.criteria.length])).toEqual(
      SIPAS.elements.map((element) => [element.id, element.criteria.length]),
    );
    expect(editable.elements[0]!.criteria[0]!.text.vi).toBe(SIPAS.elements[0]!.criteria[0]!.text.vi);
    const improvements = editable.sections[sectionIndex('improvements')]!.questions[0]!;
    expect([improvements.kind, improvements.options.length, improvements.maxChoices]).toEqual(['multiple-choice', 8, 3]);
    for (const draft of [null, 'text', [], {}, { elements: 'none' }, { elements: [1] }]) expect(editableDraftOf(draft)).toBeNull();
    expect(editableDraftOf({ elements: [] })).toMatchObject({ locales: ['vi'], sections: [] });
  });

  it('rewords texts per language: an emptied translation is removed, an emptied Vietnamese text stays for publishing to name', () => {
    const profile = sectionIndex('profile');
    const draft = edited(
      SIPAS,
      { kind: 'set-text', at: { of: 'title' }, locale: 'en', text: 'Satisfaction survey' },
      { kind: 'set-text', at: { ...ELEMENTS, item: 1 }, locale: 'vi', text: 'Thủ tục hành chính' },
      { kind: 'set-text', at: { ...criteriaOf(0), item: 2 }, locale: 'km', text: '' },
      { kind: 'set-text', at: { ...criteriaOf(0), item: 1 }, locale: 'vi', text: '' },
      { kind: 'set-text', at: { ...SECTIONS, item: profile }, locale: 'vi', text: 'Về ông/bà' },
      { kind: 'set-text', at: { ...questionsOf(profile), item: 0 }, locale: 'en', text: 'Sex' },
      { kind: 'set-text', at: { ...optionsOf(profile, 0), item: 1 }, locale: 'vi', text: 'Nữ giới' },
    );
    expect(draft.title.en).toBe('Satisfaction survey');
    expect(draft.elements[1]!.title.vi).toBe('Thủ tục hành chính');
    expect(draft.elements[0]!.criteria[2]!.text).not.toHaveProperty('km');
    expect(draft.elements[0]!.criteria[1]!.text.vi).toBe('');
    expect(draft.sections[profile]!.title.vi).toBe('Về ông/bà');
    const gender = draft.sections[profile]!.questions[0]!;
    expect(gender.text.en).toBe('Sex');
    expect(gender.kind === 'single-choice' && gender.options[1]!.text.vi).toBe('Nữ giới');
    expect(questionnaireSchema.safeParse(draft).error?.issues.map((issue) => issue.path.join('.'))).toEqual(['elements.0.criteria.1.text.vi']);
    // The draft it started from is untouched.
    expect(SIPAS.elements[0]!.criteria[1]!.text.vi).not.toBe('');
  });

  it('adds elements, criteria, sections, questions of each kind and options under free ids, which a publishable draft accepts once worded', () => {
    const draft = edited(
      SIPAS,
      { kind: 'add', to: criteriaOf(0) },
      { kind: 'add', to: ELEMENTS },
      { kind: 'add', to: criteriaOf(SIPAS.elements.length) },
      { kind: 'add', to: SECTIONS, questionKind: 'multiple-choice' },
      { kind: 'add', to: questionsOf(SIPAS.sections.length), questionKind: 'free-text' },
      { kind: 'add', to: questionsOf(SIPAS.sections.length), questionKind: 'scale' },
      { kind: 'add', to: optionsOf(SIPAS.sections.length, 0) },
    );
    const first = SIPAS.elements[0]!;
    expect(draft.elements[0]!.criteria.at(-1)!.id).toBe(`${first.id}.${first.criteria.length + 1}`);
    const element = draft.elements.at(-1)!;
    expect(element.id).toBe(`E${SIPAS.elements.length + 1}`);
    expect(element.scale).toBe(SIPAS.elements.at(-1)!.scale);
    expect(element.criteria.map((criterion) => criterion.id)).toEqual([`${element.id}.1`, `${element.id}.2`]);
    const section = draft.sections.at(-1)!;
    expect(section.questions.map((question) => question.kind)).toEqual(['multiple-choice', 'free-text', 'scale']);
    const [choices, text, scale] = section.questions;
    expect(choices!.kind === 'multiple-choice' && [choices!.options.map((option) => option.id), choices!.maxChoices]).toEqual([
      ['option-1', 'option-2', 'option-3'],
      3,
    ]);
    expect(text!.kind === 'free-text' && text!.maxLength).toBe(1000);
    expect(scale!.kind === 'scale' && scale!.scale).toBe('five-level');
    const ids = [
      ...draft.elements.flatMap((e) => [e.id, ...e.criteria.map((c) => c.id)]),
      ...draft.sections.flatMap((s) => s.questions.map((q) => q.id)),
    ];
    expect(new Set(ids).size).toBe(ids.length);

    const last = SIPAS.sections.length;
    const worded = edited(
      draft,
      { kind: 'set-text', at: { ...criteriaOf(0), item: first.criteria.length }, locale: 'vi', text: 'Có nước uống miễn phí' },
      { kind: 'set-text', at: { ...ELEMENTS, item: SIPAS.elements.length }, locale: 'vi', text: 'Dịch vụ hỗ trợ' },
      { kind: 'set-text', at: { ...criteriaOf(SIPAS.elements.length), item: 0 }, locale: 'vi', text: 'Có người hướng dẫn' },
      { kind: 'set-text', at: { ...criteriaOf(SIPAS.elements.length), item: 1 }, locale: 'vi', text: 'Có chỗ gửi xe' },
      { kind: 'set-text', at: { ...SECTIONS, item: last }, locale: 'vi', text: 'Tiện ích' },
      ...[0, 1, 2].map((item): DraftEdit => ({ kind: 'set-text', at: { ...questionsOf(last), item }, locale: 'vi', text: `Câu ${item + 1}` })),
      ...[0, 1, 2].map((item): DraftEdit => ({ kind: 'set-text', at: { ...optionsOf(last, 0), item }, locale: 'vi', text: `Lựa chọn ${item + 1}` })),
    );
    expect(questionnaireSchema.safeParse(worded).success).toBe(true);
  });

  it('sets the limits of multiple-choice and free-text questions, and refuses a limit that is not a whole number from 1', () => {
    const improvements = sectionIndex('improvements');
    const comment = sectionIndex('comment');
    const draft = edited(
      SIPAS,
      { kind: 'set-limit', section: improvements, question: 0, value: 2 },
      { kind: 'set-limit', section: comment, question: 0, value: 500 },
    );
    const [choices] = draft.sections[improvements]!.questions;
    const [text] = draft.sections[comment]!.questions;
    expect(choices!.kind === 'multiple-choice' && choices!.maxChoices).toBe(2);
    expect(text!.kind === 'free-text' && text!.maxLength).toBe(500);
    for (const value of [0, -1, 1.5, Number.NaN])
      expect(applyDraftEdit(SIPAS, { kind: 'set-limit', section: improvements, question: 0, value })).toBe(SIPAS);
    expect(applyDraftEdit(SIPAS, { kind: 'set-limit', section: sectionIndex('overall'), question: 0, value: 3 })).toBe(SIPAS);
  });

  it('reorders within bounds and removes all but what a list must keep, leaving the rest of the draft as it was', () => {
    const [a, b] = SIPAS.elements[0]!.criteria;
    const moved = edited(SIPAS, { kind: 'move', in: criteriaOf(0), item: 0, by: 1 }, { kind: 'move', in: ELEMENTS, item: 1, by: -1 });
    expect(moved.elements[1]!.criteria.slice(0, 2).map((criterion) => criterion.id)).toEqual([b!.id, a!.id]);
    expect(moved.elements.slice(0, 2).map((element) => element.id)).toEqual([SIPAS.elements[1]!.id, SIPAS.elements[0]!.id]);
    expect(applyDraftEdit(SIPAS, { kind: 'move', in: ELEMENTS, item: 0, by: -1 })).toBe(SIPAS);
    expect(applyDraftEdit(SIPAS, { kind: 'move', in: criteriaOf(0), item: SIPAS.elements[0]!.criteria.length - 1, by: 1 })).toBe(SIPAS);

    const one = { ...SIPAS, elements: [{ ...SIPAS.elements[0]!, criteria: [SIPAS.elements[0]!.criteria[0]!] }] };
    expect(applyDraftEdit(one, { kind: 'remove', from: ELEMENTS, item: 0 })).toBe(one);
    expect(applyDraftEdit(one, { kind: 'remove', from: criteriaOf(0), item: 0 })).toBe(one);
    const gender = sectionIndex('profile');
    const twoOptions = edited(SIPAS, { kind: 'remove', from: optionsOf(gender, 0), item: 0 });
    expect(applyDraftEdit(twoOptions, { kind: 'remove', from: optionsOf(gender, 0), item: 0 })).toBe(twoOptions);

    const fewer = edited(
      SIPAS,
      { kind: 'remove', from: ELEMENTS, item: 2 },
      { kind: 'remove', from: criteriaOf(0), item: 0 },
      { kind: 'remove', from: SECTIONS, item: sectionIndex('comment') },
    );
    expect(fewer.elements.map((element) => element.id)).toEqual(SIPAS.elements.filter((_, e) => e !== 2).map((element) => element.id));
    expect(fewer.elements[0]!.criteria.map((criterion) => criterion.id)).toEqual(
      SIPAS.elements[0]!.criteria.slice(1).map((criterion) => criterion.id),
    );
    expect(fewer.sections.map((section) => section.id)).not.toContain('comment');
    expect({ ...fewer, elements: SIPAS.elements, sections: SIPAS.sections }).toEqual(SIPAS);
  });

  it('changes the scale of an element or of a scale question', () => {
    const overall = sectionIndex('overall');
    const draft = edited(
      SIPAS,
      { kind: 'set-scale', at: { ...ELEMENTS, item: 3 }, scale: 'three-level' },
      { kind: 'set-scale', at: { ...questionsOf(overall), item: 0 }, scale: 'three-level' },
    );
    expect(draft.elements[3]!.scale).toBe('three-level');
    const [question] = draft.sections[overall]!.questions;
    expect(question!.kind === 'scale' && question!.scale).toBe('three-level');
  });

  it('never reuses an id the draft has anywhere, sections included', () => {
    const taken = {
      ...SIPAS,
      sections: [{ id: 'E6', title: { vi: 'Thêm' }, questions: [{ id: 'E1.5', kind: 'scale', scale: 'five-level', text: { vi: 'Câu hỏi' } }] }],
    };
    const draft = edited(taken, { kind: 'add', to: criteriaOf(0) }, { kind: 'add', to: ELEMENTS });
    expect(draft.elements[0]!.criteria.at(-1)!.id).toBe('E1.6');
    expect(draft.elements.at(-1)!.id).toBe('E7');
  });

  it('adds a language awaiting review and marks a translation reviewed; Vietnamese and unknown states are left as they are', () => {
    const draft = edited(
      { ...SIPAS, locales: { vi: 'reviewed', en: 'awaiting-review' } },
      { kind: 'set-locale', locale: 'km', status: 'awaiting-review' },
    );
    expect(editableDraftOf(draft)!.locales).toEqual(['vi', 'en', 'km']);
    const reviewed = edited(draft, { kind: 'set-locale', locale: 'en', status: 'reviewed' });
    expect(reviewed.locales).toEqual({ vi: 'reviewed', en: 'reviewed', km: 'awaiting-review' });
    expect(questionnaireSchema.parse(reviewed).locales).toEqual(reviewed.locales);
    expect(applyDraftEdit(reviewed, { kind: 'set-locale', locale: 'vi', status: 'awaiting-review' })).toBe(reviewed);
    expect(applyDraftEdit(reviewed, { kind: 'set-locale', locale: 'en', status: 'machine' as 'reviewed' })).toBe(reviewed);
  });
});
