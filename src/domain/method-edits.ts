import { isObject, objectsOf, stringOf, textsOf, type Json } from './draft-values.ts';
import { DEFAULT_LOCALE } from './localize.ts';
import { methodFor } from './methods/index.ts';
import type { Questionnaire } from './questionnaire.ts';
import type { ElementFigure } from './scoring-method.ts';
import { SCALES, type ScaleKind } from './scales.ts';

/**
 * What the visual editor changes in a draft's scoring method: whether the version carries a method of its
 * own or is scored by the shipped default, and then its name and legal basis per language, the levels
 * counted as satisfied on each scale, answer- or respondent-level shares, the minimum sample to rank, and
 * per element its weight, its criteria's weights and how its figure is formed (the mean of its criteria, its "in general"
 * question, or a combination of both). Like questionnaire-edits.ts, these read only what they change and
 * keep the rest of the draft as written; publishing checks the whole method against the questionnaire.
 * An element's criteria weigh equally unless given weights; a criterion added to the draft after that has
 * none until it is given one (the form says so, and publishing refuses weights given to only some).
 */

/** One element of the draft as the method scores it. */
export interface MethodElementForm {
  id: string;
  /** Its weight among the elements (0–1); null while the elements weigh equally. */
  weight: number | null;
  figure: ElementFigure;
  /** True while its criteria weigh equally in its mean (the method names none of them). */
  equalCriteria: boolean;
  /** Its criteria as the draft has them, each with its weight in the mean (0–1) or null when it has none. */
  criteria: { id: string; weight: number | null }[];
}

/** A scale question of the draft, which an element's figure may rest on. */
export interface ScaleQuestionChoice {
  id: string;
  text: Record<string, string>;
}

export interface MethodForm {
  /** True when the draft carries its own method; false when it is scored by the shipped default shown. */
  own: boolean;
  name: Record<string, string>;
  legalBasis: Record<string, string>;
  notes: Record<string, string>[];
  /** The scales the draft's elements use, each with the levels counted as satisfied. */
  satisfiedLevels: { scale: ScaleKind; levels: number[] }[];
  shares: 'answer-level' | 'respondent-level';
  minimumSampleToRank: number;
  equalWeights: boolean;
  elements: MethodElementForm[];
  scaleQuestions: ScaleQuestionChoice[];
}

export type MethodEdit =
  /** Start a method of the version's own from the one that scores it now. */
  | { kind: 'own-method' }
  /** Drop the version's own method: the shipped default scores it. */
  | { kind: 'default-method' }
  | { kind: 'set-method-text'; field: 'name' | 'legalBasis'; locale: string; text: string }
  | { kind: 'set-satisfied-levels'; scale: ScaleKind; levels: number[] }
  | { kind: 'set-shares'; shares: 'answer-level' | 'respondent-level' }
  | { kind: 'set-minimum-sample'; value: number }
  /** Weights by element id (0–1), or null for equal weights. */
  | { kind: 'set-element-weights'; weights: Record<string, number> | null }
  | { kind: 'set-element-figure'; element: string; figure: ElementFigure }
  /** Weights of one element's criteria by id (0–1), or null for equal weights. */
  | { kind: 'set-criterion-weights'; element: string; weights: Record<string, number> | null };

const isScale = (value: string): value is ScaleKind => Object.hasOwn(SCALES, value);

/** The draft's own elements, each with its scale and criteria; an element without a known scale is left out. */
function draftElements(draft: Json): { id: string; scale: ScaleKind; criteria: string[] }[] {
  const elements = objectsOf(draft.elements);
  return elements.flatMap((element) => {
    const scale = stringOf(element.scale);
    const criteria = objectsOf(element.criteria).map((criterion) => stringOf(criterion.id));
    return isScale(scale) ? [{ id: stringOf(element.id), scale, criteria }] : [];
  });
}

function scaleQuestionsOf(draft: Json): ScaleQuestionChoice[] {
  return objectsOf(draft.sections)
    .flatMap((section) => objectsOf(section.questions))
    .filter((question) => question.kind === 'scale')
    .map((question) => ({ id: stringOf(question.id), text: textsOf(question.text) }));
}

/** The method scoring the draft now, to read: its own as written, else the shipped default for it; null when neither can be read. */
function currentMethod(draft: Json): { own: boolean; method: Json } | null {
  if (isObject(draft.scoringMethod)) return { own: true, method: draft.scoringMethod };
  const elements = draftElements(draft);
  if (elements.length === 0) return null;
  try {
    const fallback = methodFor({
      id: stringOf(draft.id),
      mode: draft.mode === 'quick' ? 'quick' : 'full',
      elements: elements as unknown as Questionnaire['elements'],
    });
    return { own: false, method: fallback as unknown as Json };
  } catch {
    return null;
  }
}

function treeNodes(method: Json): Json[] {
  return isObject(method.tree) ? objectsOf(method.tree.elements) : [];
}

const MEAN_OF_CRITERIA: ElementFigure = { kind: 'mean-of-criteria' };

