import { z } from 'zod';
import { localeCodeSchema, SCALES, type Questionnaire } from './questionnaire.ts';

/**
 * One survey response: the storage record on the tablet and the wire record of the sync protocol.
 * It holds no personal data; the dossier code is the only link to a procedure, and staff never see it.
 */

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_ANY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const referenceId = z.string().min(1).max(64);

export const responseIdSchema = z.string().regex(UUID_V7, 'a lower-case UUID v7');
export const deviceIdSchema = z.string().regex(UUID_ANY, 'a lower-case UUID');

/** A level on a scale, a choice or several choices, or a free text (NFC-normalised). */
export const answerValueSchema = z.union([
  z.number().int(),
  z.array(z.string().min(1).max(64)).max(20),
  z
    .string()
    .max(5000)
    .transform((text) => text.normalize('NFC')),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

export const utcTimestampSchema = z.iso.datetime({ precision: 3 });

export const surveyResponseSchema = z
  .object({
    id: responseIdSchema,
    questionnaireId: referenceId,
    questionnaireVersion: z.number().int().min(1),
    deviceId: deviceIdSchema,
    /** 1, 2, 3, … per device, issued in the transaction that stores the response; proves completeness. */
    deviceSequence: z.number().int().min(1),
    unitId: referenceId,
    counterId: referenceId.nullable(),
    serviceFieldId: referenceId.nullable(),
    locale: localeCodeSchema,
    /** Device clock, UTC; the server corrects it by the skew it measures per batch. */
    startedAt: utcTimestampSchema,
    submittedAt: utcTimestampSchema,
    /** False for answers kept from someone who walked away: stored, never counted in indices. */
    complete: z.boolean(),
    /** Answers keyed by criterion or question id; an unanswered criterion is absent (not a level). */
    answers: z.record(referenceId, answerValueSchema),
    /** Milliseconds spent on each screen, keyed by screen id: evidence against stuffing. */
    screenDurationsMs: z.record(z.string().min(1).max(64), z.number().int().min(0).max(86_400_000)),
    dossierCode: z.string().trim().min(1).max(64).nullable(),
  })
  .refine((response) => response.submittedAt >= response.startedAt, {
    message: 'submittedAt is before startedAt',
    path: ['submittedAt'],
  });
export type SurveyResponse = z.infer<typeof surveyResponseSchema>;

export interface AnswerProblem {
  /** A code a program can switch on. */
  code: 'unknown-question' | 'level-out-of-range' | 'wrong-answer-type' | 'unknown-option' | 'too-many-choices' | 'text-too-long';
  questionId: string;
  message: string;
}

interface AnswerRules {
  scaleOf: Map<string, keyof typeof SCALES>;
  questions: Map<string, Questionnaire['sections'][number]['questions'][number]>;
}

const rulesByQuestionnaire = new WeakMap<Questionnaire, AnswerRules>();

/** The lookups a check needs, built once per questionnaire version (a batch checks hundreds of answers). */
function answerRulesOf(questionnaire: Questionnaire): AnswerRules {
  let rules = rulesByQuestionnaire.get(questionnaire);
  if (!rules) {
    const scaleOf = new Map<string, keyof typeof SCALES>();
    for (const element of questionnaire.elements) {
      for (const criterion of element.criteria) scaleOf.set(criterion.id, element.scale);
    }
    const questions = new Map(questionnaire.sections.flatMap((section) => section.questions).map((q) => [q.id, q] as const));
    for (const question of questions.values()) if (question.kind === 'scale') scaleOf.set(question.id, question.scale);
    rules = { scaleOf, questions };
    rulesByQuestionnaire.set(questionnaire, rules);
  }
  return rules;
}

/** Checks every answer against the questionnaire version the response names. */
export function findAnswerProblems(response: SurveyResponse, questionnaire: Questionnaire): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const { scaleOf, questions } = answerRulesOf(questionnaire);
  for (const questionId in response.answers) {
    const problem = checkAnswer(questionId, response.answers[questionId]!, scaleOf.get(questionId), questions.get(questionId), response);
    if (problem) problems.push(...problem);
  }
  return problems;
}

function checkAnswer(
  questionId: string,
  value: AnswerValue,
  scale: keyof typeof SCALES | undefined,
  question: Questionnaire['sections'][number]['questions'][number] | undefined,
  response: SurveyResponse,
): AnswerProblem[] | null {
  const problem = (code: AnswerProblem['code'], message: string): AnswerProblem => ({ code, questionId, message });
  if (scale) {
    if (typeof value !== 'number') return [problem('wrong-answer-type', `"${questionId}" expects a level`)];
    if (!(SCALES[scale].levels as readonly number[]).includes(value)) {
      return [problem('level-out-of-range', `"${questionId}" has level ${value}, outside ${scale}`)];
    }
    return null;
  }
  if (!question) {
    return [problem('unknown-question', `"${questionId}" is not in ${response.questionnaireId} v${response.questionnaireVersion}`)];
  }
  if (question.kind === 'single-choice' || question.kind === 'multiple-choice') {
    const chosen = question.kind === 'single-choice' ? (typeof value === 'string' ? [value] : null) : Array.isArray(value) ? value : null;
    if (!chosen) {
      return [problem('wrong-answer-type', `"${questionId}" expects ${question.kind === 'single-choice' ? 'one option id' : 'a list of option ids'}`)];
    }
    const found: AnswerProblem[] = [];
    const known = new Set(question.options.map((option) => option.id));
    const unknown = chosen.filter((id) => !known.has(id));
    if (new Set(chosen).size !== chosen.length) found.push(problem('wrong-answer-type', `"${questionId}" names an option twice`));
    if (unknown.length > 0) found.push(problem('unknown-option', `"${questionId}" has unknown option(s) ${unknown.join(', ')}`));
    if (question.kind === 'multiple-choice' && chosen.length > question.maxChoices) {
      found.push(problem('too-many-choices', `"${questionId}" allows at most ${question.maxChoices} choices`));
    }
    return found.length > 0 ? found : null;
  }
  if (question.kind === 'free-text') {
    if (typeof value !== 'string') return [problem('wrong-answer-type', `"${questionId}" expects a text`)];
    if (value.length > question.maxLength) return [problem('text-too-long', `"${questionId}" is longer than ${question.maxLength}`)];
  }
  return null;
}
