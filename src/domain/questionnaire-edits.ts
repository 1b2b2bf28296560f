import { DEFAULT_LOCALE } from './localize.ts';
import type { ScaleKind } from './scales.ts';

/**
 * What the visual editor changes in a questionnaire draft: the title, the elements and their criteria
 * (texts per language, order, scale, added and removed). The draft is plain JSON, as written or pasted,
 * valid or not yet: these read only what they change and keep everything else as it is (sections, the
 * scoring method, recordings, unknown fields), and publishing checks the whole with the schema as before.
 * Ids are never changed: a method and stored answers refer to them. A new one is the next free number.
 */

export interface EditableCriterion {
  id: string;
  text: Record<string, string>;
}

export interface EditableElement {
  id: string;
  title: Record<string, string>;
  scale: string;
  criteria: EditableCriterion[];
}

export interface EditableDraft {
  title: Record<string, string>;
  /** The draft's languages in its order (`locales`), Vietnamese first when it lacks them. */
  locales: string[];
  elements: EditableElement[];
}

export type DraftEdit =
  | { kind: 'set-title'; locale: string; text: string }
  | { kind: 'set-element-title'; element: number; locale: string; text: string }
  | { kind: 'set-criterion-text'; element: number; criterion: number; locale: string; text: string }
  | { kind: 'set-scale'; element: number; scale: ScaleKind }
  | { kind: 'add-element' }
  | { kind: 'add-criterion'; element: number }
  | { kind: 'remove-element'; element: number }
  | { kind: 'remove-criterion'; element: number; criterion: number }
  | { kind: 'move-element'; element: number; by: -1 | 1 }
  | { kind: 'move-criterion'; element: number; criterion: number; by: -1 | 1 };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textsOf(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The parts of a draft the editor shows; null when the draft has no list of elements to edit. */
export function editableDraftOf(draft: unknown): EditableDraft | null {
  if (!isObject(draft) || !Array.isArray(draft.elements) || !draft.elements.every(isObject)) return null;
  const elements = (draft.elements as Json[]).map((element) => ({
    id: typeof element.id === 'string' ? element.id : '',
    title: textsOf(element.title),
    scale: typeof element.scale === 'string' ? element.scale : '',
    criteria: (Array.isArray(element.criteria) ? element.criteria.filter(isObject) : []).map((criterion) => ({
      id: typeof criterion.id === 'string' ? criterion.id : '',
      text: textsOf(criterion.text),
    })),
  }));
  const declared = isObject(draft.locales) ? Object.keys(draft.locales) : [];
  return {
    title: textsOf(draft.title),
    locales: declared.includes(DEFAULT_LOCALE) ? declared : [DEFAULT_LOCALE, ...declared],
    elements,
  };
}

/** The draft with one edit made, as a new object; an edit that does not fit the draft leaves it as it was. */
export function applyDraftEdit(draft: unknown, edit: DraftEdit): unknown {
  if (editableDraftOf(draft) === null) return draft;
  const copy = structuredClone(draft) as Json & { elements: Json[] };
  const elements = copy.elements;
  const element = 'element' in edit ? elements[edit.element] : undefined;
  const criteria = element && Array.isArray(element.criteria) ? (element.criteria as Json[]) : undefined;
  switch (edit.kind) {
    case 'set-title':
      copy.title = withText(copy.title, edit.locale, edit.text);
      return copy;
    case 'set-element-title':
      if (!element) return draft;
      element.title = withText(element.title, edit.locale, edit.text);
      return copy;
    case 'set-criterion-text': {
      const criterion = criteria?.[edit.criterion];
      if (!criterion) return draft;
      criterion.text = withText(criterion.text, edit.locale, edit.text);
      return copy;
    }
    case 'set-scale':
      if (!element) return draft;
      element.scale = edit.scale;
      return copy;
    case 'add-element': {
      const id = freeId(copy, (n) => `E${n}`, elements.length + 1);
      const scale = elements.at(-1)?.scale ?? 'five-level';
      elements.push({ id, title: { [DEFAULT_LOCALE]: '' }, scale, criteria: [{ id: `${id}.1`, text: { [DEFAULT_LOCALE]: '' } }] });
      return copy;
    }
    case 'add-criterion': {
      if (!element || !criteria) return draft;
      const prefix = typeof element.id === 'string' ? element.id : 'C';
      criteria.push({ id: freeId(copy, (n) => `${prefix}.${n}`, criteria.length + 1), text: { [DEFAULT_LOCALE]: '' } });
      return copy;
    }
    case 'remove-element':
      // A questionnaire keeps at least one element, and an element one criterion: the last is never removed.
      if (!element || elements.length <= 1) return draft;
      elements.splice(edit.element, 1);
      return copy;
    case 'remove-criterion':
      if (!criteria?.[edit.criterion] || criteria.length <= 1) return draft;
      criteria.splice(edit.criterion, 1);
      return copy;
    case 'move-element':
      return moved(elements, edit.element, edit.by) ? copy : draft;
    case 'move-criterion':
      return criteria && moved(criteria, edit.criterion, edit.by) ? copy : draft;
  }
}

/** Vietnamese stays when emptied (publishing then names it as missing); another language emptied is no translation. */
function withText(texts: unknown, locale: string, text: string): Record<string, string> {
  const next = { ...textsOf(texts) };
  if (text === '' && locale !== DEFAULT_LOCALE) delete next[locale];
  else next[locale] = text;
  return next;
}

function moved(items: Json[], index: number, by: -1 | 1): boolean {
  const target = index + by;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return false;
  [items[index], items[target]] = [items[target]!, items[index]!];
  return true;
}

/** Every id of the draft: element, criterion and section question ids share one namespace (questionnaireSchema). */
function idsOf(draft: Json & { elements: Json[] }): Set<string> {
  const ids = new Set<string>();
  for (const element of draft.elements) {
    if (typeof element.id === 'string') ids.add(element.id);
    for (const criterion of Array.isArray(element.criteria) ? element.criteria : [])
      if (isObject(criterion) && typeof criterion.id === 'string') ids.add(criterion.id);
  }
  for (const section of Array.isArray(draft.sections) ? draft.sections : []) {
    if (!isObject(section)) continue;
    if (typeof section.id === 'string') ids.add(section.id);
    for (const question of Array.isArray(section.questions) ? section.questions : [])
      if (isObject(question) && typeof question.id === 'string') ids.add(question.id);
  }
  return ids;
}

function freeId(draft: Json & { elements: Json[] }, idAt: (n: number) => string, from: number): string {
  const taken = idsOf(draft);
  let n = from;
  while (taken.has(idAt(n))) n += 1;
  return idAt(n);
}
