import { allQuestions, type Questionnaire } from './questionnaire.ts';
import type { SurveyResponse } from './response.ts';

/** The free-text questions of a questionnaire version: where citizens leave comments. */
export function freeTextQuestionIds(questionnaire: Questionnaire): string[] {
  return allQuestions(questionnaire)
    .filter((question) => question.kind === 'free-text')
    .map((question) => question.id);
}

/** The comments of one response, in question order: non-blank text answers only. */
export function commentsOfAnswers(answers: SurveyResponse['answers'], freeTextIds: readonly string[]): string[] {
  const comments: string[] = [];
  for (const id of freeTextIds) {
    const text = answers[id];
    if (typeof text === 'string' && text.trim() !== '') comments.push(text);
  }
  return comments;
}

/** A response counts as commented when it is complete and has at least one comment (as reports list them). */
export function isCommented(response: Pick<SurveyResponse, 'answers' | 'complete'>, freeTextIds: readonly string[]): boolean {
  return response.complete && commentsOfAnswers(response.answers, freeTextIds).length > 0;
}
