import { withoutBidiControls } from './text-input.ts';
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
    const answer = answers[id];
    const text = typeof answer === 'string' ? withoutBidiControls(answer) : '';
    if (text.trim() !== '') comments.push(text);
  }
  return comments;
}

/**
 * What reports count about complete responses besides their answers: 'comment' (at least one comment, so
 * the comment list reads only days that have some) and 'dossier' (a dossier code was given: the share a
 * report shows). Incomplete responses count for nothing, as in the tally.
 */
export type ResponseMark = 'comment' | 'dossier';

export function marksOfResponse(
  response: Pick<SurveyResponse, 'answers' | 'complete'> & { dossierCode: string | null },
  freeTextIds: readonly string[],
): ResponseMark[] {
  if (!response.complete) return [];
  const marks: ResponseMark[] = [];
  if (commentsOfAnswers(response.answers, freeTextIds).length > 0) marks.push('comment');
  if (response.dossierCode !== null && response.dossierCode !== '') marks.push('dossier');
  return marks;
}
