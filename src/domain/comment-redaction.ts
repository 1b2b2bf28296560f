import type { Questionnaire } from './questionnaire.ts';
import { redactPersonalData } from './redaction.ts';
import type { AnswerValue } from './response.ts';
import { freeTextQuestionIds } from './response-marks.ts';

/**
 * Where the redaction rules (redaction.ts) meet a response: every free-text answer of the version it
 * answers is redacted, nothing else (a choice's option id is not text a citizen typed). The tablet calls
 * it before the answer is stored and the server when it accepts a record, so both store the same text.
 */

const freeTextIdsOf = new WeakMap<Questionnaire, readonly string[]>();

function cachedFreeTextIds(questionnaire: Questionnaire): readonly string[] {
  let ids = freeTextIdsOf.get(questionnaire);
  if (!ids) freeTextIdsOf.set(questionnaire, (ids = freeTextQuestionIds(questionnaire)));
  return ids;
}

/** The response with its comments redacted; the very same object when no comment held personal data. */
export function withCommentsRedacted<T extends { answers: Record<string, AnswerValue> }>(response: T, questionnaire: Questionnaire): T {
  let redacted: Record<string, AnswerValue> | null = null;
  for (const id of cachedFreeTextIds(questionnaire)) {
    const text = response.answers[id];
    if (typeof text !== 'string' || text === '') continue;
    const clean = redactPersonalData(text);
    if (clean !== text) (redacted ??= { ...response.answers })[id] = clean;
  }
  return redacted ? { ...response, answers: redacted } : response;
}
