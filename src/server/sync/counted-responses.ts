import type { Kysely } from 'kysely';
import { themesOfComments, type CommentThemeId } from '../../domain/comment-themes.ts';
import { questionnaireKey, type Questionnaire } from '../../domain/questionnaire.ts';
import type { SurveyResponse } from '../../domain/response.ts';
import { commentsOfAnswers, freeTextQuestionIds } from '../../domain/response-marks.ts';
import type { RecordResult } from '../../domain/sync-protocol.ts';
import { scaleByQuestionId } from '../../domain/tally.ts';
import { methodFor } from '../../domain/methods/index.ts';
import { respondentElementsOf, type RespondentElement } from '../../domain/respondent-shares.ts';
import { themesOfResponses } from '../db/comment-classifications-repository.ts';
import { setResponseFlags } from '../db/flags-repository.ts';
import type { Database } from '../db/schema.ts';
import { choiceQuestionsOf, type ChoiceQuestions } from './choice-entries.ts';
import type { StoredResponse } from './unit-counts.ts';
import type { IngestedResponseRow } from './ingest-batch.ts';
import { reject, type ParsedRecord } from './record-checks.ts';
import type { flagNewResponses } from './stuffing-checks.ts';

/**
 * The responses a sync batch counts: those it inserted (with the themes of their comments) and the stored
 * ones a new stuffing flag moves to the flagged rows, in the shape the aggregates are added in.
 */

export function questionnaireKeyOf(response: SurveyResponse): string {
  return questionnaireKey({ id: response.questionnaireId, version: response.questionnaireVersion });
}

/** The inserted records as counted responses, each answered accepted, with the themes of their comments. */
export function newlyStored(
  toInsert: readonly ParsedRecord[],
  rows: readonly IngestedResponseRow[],
  inserted: ReadonlySet<string>,
  questionnaires: ReadonlyMap<string, Questionnaire>,
  results: (RecordResult | undefined)[],
): { stored: StoredResponse[]; themed: { responseId: string; themes: CommentThemeId[] }[] } {
  const stored: StoredResponse[] = [];
  // The themes of each new response's comments (already redacted), kept with it for the reports.
  const themed: { responseId: string; themes: CommentThemeId[] }[] = [];
  toInsert.forEach((record, position) => {
    const { response } = record;
    if (!inserted.has(response.id)) {
      // Only another device can have inserted this id meanwhile: this device's batches are serialised.
      results[record.index] = reject(response.id, 'conflicting-id', 'id: a response with this id was stored from another device');
      return;
    }
    results[record.index] = { id: response.id, status: 'accepted' };
    const questionnaire = questionnaires.get(questionnaireKeyOf(response))!;
    const comments = commentsOfAnswers(response.answers, freeTextIdsOfCached(questionnaire));
    const themes = comments.length > 0 ? themesOfComments(comments) : [];
    if (comments.length > 0) themed.push({ responseId: response.id, themes });
    stored.push({
      row: rows[position]!,
      answers: response.answers,
      scales: scalesOf(questionnaire),
      choiceQuestions: choiceQuestionsOfCached(questionnaire),
      freeTextIds: freeTextIdsOfCached(questionnaire),
      respondentElements: respondentElementsOfCached(questionnaire),
      themes,
    });
  });
  return { stored, themed };
}

/** A stored response that a new run (a burst, a repeated pattern) now flags moves to the flagged rows. */
export async function movedByReflagging(
  trx: Kysely<Database>,
  reflagged: Awaited<ReturnType<typeof flagNewResponses>>['reflagged'],
  questionnaireOf: (id: string, version: number) => Promise<Questionnaire | undefined>,
): Promise<StoredResponse[]> {
  const moving: { row: (typeof reflagged)[number]['row']; flags: string; questionnaire: Questionnaire }[] = [];
  for (const { row, flags } of reflagged) {
    const questionnaire = await questionnaireOf(row.questionnaire_id, Number(row.questionnaire_version));
    if (!questionnaire) continue;
    // Flags first: the update locks the row, so the themes read next are those any correction or
    // classification of stored comments committed before it (theme-changes.ts locks the same row).
    await setResponseFlags(trx, row.id, flags);
    moving.push({ row, flags, questionnaire });
  }
  const stored = await themesOfResponses(
    trx,
    moving.map(({ row }) => row.id),
  );
  return moving.flatMap(({ row, flags, questionnaire }): StoredResponse[] => {
    const shape = {
      answers: JSON.parse(row.answers) as SurveyResponse['answers'],
      scales: scalesOf(questionnaire),
      choiceQuestions: choiceQuestionsOfCached(questionnaire),
      freeTextIds: freeTextIdsOfCached(questionnaire),
      respondentElements: respondentElementsOfCached(questionnaire),
      themes: stored.get(row.id)?.themes ?? [],
    };
    const asStored = { ...row, complete: Number(row.complete) as 0 | 1 };
    return [
      { ...shape, row: asStored, sign: -1 },
      { ...shape, row: { ...asStored, flags } },
    ];
  });
}

const scalesByQuestionnaire = new WeakMap<Questionnaire, ReturnType<typeof scaleByQuestionId>>();
function scalesOf(questionnaire: Questionnaire) {
  let scales = scalesByQuestionnaire.get(questionnaire);
  if (!scales) scalesByQuestionnaire.set(questionnaire, (scales = scaleByQuestionId(questionnaire)));
  return scales;
}

const choicesByQuestionnaire = new WeakMap<Questionnaire, ChoiceQuestions>();
function choiceQuestionsOfCached(questionnaire: Questionnaire): ChoiceQuestions {
  let questions = choicesByQuestionnaire.get(questionnaire);
  if (!questions) choicesByQuestionnaire.set(questionnaire, (questions = choiceQuestionsOf(questionnaire)));
  return questions;
}

const freeTextIdsByQuestionnaire = new WeakMap<Questionnaire, string[]>();
function freeTextIdsOfCached(questionnaire: Questionnaire): string[] {
  let ids = freeTextIdsByQuestionnaire.get(questionnaire);
  if (!ids) freeTextIdsByQuestionnaire.set(questionnaire, (ids = freeTextQuestionIds(questionnaire)));
  return ids;
}

const respondentElementsByQuestionnaire = new WeakMap<Questionnaire, RespondentElement[]>();
function respondentElementsOfCached(questionnaire: Questionnaire): RespondentElement[] {
  let elements = respondentElementsByQuestionnaire.get(questionnaire);
  if (!elements) respondentElementsByQuestionnaire.set(questionnaire, (elements = respondentElementsOf(methodFor(questionnaire), questionnaire)));
  return elements;
}
