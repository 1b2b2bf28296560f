import { z } from 'zod';
import { idSchema, localizedTextSchema, scaleKindSchema } from './common-schemas.ts';
import type { Questionnaire } from './questionnaire.ts';
import { customIssue, draftIssuesOf, type DraftIssue } from './draft-issues.ts';
import { SCALES, type ScaleKind } from './scales.ts';

/** Answers a unit needs to be ranked, when a method does not say (a ranking lists units under it unranked). */
export const DEFAULT_MINIMUM_SAMPLE = 30;

/**
 * A scoring method is data, versioned beside the questionnaire it scores (sipas.md "Methods change"):
 * which levels count as satisfied, the tree criterion → element → index with its weights, how each
 * element's figure is formed, rounding and the minimum sample to rank. scoring.ts applies it to a tally;
 * nothing here computes an index.
 *
 * The tree is nested (index → elements → criteria), so a cycle can only take the form of a node named
 * twice or an element named as a criterion; the schema reports both with the field's path.
 */

/** Sibling weights must add up to 1 within this tolerance (0.1 + 0.2 + 0.7 is not exactly 1 in binary). */
export const WEIGHT_SUM_TOLERANCE = 1e-9;

/** A weight relative to its siblings; omitted on every sibling means equal weights. */
const weightSchema = z.number().positive().finite();

const levelsSchema = z.array(z.number().int()).min(1);

export const elementFigureSchema = z.discriminatedUnion('kind', [
  /** The mean of the element's criterion indices (the 2017 rule). */
  z.object({ kind: z.literal('mean-of-criteria') }),
  /** The satisfied share of the element's "in general" question, a scale question of the questionnaire. */
  z.object({ kind: z.literal('in-general'), questionId: idSchema }),
  /** criteriaWeight × mean of criteria + inGeneralWeight × "in general"; the two weights add up to 1. */
  z.object({
    kind: z.literal('combination'),
    questionId: idSchema,
    criteriaWeight: z.number().min(0).max(1),
    inGeneralWeight: z.number().min(0).max(1),
  }),
]);
export type ElementFigure = z.infer<typeof elementFigureSchema>;

export const methodCriterionSchema = z.object({ id: idSchema, weight: weightSchema.optional() });

export const methodElementSchema = z.object({
  id: idSchema,
  weight: weightSchema.optional(),
  figure: elementFigureSchema.default({ kind: 'mean-of-criteria' }),
  /** The criteria that form the element's mean; omitted: every criterion of the element, equal weights. */
  criteria: z.array(methodCriterionSchema).min(1).optional(),
});
export type MethodElement = z.infer<typeof methodElementSchema>;

export const roundingSchema = z.object({
  decimals: z.number().int().min(0).max(4),
  mode: z.enum(['half-away-from-zero', 'half-to-even']),
});
export type Rounding = z.infer<typeof roundingSchema>;

export const scoringMethodSchema = z
  .object({
    id: idSchema,
    version: z.number().int().min(1),
    name: localizedTextSchema,
    /** The act the method follows, as its number and date (e.g. "Quyết định 2640/QĐ-BNV ngày 10/10/2017"). */
    legalBasis: localizedTextSchema,
    /** What the method assumes where its source is silent; shown to administrators beside the method. */
    notes: z.array(localizedTextSchema),
    /** Per scale kind, the levels counted as satisfied; a questionnaire may use only scales given here. */
    satisfiedLevels: z.object({ 'five-level': levelsSchema.optional(), 'three-level': levelsSchema.optional() }).strict(),
    /**
     * How an element's mean of criteria is formed. 'answer-level' (2017): the mean of its criteria's shares,
     * each satisfied answers ÷ answers. 'respondent-level': the mean over respondents of each one's share
     * of the element's criteria they answered at a satisfied level (respondent-shares.ts; criteria weigh
     * equally). Counted when a response is stored, by its version's method: a figure needs no raw answer.
     */
    shares: z.enum(['answer-level', 'respondent-level']).default('answer-level'),
    /** "No opinion" and unanswered are not levels: they leave the denominator (2017); tallies hold no other reading. */
    noOpinion: z.literal('excluded-from-denominator').default('excluded-from-denominator'),
    unanswered: z.literal('excluded-from-denominator').default('excluded-from-denominator'),
    /**
     * How published figures are rounded; means are always taken of unrounded figures. Screens and exports
     * round with format.ts (2 decimals, half away from zero), which every shipped method states.
     */
    rounding: roundingSchema.default({ decimals: 2, mode: 'half-away-from-zero' }),
    minimumSampleToRank: z.number().int().min(1).default(DEFAULT_MINIMUM_SAMPLE),
    /** null: the questionnaire's own elements and criteria, equal weights, each element the mean of its criteria. */
    tree: z
      .object({ elements: z.array(methodElementSchema).min(1) })
      .nullable()
      .default(null),
  })
  .superRefine((method, ctx) => {
    for (const issue of structuralIssues(method)) ctx.addIssue(customIssue(issue));
  });
