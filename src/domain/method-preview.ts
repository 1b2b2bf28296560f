import { z } from 'zod';
import { localDaySchema } from './manage-api.ts';
import { localizedTextSchema, questionnaireSchema, type Questionnaire } from './questionnaire.ts';
import { methodFor, methodLabel } from './methods/index.ts';
import { scoreQuestionnaire } from './scoring.ts';
import type { Tally } from './tally.ts';

/**
 * Before an administrator publishes a version with a new scoring method (issue 19): a past period of a
 * chosen unit scored by the method in force and by the draft's, side by side, from the same stored answers.
 * A draft usually keeps the criteria and changes how they combine; a criterion it adds has no answers yet.
 */

export const methodPreviewRequestSchema = z
  .object({
    questionnaire: questionnaireSchema,
    unitId: z.string().min(1).max(64),
    from: localDaySchema,
    to: localDaySchema,
  })
  .refine((request) => request.from <= request.to, { message: 'from is after to', path: ['from'] });
export type MethodPreviewRequest = z.infer<typeof methodPreviewRequestSchema>;

const scoredSideSchema = z.object({
  version: z.number(),
  method: z.object({ id: z.string(), version: z.number(), name: localizedTextSchema }),
  overall: z.number().nullable(),
});

export const methodPreviewReplySchema = z.object({
  unitId: z.string(),
  period: z.object({ from: localDaySchema, to: localDaySchema }),
  /** Complete answers of the basis version in the unit's scope over the period (flagged ones included, as reports do by default). */
  n: z.number(),
  /** The published version whose answers are scored: the newest with answers in the period; null when there are none. */
  basis: scoredSideSchema.nullable(),
  draft: scoredSideSchema,
  /** One row per element of the draft, then any element of the basis the draft no longer has. */
  elements: z.array(
    z.object({
      id: z.string(),
      title: localizedTextSchema,
      basis: z.number().nullable(),
      draft: z.number().nullable(),
      /** Points the draft's figure differs from the basis's; null when either is missing. */
      change: z.number().nullable(),
    }),
  ),
  overallChange: z.number().nullable(),
  /** Criteria of the draft that no stored answer of the basis version covers: new ones, or renamed ids. */
  criteriaWithoutAnswers: z.array(z.string()),
  /**
   * The draft's method takes respondents' shares, which are counted only for versions whose own method
   * asks for them (respondent-shares.ts): the basis version's answers cannot give its element figures.
   */
  respondentSharesUncounted: z.boolean(),
});
export type MethodPreviewReply = z.infer<typeof methodPreviewReplySchema>;

/** The two methods over one tally of the basis version's answers. */
export function previewMethods(
  input: { unitId: string; period: { from: string; to: string }; n: number; basis: Questionnaire | null; draft: Questionnaire },
  tally: Tally,
): MethodPreviewReply {
  const draftScore = scoreQuestionnaire(input.draft, tally);
  const basisScore = input.basis ? scoreQuestionnaire(input.basis, tally) : null;
  const difference = (before: number | null | undefined, after: number | null | undefined) =>
    before === null || before === undefined || after === null || after === undefined ? null : after - before;
  const basisIndexOf = new Map(basisScore?.elements.map((element) => [element.elementId, element.index]) ?? []);
  const draftIndexOf = new Map(draftScore.elements.map((element) => [element.elementId, element.index]));
  const elements = [
    ...input.draft.elements.map((element) => ({ id: element.id, title: element.title })),
    ...(input.basis?.elements ?? []).filter((element) => !draftIndexOf.has(element.id)).map((element) => ({ id: element.id, title: element.title })),
  ].map(({ id, title }) => {
    const basis = basisIndexOf.get(id) ?? null;
    const draft = draftIndexOf.get(id) ?? null;
    return { id, title, basis, draft, change: difference(basis, draft) };
  });
  const side = (questionnaire: Questionnaire, overall: number | null) => ({
    version: questionnaire.version,
    method: methodLabel(methodFor(questionnaire)),
    overall,
  });
  return {
    unitId: input.unitId,
    period: input.period,
    n: input.n,
    basis: input.basis && basisScore ? side(input.basis, basisScore.overall) : null,
    draft: side(input.draft, draftScore.overall),
    elements,
    overallChange: difference(basisScore?.overall, draftScore.overall),
    criteriaWithoutAnswers: input.n === 0 ? [] : draftScore.criteriaWithoutAnswers,
    respondentSharesUncounted:
      input.basis !== null && methodFor(input.draft).shares === 'respondent-level' && methodFor(input.basis).shares !== 'respondent-level',
  };
}
