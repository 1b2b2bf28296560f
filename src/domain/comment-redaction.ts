import { allQuestions, type Questionnaire } from './questionnaire.ts';
import { redactPersonalData } from './redaction.ts';
import type { AnswerValue } from './response.ts';

/**
 * Where the redaction rules (redaction.ts) meet a response: every free-text answer of the version it
 * answers is redacted, nothing else (a choice's option id is not text a citizen typed). The tablet calls
 * it before the answer is stored and the server when it accepts a record, so both store the same text.
 * A placeholder can be longer than what it replaces ("0912345678" → "[số điện thoại]"): the result is cut
 * to the question's maxLength, so a redacted comment is never refused for its length.
 */

const freeTextQuestionsOf = new WeakMap<Questionnaire, readonly { id: string; maxLength: number }[]>();

function cachedFreeTextQuestions(questionnaire: Questionnaire): readonly { id: string; maxLength: number }[] {
  let questions = freeTextQuestionsOf.get(questionnaire);
  if (!questions) {
    questions = allQuestions(questionnaire).flatMap((question) =>
      question.kind === 'free-text' ? [{ id: question.id, maxLength: question.maxLength }] : [],
    );
    freeTextQuestionsOf.set(questionnaire, questions);
  }
  return questions;
}

/** The response with its comments redacted; the very same object when no comment held personal data. */
export function withCommentsRedacted<T extends { answers: Record<string, AnswerValue> }>(response: T, questionnaire: Questionnaire): T {
  let redacted: Record<string, AnswerValue> | null = null;
  for (const { id, maxLength } of cachedFreeTextQuestions(questionnaire)) {
    const text = response.answers[id];
    if (typeof text !== 'string' || text === '') continue;
    const clean = redactPersonalData(text);
    if (clean !== text) (redacted ??= { ...response.answers })[id] = clean.slice(0, maxLength);
  }
  return redacted ? { ...response, answers: redacted } : response;
}
