import { allCriteria, allQuestions, questionnaireKey, type Question, type Questionnaire } from '../questionnaire.ts';
import { localize, type LocalizedText } from '../localize.ts';
import type { AnswerValue, SurveyResponse } from '../response.ts';
import type { CellValue } from './csv.ts';
import { localDateTimeWithOffset } from '../local-day.ts';

/**
 * The per-response export as a table a clerk reads like the screen: one row per response, one column per
 * criterion across every questionnaire version in the export (a criterion keeps its column when a new
 * version arrives), then the other questions, then the comment. Columns carry the criterion's and the
 * question's own words; cells carry names (the counter, the field, the chosen option, "Có"), never ids.
 * Levels stay numbers, times are the unit's wall clock. Fixed headers are given by the caller.
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
> & { procedureId?: string | null };

export const FIXED_RESPONSE_COLUMNS = [
  'id',
  'sequence',
  'localTime',
  'complete',
  'serviceField',
  'procedure',
  'counter',
  'locale',
  'questionnaire',
  'version',
] as const;
export type FixedResponseColumn = (typeof FIXED_RESPONSE_COLUMNS)[number];

interface Named {
  id: string;
  name: LocalizedText;
}

/** What turns ids into the reader's words: the device configuration's lists and two words for yes/no. */
export interface ResponseNames {
  locale: string;
  counters: readonly Named[];
  serviceFields: readonly Named[];
  procedures?: readonly Named[];
  yes: string;
  no: string;
}

export interface ResponseColumn {
  key: string;
  kind: 'fixed' | 'criterion' | 'question' | 'comment';
  /** The header for criteria and questions ("E1.1. Nơi ngồi chờ có đủ chỗ ngồi"); fixed ones are the caller's. */
  label: string | null;
}

export interface ResponseTable {
  columns: ResponseColumn[];
  rows: CellValue[][];
}

/** "2026-12-04T14:05:30": the instant on the unit's wall clock, without the offset. */
export function localDateTime(utcIso: string, timeZone: string): string {
  return localDateTimeWithOffset(utcIso, timeZone).slice(0, 19);
}

/** "Tiếng Việt", "English": a language code in the reader's language, the code itself when unknown. */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function nameOf(list: readonly Named[] | undefined, id: string | null, locale: string): string | null {
  if (id === null) return null;
  const found = list?.find((item) => item.id === id);
  return found ? localize(found.name, locale) : id;
}

export function responseTable(
  responses: readonly ExportedResponse[],
  questionnaires: readonly Questionnaire[],
  timeZone: string,
  names: ResponseNames,
): ResponseTable {
  const { locale } = names;
  const byKey = new Map(questionnaires.map((questionnaire) => [questionnaireKey(questionnaire), questionnaire]));
  const used = questionnaires.filter((questionnaire) =>
    responses.some((response) => response.questionnaireId === questionnaire.id && response.questionnaireVersion === questionnaire.version),
  );
  const criteria = firstById(used.flatMap(allCriteria));
  const questions = used.flatMap(allQuestions);
  const commentIds = new Set(questions.filter((question) => question.kind === 'free-text').map((question) => question.id));
  const others = firstById(questions.filter((question) => !commentIds.has(question.id)));

  const rows = [...responses]
    .sort((a, b) => a.deviceSequence - b.deviceSequence)
    .map((response): CellValue[] => {
      const questionnaire = byKey.get(questionnaireKey({ id: response.questionnaireId, version: response.questionnaireVersion }));
      const comment = [...commentIds]
        .map((id) => response.answers[id])
        .filter((value): value is string => typeof value === 'string' && value !== '')
        .join('\n');
      return [
        response.id,
        response.deviceSequence,
        { localDateTime: localDateTime(response.submittedAt, timeZone) },
        response.complete ? names.yes : names.no,
        nameOf(names.serviceFields, response.serviceFieldId, locale),
        nameOf(names.procedures, response.procedureId ?? null, locale),
        nameOf(names.counters, response.counterId, locale),
        languageName(response.locale, locale),
        questionnaire ? localize(questionnaire.title, locale) : response.questionnaireId,
        response.questionnaireVersion,
        ...criteria.map((criterion) => levelCell(response.answers[criterion.id])),
        ...others.map((question) => answerCell(question, response.answers[question.id], locale)),
        questionnaire ? comment || null : null,
      ];
    });
  return {
    columns: [
      ...FIXED_RESPONSE_COLUMNS.map((key) => ({ key, kind: 'fixed' as const, label: null })),
      ...criteria.map((criterion) => ({
        key: criterion.id,
        kind: 'criterion' as const,
        label: `${criterion.id}. ${localize(criterion.text, locale)}`,
      })),
      ...others.map((question) => ({ key: question.id, kind: 'question' as const, label: localize(question.text, locale) })),
      { key: 'comment', kind: 'comment' as const, label: null },
    ],
    rows,
  };
}

function levelCell(value: AnswerValue | undefined): CellValue {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join('; ') : value;
}

/** A chosen option by its text; several by their texts joined with "; "; a level stays a number. */
function answerCell(question: Question, value: AnswerValue | undefined, locale: string): CellValue {
  if (value === undefined) return null;
  if (question.kind !== 'single-choice' && question.kind !== 'multiple-choice') return levelCell(value);
  const text = (id: string) => {
    const option = question.options.find((candidate) => candidate.id === id);
    return option ? localize(option.text, locale) : id;
  };
  return (Array.isArray(value) ? value : [String(value)]).map(text).join('; ');
}

function firstById<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(item.id)) seen.set(item.id, item);
  return [...seen.values()];
}
