import type { Kysely } from 'kysely';
import { COMMENT_THEME_IDS, THEME_CLASSIFIER_VERSION, themesOfComments, type CommentThemeId } from '../../domain/comment-themes.ts';
import { questionnaireKey } from '../../domain/questionnaire.ts';
import type { SurveyResponse } from '../../domain/response.ts';
import { commentsOfAnswers, freeTextQuestionIds } from '../../domain/response-marks.ts';
import {
  correctThemes,
  insertClassifierThemes,
  lockResponsesToRetheme,
  themesOfResponses,
  updateClassifierThemes,
  type ResponseToRetheme,
} from '../db/comment-classifications-repository.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import type { Database } from '../db/schema.ts';
import { addToAggregates } from '../sync/add-aggregates.ts';
import type { StoredResponse } from '../sync/unit-counts.ts';

/**
 * Changes of a stored response's themes after the sync stored it: the classification of comments stored
 * before themes were kept (or by an older classifier) and a manager's correction. Each moves the
 * response's 'theme:<id>' counts in every aggregate in the same transaction as the stored themes, with
 * the response's row locked, so the report's theme counts always equal the stored themes.
 */

export type FreeTextIdsOf = (questionnaireId: string, version: number) => Promise<readonly string[]>;

/** The free-text questions of each published version, read once per version. */
export function freeTextIdsOfPublished(catalog: QuestionnaireCatalog): FreeTextIdsOf {
  const known = new Map<string, readonly string[]>();
  return async (id, version) => {
    const key = questionnaireKey({ id, version });
    let ids = known.get(key);
    if (!ids) {
      const questionnaire = await catalog.findPublished(id, version);
      ids = questionnaire ? freeTextQuestionIds(questionnaire) : [];
      known.set(key, ids);
    }
    return ids;
  };
}

/**
 * The response taken out with its old themes and added back with the new ones: every other count cancels
 * (no scales, choice questions or respondent elements are given, and the comment and dossier marks are the same twice).
 */
function themeMove(
  response: ResponseToRetheme,
  answers: SurveyResponse['answers'],
  freeTextIds: readonly string[],
  from: readonly CommentThemeId[],
  to: readonly CommentThemeId[],
): StoredResponse[] {
  const shape = { row: response, answers, scales: new Map(), choiceQuestions: new Map(), freeTextIds, respondentElements: [] };
  return [
    { ...shape, themes: from, sign: -1 },
    { ...shape, themes: to },
  ];
}

/**
 * Gives responses without stored themes the classifier's (those with no comment get none), adding their
 * theme counts. Returns how many were classified; one that another process classified meanwhile is skipped.
 */
export async function classifyResponses(trx: Kysely<Database>, ids: readonly string[], freeTextIdsOf: FreeTextIdsOf): Promise<number> {
  const responses = await lockResponsesToRetheme(trx, ids);
  const already = await themesOfResponses(trx, ids);
  const moves: StoredResponse[] = [];
  const themed: { responseId: string; themes: CommentThemeId[] }[] = [];
  for (const response of responses) {
    if (already.has(response.id)) continue;
    const freeTextIds = await freeTextIdsOf(response.questionnaire_id, response.questionnaire_version);
    const answers = JSON.parse(response.answers) as SurveyResponse['answers'];
    const comments = commentsOfAnswers(answers, freeTextIds);
    if (comments.length === 0) continue;
    const themes = themesOfComments(comments);
    themed.push({ responseId: response.id, themes });
    moves.push(...themeMove(response, answers, freeTextIds, [], themes));
  }
  await insertClassifierThemes(trx, themed, THEME_CLASSIFIER_VERSION);
  await addToAggregates(trx, moves);
  return themed.length;
}

/** Classifies again responses an older classifier had classified; a person's correction is never replaced. */
export async function reclassifyResponses(trx: Kysely<Database>, ids: readonly string[], freeTextIdsOf: FreeTextIdsOf): Promise<number> {
  const responses = await lockResponsesToRetheme(trx, ids);
  const stored = await themesOfResponses(trx, ids);
  const moves: StoredResponse[] = [];
  let reclassified = 0;
  for (const response of responses) {
    const before = stored.get(response.id);
    if (!before || before.source !== 'classifier') continue;
    const freeTextIds = await freeTextIdsOf(response.questionnaire_id, response.questionnaire_version);
    const answers = JSON.parse(response.answers) as SurveyResponse['answers'];
    const themes = themesOfComments(commentsOfAnswers(answers, freeTextIds));
    await updateClassifierThemes(trx, response.id, themes, THEME_CLASSIFIER_VERSION);
    moves.push(...themeMove(response, answers, freeTextIds, before.themes, themes));
    reclassified++;
  }
  await addToAggregates(trx, moves);
  return reclassified;
}

export interface ThemeCorrection {
  responseId: string;
  themes: readonly CommentThemeId[];
  actor: string;
  at: Date;
}

/**
 * A person's themes for a response's comments, kept over any later classifier run. Returns the themes
 * before and after (each theme once, in COMMENT_THEME_IDS order), or null when the response has no comment.
 */
export async function correctResponseThemes(
  trx: Kysely<Database>,
  correction: ThemeCorrection,
  freeTextIdsOf: FreeTextIdsOf,
): Promise<{ before: CommentThemeId[]; after: CommentThemeId[] } | null> {
  const [response] = await lockResponsesToRetheme(trx, [correction.responseId]);
  if (!response) return null;
  const freeTextIds = await freeTextIdsOf(response.questionnaire_id, response.questionnaire_version);
  const answers = JSON.parse(response.answers) as SurveyResponse['answers'];
  const comments = commentsOfAnswers(answers, freeTextIds);
  if (comments.length === 0) return null;
  const after = COMMENT_THEME_IDS.filter((theme) => correction.themes.includes(theme));
  const before = (await themesOfResponses(trx, [response.id])).get(response.id)?.themes ?? null;
  // A response no classifier has seen yet has no theme counts to take back.
  await correctThemes(trx, { ...correction, themes: after, classifierVersion: THEME_CLASSIFIER_VERSION });
  await addToAggregates(trx, themeMove(response, answers, freeTextIds, before ?? [], after));
  return { before: before ?? themesOfComments(comments), after };
}
