import { z } from 'zod';
import { localeCodeSchema, SCALES, type Questionnaire } from './questionnaire.ts';
import { TABLET_CHANNELS } from './response-channel.ts';

/**
 * One survey response: the storage record on the tablet and the wire record of the sync protocol.
 * It holds no personal data; the dossier code is the only link to a procedure, and staff never see it.
 */

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_ANY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_REFERENCE_ID_LENGTH = 64;
const MAX_CHOICES = 20;
const MAX_TEXT_LENGTH = 5000;
const referenceId = z.string().min(1).max(MAX_REFERENCE_ID_LENGTH);

export const responseIdSchema = z.string().regex(UUID_V7, 'a lower-case UUID v7');
export const deviceIdSchema = z.string().regex(UUID_ANY, 'a lower-case UUID');

/** A level on a scale, a choice or several choices, or a free text (NFC-normalised). */
export const answerValueSchema = z.union([
  z.number().int(),
  z.array(z.string().min(1).max(MAX_REFERENCE_ID_LENGTH)).max(MAX_CHOICES),
  z
    .string()
    .max(MAX_TEXT_LENGTH)
    .transform((text) => text.normalize('NFC')),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

/** Why one answer breaks answerValueSchema's rules, or null when it keeps them. */
function answerValueProblem(value: unknown): string | null {
  if (typeof value === 'number') return Number.isInteger(value) ? null : 'a level must be a whole number';
  if (typeof value === 'string') return value.length <= MAX_TEXT_LENGTH ? null : `a text must be at most ${MAX_TEXT_LENGTH} characters`;
  if (Array.isArray(value)) {
    if (value.length > MAX_CHOICES) return `at most ${MAX_CHOICES} choices`;
    for (const id of value) {
      if (typeof id !== 'string' || id.length < 1 || id.length > MAX_REFERENCE_ID_LENGTH)
        return `each choice must be an option id of 1 to ${MAX_REFERENCE_ID_LENGTH} characters`;
    }
    return null;
  }
  return 'expected a level, a list of option ids or a text';
}

/**
 * The answers map, by the rules of answerValueSchema, checked by hand: z.record over z.union cost about
 * 20 µs a record, the largest single cost of storing a sync batch. Texts are NFC-normalised as there,
 * in place: the object is the one just parsed from the request or read from the store, nobody else's.
 */
const answersSchema = z.unknown().transform((input, context): Record<string, AnswerValue> => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    context.issues.push({ code: 'custom', message: 'expected an object of answers keyed by question id', input });
    return z.NEVER;
  }
  const answers = input as Record<string, unknown>;
  for (const questionId of Object.keys(answers)) {
    const value = answers[questionId];
    if (questionId.length < 1 || questionId.length > MAX_REFERENCE_ID_LENGTH || questionId === '__proto__') {
      context.issues.push({
        code: 'custom',
        message: `not a question id of 1 to ${MAX_REFERENCE_ID_LENGTH} characters`,
        input: questionId,
        path: [questionId],
      });
      continue;
    }
    const problem = answerValueProblem(value);
    if (problem) context.issues.push({ code: 'custom', message: problem, input: value, path: [questionId] });
    else if (typeof value === 'string') answers[questionId] = value.normalize('NFC');
  }
  return answers as Record<string, AnswerValue>;
});

export const utcTimestampSchema = z.iso.datetime({ precision: 3 });

