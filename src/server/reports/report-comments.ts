import { themesOfComments, type CommentThemeId } from '../../domain/comment-themes.ts';
import { themesOfResponses } from '../db/comment-classifications-repository.ts';
import type { Kysely } from 'kysely';
import type { ReportReply } from '../../domain/manage-api.ts';
import { allQuestions, type Questionnaire } from '../../domain/questionnaire.ts';
import { isDissatisfied } from '../../domain/report-headline.ts';
import { commentsOfAnswers, freeTextQuestionIds } from '../../domain/response-marks.ts';
import type { SurveyResponse } from '../../domain/response.ts';
import { listServiceFields } from '../db/catalog-repository.ts';
import { responsesWithTextOnDay, type ReportSlice } from '../db/reports-repository.ts';
import type { Count } from '../db/counts-repository.ts';
import type { Database } from '../db/schema.ts';
import { parseLocalizedText } from '../db/units-repository.ts';
import type { UnitRowTree } from '../db/unit-row-tree.ts';

export const COMMENT_LIMIT = 100;

/** The options of the questionnaire's multiple-choice "improvements" question, most chosen first. */
export function improvementsOf(questionnaire: Questionnaire, rows: readonly Count[]): ReportReply['improvements'] {
  const multiple = allQuestions(questionnaire).filter((question) => question.kind === 'multiple-choice');
  const question = multiple.find((candidate) => candidate.id === 'improvements') ?? multiple[0];
  if (!question || question.kind !== 'multiple-choice') return [];
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (row.measure === 'choice' && row.item === question.id) counts.set(row.detail, (counts.get(row.detail) ?? 0) + row.count);
  }
  return question.options
    .map((option) => ({ optionId: option.id, text: option.text, count: counts.get(option.id) ?? 0 }))
    .sort((a, b) => b.count - a.count);
}

/**
 * The newest comments (the one read of raw responses a report makes), each with its unit, service field,
 * counter, stored themes and whether the person was dissatisfied, read day by day until COMMENT_LIMIT are
 * found; with `theme`, only comments of responses that have it.
 */
export async function commentsOf(
  db: Kysely<Database>,
  tree: UnitRowTree,
  questionnaire: Questionnaire,
  slice: ReportSlice,
  daysNewestFirst: AsyncIterable<string>,
  theme?: CommentThemeId,
): Promise<{ items: ReportReply['comments']; truncated: boolean }> {
  const textIds = freeTextQuestionIds(questionnaire);
  const items: ReportReply['comments'] = [];
  if (textIds.length === 0) return { items, truncated: false };
  let fieldNames: Map<string, ReportReply['comments'][number]['serviceFieldName']> | undefined;
  for await (const day of daysNewestFirst) {
    const rows = await responsesWithTextOnDay(db, slice, day, textIds, COMMENT_LIMIT + 1 - items.length, theme);
    const stored = await themesOfResponses(
      db,
      rows.map((row) => row.responseId),
    );
    if (rows.length > 0) fieldNames ??= new Map((await listServiceFields(db)).map((field) => [field.id, field.name]));
    for (const row of rows) {
      const answers = JSON.parse(row.answers) as SurveyResponse['answers'];
      const unit = tree.get(row.unitId);
      const comments = commentsOfAnswers(answers, textIds);
      // Until the server has classified the comments stored before themes were kept, they are classified here.
      const themes = stored.get(row.responseId) ?? { themes: themesOfComments(comments), source: 'classifier' };
      for (const text of comments) {
        items.push({
          responseId: row.responseId,
          submittedAt: row.submittedAt,
          localDay: row.localDay,
          text,
          unitId: row.unitId,
          unitName: unit ? parseLocalizedText(unit.name) : {},
          serviceFieldId: row.serviceFieldId,
          serviceFieldName: row.serviceFieldId === null ? null : (fieldNames?.get(row.serviceFieldId) ?? null),
          counterId: row.counterId,
          dissatisfied: isDissatisfied(questionnaire, answers),
          themes: themes.themes,
          themesCorrected: themes.source === 'manager',
        });
      }
    }
    if (items.length > COMMENT_LIMIT) return { items: items.slice(0, COMMENT_LIMIT), truncated: true };
  }
  return { items, truncated: false };
}
