import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The sums a report is made of, read from the daily tables only (never from raw responses): one index
 * range scan per unit of the scope on the (unit_id, local_day, …) primary keys. The SQL is committed in
 * queries/report-summary.*.sql (test/server/report-sql.test.ts regenerates it).
 */

export interface ReportSlice {
  unitIds: readonly string[];
  from: string;
  to: string;
  questionnaireId: string;
  /** null: every version (the quick index, whose criterion id is stable across versions). */
  version: number | null;
  serviceFieldId: string | null;
  /** false: only rows of responses without a stuffing flag (`flagged = 0`). */
  includeFlagged: boolean;
}

type DailyTable = 'daily_tallies' | 'daily_response_counts' | 'daily_choice_tallies';

function sliced<T extends DailyTable, O>(
  query: SelectQueryBuilder<Database, T, O>,
  slice: ReportSlice,
): SelectQueryBuilder<Database, T, O> {
  // Kysely cannot see that every daily table has these columns; the casts name them plainly.
  const q = query as unknown as SelectQueryBuilder<Database, 'daily_tallies', O>;
  let result = q
    .where('unit_id', 'in', [...slice.unitIds])
    .where('local_day', '>=', slice.from)
    .where('local_day', '<=', slice.to)
    .where('questionnaire_id', '=', slice.questionnaireId);
  if (slice.version !== null) result = result.where('questionnaire_version', '=', slice.version);
  if (slice.serviceFieldId !== null) result = result.where('service_field_id', '=', slice.serviceFieldId);
  if (!slice.includeFlagged) result = result.where('flagged', '=', 0);
  return result as unknown as SelectQueryBuilder<Database, T, O>;
}

export interface UnitTallyRow {
  unitId: string;
  criterionId: string;
  level: number;
  count: number;
}

/** Criterion answers per unit × criterion × level (per unit, so sub-units rank from the same read). */
export async function sumTalliesByUnit(db: Kysely<Database>, slice: ReportSlice): Promise<UnitTallyRow[]> {
  if (slice.unitIds.length === 0) return [];
  const rows = await sliced(db.selectFrom('daily_tallies'), slice)
    .select((eb) => ['unit_id', 'criterion_id', 'level', eb.fn.sum<number>('count').as('count')])
    .groupBy(['unit_id', 'criterion_id', 'level'])
    .execute();
  return rows.map((row) => ({ unitId: row.unit_id, criterionId: row.criterion_id, level: Number(row.level), count: Number(row.count) }));
}

export interface PeriodTallyRow {
  period: string;
  criterionId: string;
  level: number;
  count: number;
}

/** Criterion answers per period (a month 'YYYY-MM' or a day) × criterion × level, for the trend. */
export async function sumTalliesByPeriod(
  db: Kysely<Database>,
  slice: ReportSlice,
  granularity: 'month' | 'day',
): Promise<PeriodTallyRow[]> {
  if (slice.unitIds.length === 0) return [];
  const period = granularity === 'month' ? sql<string>`substr(local_day, 1, 7)` : sql<string>`local_day`;
  const rows = await sliced(db.selectFrom('daily_tallies'), slice)
    .select((eb) => [period.as('period'), 'criterion_id', 'level', eb.fn.sum<number>('count').as('count')])
    .groupBy([period, 'criterion_id', 'level'])
    .execute();
  return rows.map((row) => ({ period: row.period, criterionId: row.criterion_id, level: Number(row.level), count: Number(row.count) }));
}

export interface ResponseCountRow {
  unitId: string;
  period: string;
  complete: boolean;
  count: number;
}

/** Responses per unit × period × complete. */
export async function sumResponseCounts(
  db: Kysely<Database>,
  slice: ReportSlice,
  granularity: 'month' | 'day',
): Promise<ResponseCountRow[]> {
  if (slice.unitIds.length === 0) return [];
  const period = granularity === 'month' ? sql<string>`substr(local_day, 1, 7)` : sql<string>`local_day`;
  const rows = await sliced(db.selectFrom('daily_response_counts'), slice)
    .select((eb) => ['unit_id', period.as('period'), 'complete', eb.fn.sum<number>('count').as('count')])
    .groupBy(['unit_id', period, 'complete'])
    .execute();
  return rows.map((row) => ({ unitId: row.unit_id, period: row.period, complete: Number(row.complete) === 1, count: Number(row.count) }));
}

/** Versions of the questionnaire with responses in the slice (the slice's own version is ignored). */
export async function versionsWithResponses(db: Kysely<Database>, slice: ReportSlice): Promise<number[]> {
  if (slice.unitIds.length === 0) return [];
  const rows = await sliced(db.selectFrom('daily_response_counts'), { ...slice, version: null })
    .select('questionnaire_version')
    .distinct()
    .execute();
  return rows.map((row) => Number(row.questionnaire_version)).sort((a, b) => b - a);
}