export type ScoringMethod = z.output<typeof scoringMethodSchema>;
export type ScoringMethodInput = z.input<typeof scoringMethodSchema>;

/** One problem of a method: the field's path (as a 400 response names it), the reason and its values. */
export type MethodIssue = DraftIssue;

export type MethodValidation = { ok: true; method: ScoringMethod } | { ok: false; issues: MethodIssue[] };

/** Parses a method and checks it against the questionnaire it is to score; nothing is accepted with an issue. */
export function validateScoringMethod(input: unknown, questionnaire: Questionnaire): MethodValidation {
  const parsed = scoringMethodSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: draftIssuesOf(parsed.error),
    };
  }
  const issues = methodIssuesFor(parsed.data, questionnaire);
  return issues.length === 0 ? { ok: true, method: parsed.data } : { ok: false, issues };
}

/** What makes a well-formed method unable to score this questionnaire from its tallies. */
export function methodIssuesFor(method: ScoringMethod, questionnaire: Questionnaire): MethodIssue[] {
  const issues: MethodIssue[] = [];
  const scalesUsed = new Set<ScaleKind>(questionnaire.elements.map((element) => element.scale));
  const scaleQuestions = new Map(
    questionnaire.sections
      .flatMap((section) => section.questions)
      .flatMap((question) => (question.kind === 'scale' ? [[question.id, question.scale] as const] : [])),
  );
  if (method.tree) {
    const elementsById = new Map(questionnaire.elements.map((element) => [element.id, element]));
    const placed = new Set(method.tree.elements.map((element) => element.id));
    for (const element of questionnaire.elements) {
      if (!placed.has(element.id))
        issues.push({
          path: ['tree', 'elements'],
          message: `the questionnaire's element "${element.id}" has no place in the tree`,
          reason: 'element-not-in-tree',
          values: { element: element.id },
        });
    }
    method.tree.elements.forEach((node, e) => {
      const element = elementsById.get(node.id);
      if (!element) {
        issues.push({
          path: ['tree', 'elements', e, 'id'],
          message: `the questionnaire has no element "${node.id}"`,
          reason: 'unknown-element',
          values: { element: node.id },
        });
        return;
      }
      const ownCriteria = new Set(element.criteria.map((criterion) => criterion.id));
      node.criteria?.forEach((criterion, c) => {
        if (!ownCriteria.has(criterion.id)) {
          issues.push({
            path: ['tree', 'elements', e, 'criteria', c, 'id'],
            message: `element "${node.id}" has no criterion "${criterion.id}"`,
            reason: 'unknown-criterion',
            values: { element: node.id, criterion: criterion.id },
          });
        }
      });
      if (node.figure.kind !== 'mean-of-criteria') {
        const scale = scaleQuestions.get(node.figure.questionId);
        if (scale === undefined) {
          issues.push({
            path: ['tree', 'elements', e, 'figure', 'questionId'],
            message: `the questionnaire has no scale question "${node.figure.questionId}"`,
            reason: 'unknown-question',
            values: { element: node.id, question: node.figure.questionId },
          });
        } else scalesUsed.add(scale);
      }
    });
  }
  for (const scale of scalesUsed) {
    if (!method.satisfiedLevels[scale])
      issues.push({
        path: ['satisfiedLevels', scale],
        message: `the questionnaire uses the ${scale} scale: say which of its levels count as satisfied`,
        reason: 'satisfied-levels-missing',
        values: { scale },
      });
  }
  return issues;
}

