import type { CommentThemeId } from './comment-themes.ts';
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
 * the comment list reads only days that have some), 'dossier' (a dossier code was given: the share a
 * report shows) and one 'theme:<id>' per theme of its comments (comment-themes.ts; the classifier's, or a
 * manager's correction), so a report counts themes over its whole period from the same totals as its
 * index. Incomplete responses count for nothing, as in the tally.
 */
export type ResponseMark = 'comment' | 'dossier' | ThemeMark;
export type ThemeMark = `theme:${CommentThemeId}`;

const THEME_MARK_PREFIX = 'theme:';

export function themeMarkOf(theme: CommentThemeId): ThemeMark {
  return `${THEME_MARK_PREFIX}${theme}`;
}

/** The theme a counted mark stands for, or null for the other marks. */
export function themeOfMark(mark: string): string | null {
  return mark.startsWith(THEME_MARK_PREFIX) ? mark.slice(THEME_MARK_PREFIX.length) : null;
}

export function marksOfResponse(
  response: Pick<SurveyResponse, 'answers' | 'complete'> & { dossierCode: string | null; themes: readonly CommentThemeId[] },
  freeTextIds: readonly string[],
): ResponseMark[] {
  if (!response.complete) return [];
  const marks: ResponseMark[] = [];
  if (commentsOfAnswers(response.answers, freeTextIds).length > 0) {
    marks.push('comment');
    for (const theme of response.themes) marks.push(themeMarkOf(theme));
  }
  if (response.dossierCode !== null && response.dossierCode !== '') marks.push('dossier');
  return marks;
}