export interface ChoiceCountRow {
  questionId: string;
  optionId: string;
  count: number;
}

export async function sumChoices(db: Kysely<Database>, slice: ReportSlice, questionIds: readonly string[]): Promise<ChoiceCountRow[]> {
  if (slice.unitIds.length === 0 || questionIds.length === 0) return [];
  const rows = await sliced(db.selectFrom('daily_choice_tallies'), slice)
    .where('question_id', 'in', [...questionIds])
    .select((eb) => ['question_id', 'option_id', eb.fn.sum<number>('count').as('count')])
    .groupBy(['question_id', 'option_id'])
    .execute();
  return rows.map((row) => ({ questionId: row.question_id, optionId: row.option_id, count: Number(row.count) }));
}

export interface CommentRow {
  submittedAt: string;
  localDay: string;
  answers: string;
}

/**
 * Newest responses of one local day that may hold a comment, the one read of raw responses a report makes:
 * day by day through the (unit_id, local_day) index, newest day first, until enough comments are found.
 * The LIKE filter keeps responses without any of the free-text keys out of the result ("_" in an id
 * matches any character there: a wider filter, the caller reads the answers exactly).
 */
export async function responsesWithTextOnDay(
  db: Kysely<Database>,
  slice: ReportSlice,
  day: string,
  textQuestionIds: readonly string[],
  limit: number,
): Promise<CommentRow[]> {
  if (slice.unitIds.length === 0 || textQuestionIds.length === 0) return [];
  let query = db
    .selectFrom('responses')
    .select(['corrected_submitted_at', 'local_day', 'answers'])
    .where('unit_id', 'in', [...slice.unitIds])
    .where('local_day', '=', day)
    .where('questionnaire_id', '=', slice.questionnaireId)
    .where('complete', '=', 1)
    .where((eb) => eb.or(textQuestionIds.map((id) => eb('answers', 'like', `%${JSON.stringify(id)}:%`))));
  if (slice.version !== null) query = query.where('questionnaire_version', '=', slice.version);
  if (slice.serviceFieldId !== null) query = query.where('service_field_id', '=', slice.serviceFieldId);
  if (!slice.includeFlagged) query = query.where('flags', '=', '');
  const rows = await query.orderBy('corrected_submitted_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({ submittedAt: row.corrected_submitted_at, localDay: row.local_day, answers: row.answers }));
}

/** The days of the slice that have responses, newest first (from the small daily counts table). */
export async function daysWithResponses(db: Kysely<Database>, slice: ReportSlice): Promise<string[]> {
  if (slice.unitIds.length === 0) return [];
  const rows = await sliced(db.selectFrom('daily_response_counts'), slice)
    .select('local_day')
    .distinct()
    .orderBy('local_day', 'desc')
    .execute();
  return rows.map((row) => row.local_day);
}

export interface FlaggedSummary {
  /** Flagged complete responses (daily_response_counts, flagged = 1). */
  count: number;
  /** Flagged responses per reason (daily_flag_counts): one with two flags counts under each reason. */
  byReason: { flag: string; count: number }[];
}

/** How many responses of the slice carry a stuffing flag and why, whether or not the slice excludes them. */
export async function flaggedOfSlice(db: Kysely<Database>, slice: ReportSlice): Promise<FlaggedSummary> {
  if (slice.unitIds.length === 0) return { count: 0, byReason: [] };
  const all = { ...slice, includeFlagged: true };
  const counted = await sliced(db.selectFrom('daily_response_counts'), all)
    .where('flagged', '=', 1)
    .where('complete', '=', 1)
    .select((eb) => eb.fn.sum<number>('count').as('count'))
    .executeTakeFirst();
  // daily_flag_counts has no `flagged` column (every row is flagged), so it is filtered here, not by sliced().
  let reasons = db
    .selectFrom('daily_flag_counts')
    .where('unit_id', 'in', [...slice.unitIds])
    .where('local_day', '>=', slice.from)
    .where('local_day', '<=', slice.to)
    .where('questionnaire_id', '=', slice.questionnaireId);
  if (slice.version !== null) reasons = reasons.where('questionnaire_version', '=', slice.version);
  if (slice.serviceFieldId !== null) reasons = reasons.where('service_field_id', '=', slice.serviceFieldId);
  const rows = await reasons
    .select((eb) => ['flag', eb.fn.sum<number>('count').as('count')])
    .groupBy('flag')
    .orderBy('flag')
    .execute();
  return {
    count: Number(counted?.count ?? 0),
    byReason: rows.map((row) => ({ flag: row.flag, count: Number(row.count) })).filter((row) => row.count > 0),
  };
}
