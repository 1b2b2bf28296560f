import { z } from 'zod';
import { idSchema, localeCodeSchema, localizedTextSchema, scaleKindSchema, type LocaleCode } from './common-schemas.ts';
import { DEFAULT_LOCALE, localize, type LocalizedText } from './localize.ts';
import { SCALES, type ScaleKind } from './scales.ts';
import { customIssue } from './draft-issues.ts';
import { methodIssuesFor, scoringMethodSchema } from './scoring-method.ts';

export { DEFAULT_LOCALE, localize, SCALES, localeCodeSchema, localizedTextSchema, scaleKindSchema };
export type { LocaleCode, LocalizedText, ScaleKind };

/**
 * A questionnaire is data, never code: a province publishes a new version without a release.
 * Every text is given per locale; Vietnamese is mandatory and is the fallback for any other locale.
 */

/**
 * A recording of one text per locale, read aloud when the tablet has no speech voice for that language.
 * Recordings travel inside the published version as data URLs: they are versioned with the text they
 * speak (a changed text is a new version, so a stale recording cannot outlive it) and reach the tablet
 * with its configuration, so they play offline with no cache of their own.
 */
export const AUDIO_DATA_URL_PATTERN = /^data:audio\/(ogg|mpeg|wav|x-wav|webm|mp4|aac);base64,[A-Za-z0-9+/]+={0,2}$/;
/** About 45 s of compressed speech; a recording reads one question, never a whole screen. */
export const MAX_AUDIO_DATA_URL_LENGTH = 512 * 1024;
export const audioDataUrlSchema = z
  .string()
  .max(MAX_AUDIO_DATA_URL_LENGTH, 'a recording is at most 512 KB as a data URL')
  .regex(AUDIO_DATA_URL_PATTERN, 'a recording is a base64 data URL of type audio/ogg, mpeg, wav, webm, mp4 or aac');
export const localizedAudioSchema = z.record(localeCodeSchema, audioDataUrlSchema);
export type LocalizedAudio = z.infer<typeof localizedAudioSchema>;

export const criterionSchema = z.object({
  id: idSchema,
  text: localizedTextSchema,
  audio: localizedAudioSchema.optional(),
});
export type Criterion = z.infer<typeof criterionSchema>;

/** An element (yếu tố) groups criteria (tiêu chí); the index is computed per criterion, then per element. */
export const elementSchema = z.object({
  id: idSchema,
  title: localizedTextSchema,
  audio: localizedAudioSchema.optional(),
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
  audio: localizedAudioSchema.optional(),
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
export type TranslationStatus = z.infer<typeof translationStatusSchema>;

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
    /**
     * The method this version is scored by, published with it and as immutable; omitted: the shipped
     * default of its id or mode (methods/index.ts `methodFor`).
     */
    scoringMethod: scoringMethodSchema.optional(),
  })
  .superRefine((questionnaire, ctx) => {
    const seen = new Set<string>();
    const ids = [
      ...questionnaire.elements.map((element) => element.id),
      ...questionnaire.elements.flatMap((element) => element.criteria.map((criterion) => criterion.id)),
      ...questionnaire.sections.flatMap((section) => section.questions.map((question) => question.id)),
    ];
    for (const id of ids) {
      if (seen.has(id)) ctx.addIssue(customIssue({ message: `id "${id}" is used twice`, path: ['id'], reason: 'id-twice', values: { id } }));
      seen.add(id);
    }
    for (const { path, text, audio } of textsWithAudio(questionnaire)) {
      for (const locale of Object.keys(audio)) {
        if (text[locale] === undefined) {
          ctx.addIssue(
            customIssue({
              message: `a recording in "${locale}" needs the text in "${locale}" it reads`,
              path: [...path, 'audio', locale],
              reason: 'recording-without-text',
              values: { locale },
            }),
          );
        }
      }
    }
    if (!(DEFAULT_LOCALE in questionnaire.locales)) {
      ctx.addIssue(customIssue({ message: 'the locales must include "vi"', path: ['locales'], reason: 'vietnamese-missing' }));
    }
    if (questionnaire.scoringMethod) {
      for (const issue of methodIssuesFor(questionnaire.scoringMethod, questionnaire)) {
        ctx.addIssue(customIssue({ ...issue, path: ['scoringMethod', ...issue.path] }));
      }
    }
    if (questionnaire.mode === 'quick') {
      const criteria = questionnaire.elements.flatMap((element) => element.criteria);
      if (criteria.length !== 1) {
        ctx.addIssue(customIssue({ message: 'a quick questionnaire has exactly one criterion', path: ['elements'], reason: 'quick-one-criterion' }));
      }
    }
  });
export type Questionnaire = z.infer<typeof questionnaireSchema>;

interface TextWithAudio {
  path: (string | number)[];
  text: LocalizedText;
  audio: LocalizedAudio;
}

/** Every text that carries recordings, with where it sits in the questionnaire (for error paths). */
function textsWithAudio(questionnaire: {
  elements: { title: LocalizedText; audio?: LocalizedAudio; criteria: { text: LocalizedText; audio?: LocalizedAudio }[] }[];
  sections: { questions: { text: LocalizedText; audio?: LocalizedAudio }[] }[];
}): TextWithAudio[] {
  const found: TextWithAudio[] = [];
  questionnaire.elements.forEach((element, e) => {
    if (element.audio) found.push({ path: ['elements', e], text: element.title, audio: element.audio });
    element.criteria.forEach((criterion, c) => {
      if (criterion.audio) found.push({ path: ['elements', e, 'criteria', c], text: criterion.text, audio: criterion.audio });
    });
  });
  questionnaire.sections.forEach((section, s) =>
    section.questions.forEach((question, q) => {
      if (question.audio) found.push({ path: ['sections', s, 'questions', q], text: question.text, audio: question.audio });
    }),
  );
  return found;
}

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
  return questionnaire.elements.find((element) => element.criteria.some((criterion) => criterion.id === criterionId))?.scale;
}