/** The method of a draft as the form shows it; null when the draft has no element with a known scale. */
export function methodFormOf(draft: unknown): MethodForm | null {
  if (!isObject(draft)) return null;
  const current = currentMethod(draft);
  if (!current) return null;
  const { method } = current;
  const elements = draftElements(draft);
  const nodes = new Map(treeNodes(method).map((node) => [stringOf(node.id), node]));
  const levels = isObject(method.satisfiedLevels) ? method.satisfiedLevels : {};
  const scales = [...new Set(elements.map((element) => element.scale))];
  const weights = elements.map((element) => nodes.get(element.id)?.weight);
  return {
    own: current.own,
    name: textsOf(method.name),
    legalBasis: textsOf(method.legalBasis),
    notes: Array.isArray(method.notes) ? method.notes.map(textsOf) : [],
    satisfiedLevels: scales.map((scale) => ({
      scale,
      levels: Array.isArray(levels[scale]) ? (levels[scale] as unknown[]).filter((level): level is number => typeof level === 'number') : [],
    })),
    shares: method.shares === 'respondent-level' ? 'respondent-level' : 'answer-level',
    minimumSampleToRank: typeof method.minimumSampleToRank === 'number' ? method.minimumSampleToRank : 30,
    equalWeights: weights.every((weight) => typeof weight !== 'number'),
    elements: elements.map((element, e) => {
      const node = nodes.get(element.id);
      const figure = node?.figure;
      const named =
        node && Array.isArray(node.criteria) ? new Map(objectsOf(node.criteria).map((criterion) => [stringOf(criterion.id), criterion])) : null;
      return {
        id: element.id,
        weight: typeof weights[e] === 'number' ? weights[e] : null,
        figure: isObject(figure) && typeof figure.kind === 'string' ? (figure as ElementFigure) : MEAN_OF_CRITERIA,
        equalCriteria: named === null,
        criteria: element.criteria.map((id) => {
          const weight = named?.get(id)?.weight;
          return { id, weight: typeof weight === 'number' ? weight : null };
        }),
      };
    }),
    scaleQuestions: scaleQuestionsOf(draft),
  };
}

/**
 * The draft with one method edit made, as a new object; an edit that does not fit leaves it as it was.
 * Any edit but `default-method` gives the draft a method of its own, starting from the one scoring it now.
 */
export function applyMethodEdit(draft: unknown, edit: MethodEdit): unknown {
  if (!isObject(draft)) return draft;
  const current = currentMethod(draft);
  if (!current) return draft;
  const copy = structuredClone(draft);
  if (edit.kind === 'default-method') {
    delete copy.scoringMethod;
    return copy;
  }
  // The shipped method is shared by every draft: the version's own starts as a copy of it.
  const method = current.own ? (copy.scoringMethod as Json) : ownMethodFrom(copy, structuredClone(current.method));
  copy.scoringMethod = method;
  switch (edit.kind) {
    case 'own-method':
      return copy;
    case 'set-method-text':
      method[edit.field] = { ...textsOf(method[edit.field]), [edit.locale]: edit.text };
      return copy;
    case 'set-satisfied-levels': {
      const onScale = SCALES[edit.scale].levels as readonly number[];
      const levels = onScale.filter((level) => edit.levels.includes(level));
      method.satisfiedLevels = { ...(isObject(method.satisfiedLevels) ? method.satisfiedLevels : {}), [edit.scale]: levels };
      return copy;
    }
    case 'set-shares':
      method.shares = edit.shares;
      return copy;
    case 'set-minimum-sample':
      if (!Number.isInteger(edit.value) || edit.value < 1) return draft;
      method.minimumSampleToRank = edit.value;
      return copy;
    case 'set-element-weights':
      method.tree = treeWith(copy, method, (node) => {
        const weight = edit.weights?.[stringOf(node.id)];
        if (typeof weight === 'number') node.weight = weight;
        else delete node.weight;
      });
      return copy;
    case 'set-element-figure':
      method.tree = treeWith(copy, method, (node) => {
        if (node.id === edit.element) node.figure = edit.figure;
      });
      return copy;
    case 'set-criterion-weights': {
      const { weights } = edit;
      const criteria = draftElements(copy).find((element) => element.id === edit.element)?.criteria ?? [];
      method.tree = treeWith(copy, method, (node) => {
        if (node.id !== edit.element) return;
        if (weights) node.criteria = criteria.map((id) => (weights[id] === undefined ? { id } : { id, weight: weights[id] }));
        else delete node.criteria;
      });
      return copy;
    }
  }
}

/**
 * A method of the version's own, copied from the one scoring it now, named after the version so reports
 * say which it is, and noting what it started from.
 */
function ownMethodFrom(draft: Json, base: Json): Json {
  const title = textsOf(draft.title);
  const version = typeof draft.version === 'number' ? draft.version : 1;
  const baseName = textsOf(base.name);
  return {
    ...base,
    id: `${stringOf(draft.id) || 'questionnaire'}-v${version}`,
    version: 1,
    name: {
      [DEFAULT_LOCALE]: `Cách tính của ${title[DEFAULT_LOCALE] ?? ''}, phiên bản ${version}`,
      en: `Scoring of ${title.en ?? title[DEFAULT_LOCALE] ?? ''}, version ${version}`,
    },
    notes: [
      { [DEFAULT_LOCALE]: `Dựa trên: ${baseName[DEFAULT_LOCALE] ?? ''}.`, en: `Based on: ${baseName.en ?? baseName[DEFAULT_LOCALE] ?? ''}.` },
      ...(Array.isArray(base.notes) ? base.notes : []),
    ],
  };
}

/**
 * The tree for the draft's elements as they are now (an element added since gets its mean of criteria,
 * one removed leaves), with one change made to every node; null when every node is plain, which the
 * schema reads as the same thing: equal weights, each element the mean of all its criteria.
 */
function treeWith(draft: Json, method: Json, change: (node: Json) => void): Json | null {
  // The method is the edit's own copy already (applyMethodEdit): its nodes are changed in place.
  const nodes = new Map(treeNodes(method).map((node) => [stringOf(node.id), node]));
  const elements = draftElements(draft).map(({ id }) => {
    const node = nodes.get(id) ?? { id, figure: { kind: 'mean-of-criteria' } };
    change(node);
    return node;
  });
  const plain = (node: Json) =>
    node.weight === undefined && node.criteria === undefined && (!isObject(node.figure) || node.figure.kind === 'mean-of-criteria');
  return elements.every(plain) ? null : { elements };
}
