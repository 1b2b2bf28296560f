import { isObject, objectsOf, stringOf, textsOf, type Json } from './draft-values.ts';
import { DEFAULT_LOCALE } from './localize.ts';
import type { ScaleKind } from './scales.ts';

/**
 * What the visual editor changes in a questionnaire draft: the title, the elements and their criteria,
 * the sections after them with their questions and a choice question's options (texts per language,
 * order, scale, limits, added and removed). The draft is plain JSON, as written or pasted, valid or not
 * yet: these read only what they change and keep everything else as it is (the scoring method,
 * recordings, unknown fields), and publishing checks the whole with the schema as before.
 * Ids are never changed: a method and stored answers refer to them. A new one is the next free number.
 */

export interface EditableItem {
  id: string;
  text: Record<string, string>;
}

export interface EditableElement {
  id: string;
  title: Record<string, string>;
  scale: string;
  criteria: EditableItem[];
}

export const EDITABLE_QUESTION_KINDS = ['single-choice', 'multiple-choice', 'free-text', 'scale'] as const;
export type EditableQuestionKind = (typeof EDITABLE_QUESTION_KINDS)[number];

export interface EditableQuestion extends EditableItem {
  kind: string;
  /** A scale question's scale. */
  scale: string;
  /** A choice question's options. */
  options: EditableItem[];
  /** How many options a multiple-choice question takes at most. */
  maxChoices: number | null;
  /** How long a free-text answer may be. */
  maxLength: number | null;
}

export interface EditableSection {
  id: string;
  title: Record<string, string>;
  questions: EditableQuestion[];
}

export interface EditableDraft {
  title: Record<string, string>;
  /** The draft's languages in its order (`locales`), Vietnamese first when it lacks them. */
  locales: string[];
  /** Each declared language's translation status ('reviewed', 'awaiting-review'), as written. */
  localeStatus: Record<string, string>;
  elements: EditableElement[];
  sections: EditableSection[];
}

/** Where a list sits in the draft: the elements, an element's criteria, the sections, a section's questions, a question's options. */
export type ListPath =
  | { list: 'elements' }
  | { list: 'criteria'; element: number }
  | { list: 'sections' }
  | { list: 'questions'; section: number }
  | { list: 'options'; section: number; question: number };

/** Which text: the draft's title, or the title or text of one item of a list. */
export type TextPath = { of: 'title' } | (ListPath & { item: number });

export type DraftEdit =
  | { kind: 'set-text'; at: TextPath; locale: string; text: string }
  | { kind: 'set-scale'; at: ListPath & { item: number }; scale: ScaleKind }
  | { kind: 'set-limit'; section: number; question: number; value: number }
  | { kind: 'add'; to: ListPath; questionKind?: EditableQuestionKind }
  | { kind: 'remove'; from: ListPath; item: number }
  | { kind: 'move'; in: ListPath; item: number; by: -1 | 1 }
  /** A language added (awaiting a native speaker's review) or its review status changed; Vietnamese is always reviewed. */
  | { kind: 'set-locale'; locale: string; status: TranslationReview };

/** The review states of a translation (questionnaire.ts `translationStatusSchema`). */
export const TRANSLATION_REVIEWS = ['reviewed', 'awaiting-review'] as const;
export type TranslationReview = (typeof TRANSLATION_REVIEWS)[number];

/** A new multiple-choice question takes up to this many options; a free-text answer is at most this long. */
const NEW_MAX_CHOICES = 3;
const NEW_MAX_LENGTH = 1000;

const numberOf = (value: unknown) => (typeof value === 'number' ? value : null);
const itemOf = (item: Json): EditableItem => ({ id: stringOf(item.id), text: textsOf(item.text) });

/** The parts of a draft the editor shows; null when the draft has no list of elements to edit. */
export function editableDraftOf(draft: unknown): EditableDraft | null {
  if (!isObject(draft) || !Array.isArray(draft.elements) || !draft.elements.every(isObject)) return null;
  const declared = isObject(draft.locales) ? Object.keys(draft.locales) : [];
  return {
    title: textsOf(draft.title),
    locales: declared.includes(DEFAULT_LOCALE) ? declared : [DEFAULT_LOCALE, ...declared],
    localeStatus: textsOf(draft.locales),
    elements: (draft.elements as Json[]).map((element) => ({
      id: stringOf(element.id),
      title: textsOf(element.title),
      scale: stringOf(element.scale),
      criteria: objectsOf(element.criteria).map(itemOf),
    })),
    sections: objectsOf(draft.sections).map((section) => ({
      id: stringOf(section.id),
      title: textsOf(section.title),
      questions: objectsOf(section.questions).map((question) => ({
        ...itemOf(question),
        kind: stringOf(question.kind),
        scale: stringOf(question.scale),
        options: objectsOf(question.options).map(itemOf),
        maxChoices: numberOf(question.maxChoices),
        maxLength: numberOf(question.maxLength),
      })),
    })),
  };
}

type Draft = Json & { elements: Json[] };

/** The list at `path` in the draft (created empty where a section has no list yet), or null when the path does not fit. */
function listAt(draft: Draft, path: ListPath): Json[] | null {
  const ownList = (holder: Json | undefined, key: string): Json[] | null => {
    if (!holder) return null;
    if (holder[key] === undefined) holder[key] = [];
    return Array.isArray(holder[key]) ? (holder[key] as Json[]) : null;
  };
  switch (path.list) {
    case 'elements':
      return draft.elements;
    case 'criteria':
      return ownList(draft.elements[path.element], 'criteria');
    case 'sections':
      return ownList(draft, 'sections');
    case 'questions':
      return ownList(listAt(draft, { list: 'sections' })?.[path.section], 'questions');
    case 'options':
      return ownList(listAt(draft, { list: 'questions', section: path.section })?.[path.question], 'options');
  }
}