/** A century either way: any real clock error fits, and the corrected time stays a valid date. */
const MAX_CLOCK_OFFSET_MS = 100 * 366 * 86_400_000;
const clockOffsetSchema = z.object({
  ms: z.number().int().min(-MAX_CLOCK_OFFSET_MS).max(MAX_CLOCK_OFFSET_MS),
  forwardMs: z.number().int().min(0).max(MAX_CLOCK_OFFSET_MS),
  basis: z.enum(['session', 'carried']),
});

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
    answers: answersSchema,
    /** Milliseconds spent on each screen, keyed by screen id: evidence against stuffing. */
    screenDurationsMs: z.record(z.string().min(1).max(64), z.number().int().min(0).max(86_400_000)),
    dossierCode: z.string().trim().min(1).max(64).nullable(),
    /**
     * The administrative procedure (thủ tục hành chính) the answers are about, from the unit's list, when
     * the kiosk asks for it. Defaulted so records stored before it existed still read.
     */
    procedureId: referenceId.nullable().default(null),
    /**
     * The tablet's clock against trusted time when the answer was given (device-clock.ts), so the server
     * places the answer on its real day even when the clock changed before the sync; null when the tablet
     * could not know. Absent from clients older than it: the batch's skew places those.
     */
    clockOffset: clockOffsetSchema.nullable().optional(),
    /**
     * 'staff-assisted' when a clerk opened this one survey from the staff view to help someone answer;
     * records from before the channel existed (on a tablet or on the wire) are the citizen's own at the kiosk.
     */
    channel: z.enum(TABLET_CHANNELS).default('kiosk'),
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
  optionIdsOf: Map<string, ReadonlySet<string>>;
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
    const optionIdsOf = new Map<string, ReadonlySet<string>>();
    for (const question of questions.values()) {
      if (question.kind === 'scale') scaleOf.set(question.id, question.scale);
      if (question.kind === 'single-choice' || question.kind === 'multiple-choice') {
        optionIdsOf.set(question.id, new Set(question.options.map((option) => option.id)));
      }
    }
    rules = { scaleOf, questions, optionIdsOf };
    rulesByQuestionnaire.set(questionnaire, rules);
  }
  return rules;
}

/** Checks every answer against the questionnaire version the response names. */
export function findAnswerProblems(response: SurveyResponse, questionnaire: Questionnaire): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const rules = answerRulesOf(questionnaire);
  for (const questionId in response.answers) {
    const problem = checkAnswer(questionId, response.answers[questionId]!, rules, response);
    if (problem) problems.push(...problem);
  }
  return problems;
}

function answerProblem(code: AnswerProblem['code'], questionId: string, message: string): AnswerProblem {
  return { code, questionId, message };
}

// No closures in here: it runs for every answer of every uploaded record.
function checkAnswer(questionId: string, value: AnswerValue, rules: AnswerRules, response: SurveyResponse): AnswerProblem[] | null {
  const scale = rules.scaleOf.get(questionId);
  if (scale) {
    if (typeof value !== 'number') return [answerProblem('wrong-answer-type', questionId, `"${questionId}" expects a level`)];
    if (!(SCALES[scale].levels as readonly number[]).includes(value)) {
      return [answerProblem('level-out-of-range', questionId, `"${questionId}" has level ${value}, outside ${scale}`)];
    }
    return null;
  }
  const question = rules.questions.get(questionId);
  if (!question) {
    return [answerProblem('unknown-question', questionId, `"${questionId}" is not in ${response.questionnaireId} v${response.questionnaireVersion}`)];
  }
  if (question.kind === 'single-choice' || question.kind === 'multiple-choice') {
    const chosen = question.kind === 'single-choice' ? (typeof value === 'string' ? [value] : null) : Array.isArray(value) ? value : null;
    if (!chosen) {
      const expected = question.kind === 'single-choice' ? 'one option id' : 'a list of option ids';
      return [answerProblem('wrong-answer-type', questionId, `"${questionId}" expects ${expected}`)];
    }
    const known = rules.optionIdsOf.get(questionId)!;
    const found: AnswerProblem[] = [];
    const unknown: string[] = [];
    for (const id of chosen) if (!known.has(id)) unknown.push(id);
    if (new Set(chosen).size !== chosen.length) found.push(answerProblem('wrong-answer-type', questionId, `"${questionId}" names an option twice`));
    if (unknown.length > 0) found.push(answerProblem('unknown-option', questionId, `"${questionId}" has unknown option(s) ${unknown.join(', ')}`));
    if (question.kind === 'multiple-choice' && chosen.length > question.maxChoices) {
      found.push(answerProblem('too-many-choices', questionId, `"${questionId}" allows at most ${question.maxChoices} choices`));
    }
    return found.length > 0 ? found : null;
  }
  if (question.kind === 'free-text') {
    if (typeof value !== 'string') return [answerProblem('wrong-answer-type', questionId, `"${questionId}" expects a text`)];
    if (value.length > question.maxLength)
      return [answerProblem('text-too-long', questionId, `"${questionId}" is longer than ${question.maxLength}`)];
  }
  return null;
}