/** Checks that need no questionnaire: levels within their scale, weights adding up, no node named twice. */
function structuralIssues(method: Omit<ScoringMethod, 'id'>): MethodIssue[] {
  const issues: MethodIssue[] = [];
  for (const scale of scaleKindSchema.options) {
    const levels = method.satisfiedLevels[scale];
    const scaleLevels: readonly number[] = SCALES[scale].levels;
    levels?.forEach((level, i) => {
      if (!scaleLevels.includes(level))
        issues.push({
          path: ['satisfiedLevels', scale, i],
          message: `level ${level} is not on the ${scale} scale (${scaleLevels.join(', ')})`,
          reason: 'level-off-scale',
          values: { level, scale },
        });
      else if (levels.indexOf(level) !== i)
        issues.push({ path: ['satisfiedLevels', scale, i], message: `level ${level} is listed twice`, reason: 'level-twice', values: { level } });
    });
  }
  if (!method.tree) return issues;
  const elements = method.tree.elements;
  if (method.shares === 'respondent-level') {
    elements.forEach((element, e) => {
      const weights = new Set(element.criteria?.map((criterion) => criterion.weight));
      if (weights.size > 1)
        issues.push({
          path: ['tree', 'elements', e, 'criteria'],
          message: `respondent-level shares weigh the criteria of a respondent's share equally: remove the criteria weights of element "${element.id}"`,
          reason: 'respondent-criteria-weights',
          values: { element: element.id },
        });
    });
  }
  issues.push(...weightIssues(elements, ['tree', 'elements']));
  const elementIds = new Set(elements.map((element) => element.id));
  const seenElements = new Set<string>();
  const seenCriteria = new Set<string>();
  elements.forEach((element, e) => {
    if (seenElements.has(element.id))
      issues.push({
        path: ['tree', 'elements', e, 'id'],
        message: `element "${element.id}" appears twice in the tree`,
        reason: 'element-twice',
        values: { element: element.id },
      });
    seenElements.add(element.id);
    if (
      element.figure.kind === 'combination' &&
      Math.abs(element.figure.criteriaWeight + element.figure.inGeneralWeight - 1) > WEIGHT_SUM_TOLERANCE
    ) {
      issues.push({
        path: ['tree', 'elements', e, 'figure'],
        message: 'criteriaWeight and inGeneralWeight must add up to 1',
        reason: 'combination-weights',
        values: { element: element.id },
      });
    }
    if (!element.criteria) return;
    issues.push(...weightIssues(element.criteria, ['tree', 'elements', e, 'criteria']));
    element.criteria.forEach((criterion, c) => {
      const path = ['tree', 'elements', e, 'criteria', c, 'id'];
      if (elementIds.has(criterion.id))
        issues.push({
          path,
          message: `"${criterion.id}" is an element: naming it as a criterion would make the tree loop`,
          reason: 'criterion-is-element',
          values: { criterion: criterion.id },
        });
      else if (seenCriteria.has(criterion.id))
        issues.push({
          path,
          message: `criterion "${criterion.id}" appears twice in the tree`,
          reason: 'criterion-twice',
          values: { criterion: criterion.id },
        });
      seenCriteria.add(criterion.id);
    });
  });
  return issues;
}

/** Siblings either all omit their weight (equal weights) or all give one, adding up to 1. */
function weightIssues(siblings: readonly { weight?: number | undefined }[], path: (string | number)[]): MethodIssue[] {
  const given = siblings.filter((sibling) => sibling.weight !== undefined);
  if (given.length === 0) return [];
  if (given.length < siblings.length)
    return [{ path, message: 'give a weight to every item here, or to none (equal weights)', reason: 'weights-partial' }];
  const sum = given.reduce((total, sibling) => total + sibling.weight!, 0);
  return Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE
    ? [{ path, message: `the weights add up to ${sum}, they must add up to 1`, reason: 'weights-sum', values: { sum } }]
    : [];
}
