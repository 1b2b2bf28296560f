import { describe, expect, it } from 'vitest';
import { questionnaireSchema, type Questionnaire } from '../../../src/domain/questionnaire.ts';
import { applyDraftEdit, editableDraftOf, type DraftEdit } from '../../../src/domain/questionnaire-edits.ts';
import { bundled } from './factories.ts';

const SIPAS = bundled('sipas');

function edited(draft: unknown, ...edits: DraftEdit[]): Questionnaire {
  return edits.reduce<unknown>((current, edit) => applyDraftEdit(current, edit), draft) as Questionnaire;
}

describe('the visual editor’s edits of a draft', () => {
  it('reads the title, languages and elements of a draft, and nothing from a draft without elements', () => {
    const editable = editableDraftOf(SIPAS)!;
    expect(editable.locales).toEqual(Object.keys(SIPAS.locales));
    expect(editable.elements.map((element) => [element.id, element.criteria.length])).toEqual(
      SIPAS.elements.map((element) => [element.id, element.criteria.length]),
    );
    expect(editable.elements[0]!.criteria[0]!.text.vi).toBe(SIPAS.elements[0]!.criteria[0]!.text.vi);
    for (const draft of [null, 'text', [], {}, { elements: 'none' }, { elements: [1] }]) expect(editableDraftOf(draft)).toBeNull();
    expect(editableDraftOf({ elements: [] })!.locales).toEqual(['vi']);
  });

  it('rewords texts per language: an emptied translation is removed, an emptied Vietnamese text stays for publishing to name', () => {
    const draft = edited(
      SIPAS,
      { kind: 'set-title', locale: 'en', text: 'Satisfaction survey' },
      { kind: 'set-element-title', element: 1, locale: 'vi', text: 'Thủ tục hành chính' },
      { kind: 'set-criterion-text', element: 0, criterion: 2, locale: 'km', text: '' },
      { kind: 'set-criterion-text', element: 0, criterion: 1, locale: 'vi', text: '' },
    );
    expect(draft.title.en).toBe('Satisfaction survey');
    expect(draft.elements[1]!.title.vi).toBe('Thủ tục hành chính');
    expect(draft.elements[0]!.criteria[2]!.text).not.toHaveProperty('km');
    expect(draft.elements[0]!.criteria[1]!.text.vi).toBe('');
    expect(questionnaireSchema.safeParse(draft).error?.issues.map((issue) => issue.path.join('.'))).toEqual(['elements.0.criteria.1.text.vi']);
    // Nothing else moved, and the draft it started from is untouched.
    expect(draft.sections).toEqual(SIPAS.sections);
    expect(SIPAS.elements[0]!.criteria[1]!.text.vi).not.toBe('');
  });

  it('adds elements and criteria under the next free ids, which a publishable draft accepts once worded', () => {
    const draft = edited(
      SIPAS,
      { kind: 'add-criterion', element: 0 },
      { kind: 'add-element' },
      { kind: 'add-criterion', element: SIPAS.elements.length },
    );
    const first = SIPAS.elements[0]!;
    const added = draft.elements[0]!.criteria.at(-1)!;
    expect(added.id).toBe(`${first.id}.${first.criteria.length + 1}`);
    const element = draft.elements.at(-1)!;
    expect(element.id).toBe(`E${SIPAS.elements.length + 1}`);
    expect(element.scale).toBe(SIPAS.elements.at(-1)!.scale);
    expect(element.criteria.map((criterion) => criterion.id)).toEqual([`${element.id}.1`, `${element.id}.2`]);
    const worded = edited(
      draft,
      { kind: 'set-criterion-text', element: 0, criterion: first.criteria.length, locale: 'vi', text: 'Có nước uống miễn phí' },
      { kind: 'set-element-title', element: SIPAS.elements.length, locale: 'vi', text: 'Dịch vụ hỗ trợ' },
      { kind: 'set-criterion-text', element: SIPAS.elements.length, criterion: 0, locale: 'vi', text: 'Có người hướng dẫn' },
      { kind: 'set-criterion-text', element: SIPAS.elements.length, criterion: 1, locale: 'vi', text: 'Có chỗ gửi xe' },
    );
    expect(questionnaireSchema.safeParse(worded).success).toBe(true);
  });

  it('never reuses an id the draft has anywhere, sections included', () => {
    const taken = {
      ...SIPAS,
      sections: [{ id: 'E6', title: { vi: 'Thêm' }, questions: [{ id: 'E1.6', kind: 'scale', scale: 'five-level', text: { vi: 'Câu hỏi' } }] }],
    };
    const draft = edited(taken, { kind: 'add-criterion', element: 0 }, { kind: 'add-element' });
    expect(draft.elements[0]!.criteria.at(-1)!.id).not.toBe('E1.6');
    expect(draft.elements.map((element) => element.id)).not.toContain('E6');
    expect(draft.elements.at(-1)!.id).toBe('E7');
  });

  it('reorders within bounds, removes all but the last element or criterion, and keeps the rest of the draft', () => {
    const [a, b] = SIPAS.elements[0]!.criteria;
    const moved = edited(SIPAS, { kind: 'move-criterion', element: 0, criterion: 0, by: 1 }, { kind: 'move-element', element: 1, by: -1 });
    expect(moved.elements[1]!.criteria.slice(0, 2).map((criterion) => criterion.id)).toEqual([b!.id, a!.id]);
    expect(moved.elements.slice(0, 2).map((element) => element.id)).toEqual([SIPAS.elements[1]!.id, SIPAS.elements[0]!.id]);
    expect(applyDraftEdit(SIPAS, { kind: 'move-element', element: 0, by: -1 })).toBe(SIPAS);
    expect(applyDraftEdit(SIPAS, { kind: 'move-criterion', element: 0, criterion: SIPAS.elements[0]!.criteria.length - 1, by: 1 })).toBe(SIPAS);

    const one = { ...SIPAS, elements: [{ ...SIPAS.elements[0]!, criteria: [SIPAS.elements[0]!.criteria[0]!] }] };
    expect(applyDraftEdit(one, { kind: 'remove-element', element: 0 })).toBe(one);
    expect(applyDraftEdit(one, { kind: 'remove-criterion', element: 0, criterion: 0 })).toBe(one);
    const fewer = edited(SIPAS, { kind: 'remove-element', element: 2 }, { kind: 'remove-criterion', element: 0, criterion: 0 });
    expect(fewer.elements.map((element) => element.id)).toEqual(SIPAS.elements.filter((_, e) => e !== 2).map((element) => element.id));
    expect(fewer.elements[0]!.criteria.map((criterion) => criterion.id)).toEqual(
      SIPAS.elements[0]!.criteria.slice(1).map((criterion) => criterion.id),
    );
    expect({ ...fewer, elements: SIPAS.elements }).toEqual(SIPAS);
  });

  it('changes an element’s scale', () => {
    expect(edited(SIPAS, { kind: 'set-scale', element: 3, scale: 'three-level' }).elements[3]!.scale).toBe('three-level');
  });
});
