import { allCriteria, allQuestions, questionnaireKey, type Questionnaire } from '../questionnaire.ts';
import type { AnswerValue, SurveyResponse } from '../response.ts';
import type { CellValue } from './csv.ts';
import { localDateTimeWithOffset } from '../local-day.ts';

/**
 * The per-response export as a table: one row per response, one column per criterion id across every
 * questionnaire version in the export (a criterion keeps its column when a new version arrives), then
 * the other questions, then the comment. Headers are given by the caller, in the reader's language.
 */

export type ExportedResponse = Pick<
  SurveyResponse,
  | 'id'
  | 'deviceSequence'
  | 'submittedAt'
  | 'serviceFieldId'
  | 'counterId'
  | 'locale'
  | 'questionnaireId'
  | 'questionnaireVersion'
  | 'complete'
  | 'answers'
>;

export const FIXED_RESPONSE_COLUMNS = [
  'id',
  'sequence',
  'localTime',
  'complete',
  'serviceField',
  'counter',
  'locale',
  'questionnaire',
  'version',
] as const;
export type FixedResponseColumn = (typeof FIXED_RESPONSE_COLUMNS)[number];

export interface ResponseTable {
  /** Fixed column keys, then criterion ids, then question ids, then "comment". */
  columns: { key: string; kind: 'fixed' | 'criterion' | 'question' | 'comment' }[];
  rows: CellValue[][];
}

export function responseTable(
  responses: readonly ExportedResponse[],
  questionnaires: readonly Questionnaire[],
  timeZone: string,
): ResponseTable {
  const byKey = new Map(questionnaires.map((questionnaire) => [questionnaireKey(questionnaire), questionnaire]));
  const used = questionnaires.filter((questionnaire) =>
    responses.some((response) => response.questionnaireId === questionnaire.id && response.questionnaireVersion === questionnaire.version),
  );
  const criterionIds = unique(used.flatMap((questionnaire) => allCriteria(questionnaire).map((criterion) => criterion.id)));
  const questions = used.flatMap(allQuestions);
  const commentIds = new Set(questions.filter((question) => question.kind === 'free-text').map((question) => question.id));
  const questionIds = unique(questions.filter((question) => !commentIds.has(question.id)).map((question) => question.id));

  const rows = [...responses]
    .sort((a, b) => a.deviceSequence - b.deviceSequence)
    .map((response): CellValue[] => {
      const known = byKey.has(questionnaireKey({ id: response.questionnaireId, version: response.questionnaireVersion }));
      const comment = [...commentIds]
        .map((id) => response.answers[id])
        .filter((value): value is string => typeof value === 'string' && value !== '')
        .join('\n');
      return [
        response.id,
        response.deviceSequence,
        localDateTimeWithOffset(response.submittedAt, timeZone),
        response.complete,
        response.serviceFieldId,
        response.counterId,
        response.locale,
        response.questionnaireId,
        response.questionnaireVersion,
        ...criterionIds.map((id) => answerCell(response.answers[id])),
        ...questionIds.map((id) => answerCell(response.answers[id])),
        known ? comment || null : null,
      ];
    });
  return {
    columns: [
      ...FIXED_RESPONSE_COLUMNS.map((key) => ({ key, kind: 'fixed' as const })),
      ...criterionIds.map((key) => ({ key, kind: 'criterion' as const })),
      ...questionIds.map((key) => ({ key, kind: 'question' as const })),
      { key: 'comment', kind: 'comment' as const },
    ],
    rows,
  };
}

function answerCell(value: AnswerValue | undefined): CellValue {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join('; ') : value;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