/** The fewest items each list keeps, as the schema asks: one element, criterion and question, two options. */
export const FEWEST_ITEMS: Readonly<Record<ListPath['list'], number>> = { elements: 1, criteria: 1, sections: 0, questions: 1, options: 2 };

/** The draft with one edit made, as a new object; an edit that does not fit the draft leaves it as it was. */
export function applyDraftEdit(draft: unknown, edit: DraftEdit): unknown {
  if (editableDraftOf(draft) === null) return draft;
  const copy = structuredClone(draft) as Draft;
  switch (edit.kind) {
    case 'set-locale':
      if (edit.locale === DEFAULT_LOCALE || !TRANSLATION_REVIEWS.includes(edit.status)) return draft;
      copy.locales = { ...(isObject(copy.locales) ? copy.locales : {}), [edit.locale]: edit.status };
      return copy;
    case 'set-text': {
      if ('of' in edit.at) {
        copy.title = withText(copy.title, edit.locale, edit.text);
        return copy;
      }
      const item = listAt(copy, edit.at)?.[edit.at.item];
      if (!item) return draft;
      // Elements and sections are titled; criteria, questions and options have a text.
      const key = edit.at.list === 'elements' || edit.at.list === 'sections' ? 'title' : 'text';
      item[key] = withText(item[key], edit.locale, edit.text);
      return copy;
    }
    case 'set-scale': {
      const item = listAt(copy, edit.at)?.[edit.at.item];
      if (!item) return draft;
      item.scale = edit.scale;
      return copy;
    }
    case 'set-limit': {
      const question = listAt(copy, { list: 'questions', section: edit.section })?.[edit.question];
      if (!question || !Number.isInteger(edit.value) || edit.value < 1) return draft;
      if (question.kind === 'multiple-choice') question.maxChoices = edit.value;
      else if (question.kind === 'free-text') question.maxLength = edit.value;
      else return draft;
      return copy;
    }
    case 'add': {
      const list = listAt(copy, edit.to);
      if (!list) return draft;
      list.push(newItem(copy, edit.to, list, edit.questionKind ?? 'single-choice'));
      return copy;
    }
    case 'remove': {
      const list = listAt(copy, edit.from);
      if (!list?.[edit.item] || list.length <= FEWEST_ITEMS[edit.from.list]) return draft;
      list.splice(edit.item, 1);
      return copy;
    }
    case 'move': {
      const list = listAt(copy, edit.in);
      const target = edit.item + edit.by;
      if (!list?.[edit.item] || !list[target]) return draft;
      [list[edit.item], list[target]] = [list[target]!, list[edit.item]!];
      return copy;
    }
  }
}

const emptyText = () => ({ [DEFAULT_LOCALE]: '' });

/** A new item for a list, under the next free id, its texts empty for the administrator to write. */
function newItem(draft: Draft, path: ListPath, list: Json[], questionKind: EditableQuestionKind): Json {
  const taken = idsOf(draft);
  const free = (idAt: (n: number) => string, from = list.length + 1) => {
    let n = from;
    while (taken.has(idAt(n))) n += 1;
    taken.add(idAt(n));
    return idAt(n);
  };
  switch (path.list) {
    case 'elements': {
      const id = free((n) => `E${n}`);
      const scale = list.at(-1)?.scale ?? 'five-level';
      return { id, title: emptyText(), scale, criteria: [{ id: free((n) => `${id}.${n}`, 1), text: emptyText() }] };
    }
    case 'criteria':
      return { id: free((n) => `${stringOf(draft.elements[path.element]?.id) || 'C'}.${n}`), text: emptyText() };
    case 'sections':
      return {
        id: free((n) => `S${n}`),
        title: emptyText(),
        questions: [
          newQuestion(
            free((n) => `Q${n}`),
            questionKind,
          ),
        ],
      };
    case 'questions':
      return newQuestion(
        free((n) => `Q${n}`),
        questionKind,
      );
    case 'options': {
      // Option ids are unique within their question only.
      const own = new Set(list.map((option) => stringOf(option.id)));
      let n = list.length + 1;
      while (own.has(`option-${n}`)) n += 1;
      return { id: `option-${n}`, text: emptyText() };
    }
  }
}

function newQuestion(id: string, kind: EditableQuestionKind): Json {
  const question: Json = { id, kind, text: emptyText() };
  if (kind === 'scale') question.scale = 'five-level';
  if (kind === 'single-choice' || kind === 'multiple-choice') {
    question.options = [
      { id: 'option-1', text: emptyText() },
      { id: 'option-2', text: emptyText() },
    ];
  }
  if (kind === 'multiple-choice') question.maxChoices = NEW_MAX_CHOICES;
  if (kind === 'free-text') question.maxLength = NEW_MAX_LENGTH;
  return question;
}

/** Vietnamese stays when emptied (publishing then names it as missing); another language emptied is no translation. */
function withText(texts: unknown, locale: string, text: string): Record<string, string> {
  const next = { ...textsOf(texts) };
  if (text === '' && locale !== DEFAULT_LOCALE) delete next[locale];
  else next[locale] = text;
  return next;
}

/** Every id of the draft that shares one namespace (questionnaireSchema): elements, criteria, sections and their questions. */
function idsOf(draft: Draft): Set<string> {
  const ids = new Set<string>();
  const add = (item: Json) => {
    if (typeof item.id === 'string') ids.add(item.id);
  };
  for (const element of draft.elements) {
    add(element);
    objectsOf(element.criteria).forEach(add);
  }
  for (const section of objectsOf(draft.sections)) {
    add(section);
    objectsOf(section.questions).forEach(add);
  }
  return ids;
}
