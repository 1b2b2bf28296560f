import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database, ScopeMeasure } from './schema.ts';
import type { ScopeTotal } from './scope-totals-repository.ts';

/**
 * What a report reads besides the scope totals: the daily tables of a scope no total holds (a unit without
 * its sub-units) and the raw responses that carry comments. The SQL of a report is committed in
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
  /** Only responses about this procedure (raw responses only: the daily tables have no procedure). */
  procedureId?: string | null;
  /** false: only rows of responses without a stuffing flag (`flagged = 0`). */
  includeFlagged: boolean;
}

type DailyTable = 'daily_tallies' | 'daily_response_counts' | 'daily_choice_tallies' | 'daily_mark_counts';

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

/**
 * The rows of a report's scope read from the daily tables themselves, in the shape of the scope totals:
 * for a scope no total holds (a unit on its own, or without its sub-units with any unit merged into it).
 * Day rows over the whole range.
 */
export async function readDailyTotals(db: Kysely<Database>, slice: ReportSlice, scopeId: string, measures: readonly ScopeMeasure[]): Promise<ScopeTotal[]> {
  if (slice.unitIds.length === 0) return [];
  const all = { ...slice, includeFlagged: true };
  const rows: ScopeTotal[] = [];
  const push = (row: { local_day: string; questionnaire_version: number; flagged: number; count: number }, measure: ScopeMeasure, item: string, detail: string) =>
    rows.push({ scopeId, period: row.local_day, version: Number(row.questionnaire_version), flagged: Number(row.flagged) === 1, measure, item, detail, count: Number(row.count) });
  if (measures.includes('tally')) {
    const tallies = await sliced(db.selectFrom('daily_tallies'), all)
      .select((eb) => ['local_day', 'questionnaire_version', 'flagged', 'criterion_id', 'level', eb.fn.sum<number>('count').as('count')])
      .groupBy(['local_day', 'questionnaire_version', 'flagged', 'criterion_id', 'level'])
      .execute();
    for (const row of tallies) push(row, 'tally', row.criterion_id, String(row.level));
  }
  if (measures.includes('responses')) {
    const counts = await sliced(db.selectFrom('daily_response_counts'), all)
      .select((eb) => ['local_day', 'questionnaire_version', 'flagged', 'complete', eb.fn.sum<number>('count').as('count')])
      .groupBy(['local_day', 'questionnaire_version', 'flagged', 'complete'])
      .execute();
    for (const row of counts) push(row, 'responses', String(row.complete), '');
  }
  if (measures.includes('choice')) {
    const choices = await sliced(db.selectFrom('daily_choice_tallies'), all)
      .select((eb) => ['local_day', 'questionnaire_version', 'flagged', 'question_id', 'option_id', eb.fn.sum<number>('count').as('count')])
      .groupBy(['local_day', 'questionnaire_version', 'flagged', 'question_id', 'option_id'])
      .execute();
    for (const row of choices) push(row, 'choice', row.question_id, row.option_id);
  }
  if (measures.includes('mark')) {
    const marks = await sliced(db.selectFrom('daily_mark_counts'), all)
      .select((eb) => ['local_day', 'questionnaire_version', 'flagged', 'mark', eb.fn.sum<number>('count').as('count')])
      .groupBy(['local_day', 'questionnaire_version', 'flagged', 'mark'])
      .execute();
    for (const row of marks) push(row, 'mark', row.mark, '');
  }
  if (measures.includes('flag')) {
    // daily_flag_counts has no `flagged` column (every row is flagged), so it is filtered here, not by sliced().
    let reasons = db
      .selectFrom('daily_flag_counts')
      .where('unit_id', 'in', [...slice.unitIds])
      .where('local_day', '>=', slice.from)
      .where('local_day', '<=', slice.to)
      .where('questionnaire_id', '=', slice.questionnaireId);
    if (slice.version !== null) reasons = reasons.where('questionnaire_version', '=', slice.version);
    if (slice.serviceFieldId !== null) reasons = reasons.where('service_field_id', '=', slice.serviceFieldId);
    const flags = await reasons
      .select((eb) => ['local_day', 'questionnaire_version', 'flag', eb.fn.sum<number>('count').as('count')])
      .groupBy(['local_day', 'questionnaire_version', 'flag'])
      .execute();
    for (const row of flags) push({ ...row, flagged: 1 }, 'flag', row.flag, '');
  }
  return rows.filter((row) => row.count !== 0);
}

/** Criterion answers and responses summed per unit over the slice: the ranking rows of sub-units that stand alone. */
export async function sumDailyByUnit(db: Kysely<Database>, slice: ReportSlice): Promise<Omit<ScopeTotal, 'period' | 'version'>[]> {
  if (slice.unitIds.length === 0) return [];
  const all = { ...slice, includeFlagged: true };
  const tallies = await sliced(db.selectFrom('daily_tallies'), all)
    .select((eb) => ['unit_id', 'flagged', 'criterion_id', 'level', eb.fn.sum<number>('count').as('count')])
    .groupBy(['unit_id', 'flagged', 'criterion_id', 'level'])
    .execute();
  const counts = await sliced(db.selectFrom('daily_response_counts'), all)
    .select((eb) => ['unit_id', 'flagged', 'complete', eb.fn.sum<number>('count').as('count')])
    .groupBy(['unit_id', 'flagged', 'complete'])
    .execute();
  return [
    ...tallies.map((row) => ({ scopeId: row.unit_id, flagged: Number(row.flagged) === 1, measure: 'tally' as const, item: row.criterion_id, detail: String(row.level), count: Number(row.count) })),
    ...counts.map((row) => ({ scopeId: row.unit_id, flagged: Number(row.flagged) === 1, measure: 'responses' as const, item: String(row.complete), detail: '', count: Number(row.count) })),
  ];
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
  if (slice.procedureId) query = query.where('procedure_id', '=', slice.procedureId);
  if (!slice.includeFlagged) query = query.where('flags', '=', '');
  const rows = await query.orderBy('corrected_submitted_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({ submittedAt: row.corrected_submitted_at, localDay: row.local_day, answers: row.answers }));
}
