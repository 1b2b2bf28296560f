import { z } from 'zod';
import { DEFAULT_LOCALE, localize, type LocalizedText } from './localize.ts';
import { SCALES, type ScaleKind } from './scales.ts';

export { DEFAULT_LOCALE, localize, SCALES };
export type { LocalizedText, ScaleKind };

/**
 * A questionnaire is data, never code: a province publishes a new version without a release.
 * Every text is given per locale; Vietnamese is mandatory and is the fallback for any other locale.
 */

export const localeCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a BCP 47 language code such as "vi", "en" or "km"');
export type LocaleCode = z.infer<typeof localeCodeSchema>;

const nonBlankText = z
  .string()
  .trim()
  .min(1)
  .transform((text) => text.normalize('NFC'));

export const localizedTextSchema = z
  .record(localeCodeSchema, nonBlankText)
  .refine((texts) => typeof texts[DEFAULT_LOCALE] === 'string', {
    message: 'every text needs its Vietnamese version ("vi"), the fallback for all locales',
  });

const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64 characters');

export const scaleKindSchema = z.enum(['five-level', 'three-level']) satisfies z.ZodType<ScaleKind>;

export const criterionSchema = z.object({
  id: idSchema,
  text: localizedTextSchema,
});
export type Criterion = z.infer<typeof criterionSchema>;

/** An element (yếu tố) groups criteria (tiêu chí); the index is computed per criterion, then per element. */
export const elementSchema = z.object({
  id: idSchema,
  title: localizedTextSchema,
  scale: scaleKindSchema,
  criteria: z.array(criterionSchema).min(1),
});
export type Element = z.infer<typeof elementSchema>;

export const choiceOptionSchema = z.object({
  id: idSchema,
  text: localizedTextSchema,
});
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

const questionBase = {
  id: idSchema,
  text: localizedTextSchema,
  help: localizedTextSchema.optional(),
};

/** Questions outside the scored elements: overall rating, improvement priorities, profile, comment. */
export const questionSchema = z.discriminatedUnion('kind', [
  z.object({ ...questionBase, kind: z.literal('scale'), scale: scaleKindSchema }),
  z.object({
    ...questionBase,
    kind: z.literal('single-choice'),
    options: z.array(choiceOptionSchema).min(2),
  }),
  z.object({
    ...questionBase,
    kind: z.literal('multiple-choice'),
    options: z.array(choiceOptionSchema).min(2),
    maxChoices: z.number().int().min(1),
  }),
  z.object({
    ...questionBase,
    kind: z.literal('free-text'),
    maxLength: z.number().int().min(1).max(5000),
  }),
]);
export type Question = z.infer<typeof questionSchema>;

/** A screen of extra questions shown after the elements, in order. */
export const sectionSchema = z.object({
  id: idSchema,
  title: localizedTextSchema,
  questions: z.array(questionSchema).min(1),
});
export type Section = z.infer<typeof sectionSchema>;

/** Translation review state per locale, so administrators see which texts await a native speaker. */
export const translationStatusSchema = z.enum(['reviewed', 'awaiting-review']);

export const questionnaireSchema = z
  .object({
    id: idSchema,
    version: z.number().int().min(1),
    /** `full`: the SIPAS-style survey, one element per screen; `quick`: the one-screen counter rating. */
    mode: z.enum(['full', 'quick']),
    title: localizedTextSchema,
    locales: z.record(localeCodeSchema, translationStatusSchema),
    elements: z.array(elementSchema).min(1),
    sections: z.array(sectionSchema),
  })
  .superRefine((questionnaire, ctx) => {
    const seen = new Set<string>();
    const ids = [
      ...questionnaire.elements.map((element) => element.id),
      ...questionnaire.elements.flatMap((element) => element.criteria.map((criterion) => criterion.id)),
      ...questionnaire.sections.flatMap((section) => section.questions.map((question) => question.id)),
    ];
    for (const id of ids) {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', message: `id "${id}" is used twice`, path: ['id'] });
      seen.add(id);
    }
    if (!(DEFAULT_LOCALE in questionnaire.locales)) {
      ctx.addIssue({ code: 'custom', message: 'the locales must include "vi"', path: ['locales'] });
    }
    if (questionnaire.mode === 'quick') {
      const criteria = questionnaire.elements.flatMap((element) => element.criteria);
      if (criteria.length !== 1) {
        ctx.addIssue({ code: 'custom', message: 'a quick questionnaire has exactly one criterion', path: ['elements'] });
      }
    }
  });
export type Questionnaire = z.infer<typeof questionnaireSchema>;

/** Identifies one published version; responses and tallies are tied to it. */
export function questionnaireKey(questionnaire: Pick<Questionnaire, 'id' | 'version'>): string {
  return `${questionnaire.id}@${questionnaire.version}`;
}

export function allCriteria(questionnaire: Questionnaire): Criterion[] {
  return questionnaire.elements.flatMap((element) => element.criteria);
}

export function allQuestions(questionnaire: Questionnaire): Question[] {
  return questionnaire.sections.flatMap((section) => section.questions);
}

export function scaleOfCriterion(questionnaire: Questionnaire, criterionId: string): ScaleKind | undefined {
  return questionnaire.elements.find((element) => element.criteria.some((criterion) => criterion.id === criterionId))
    ?.scale;
}
