import type { CommentThemeId } from '../../domain/comment-themes.ts';
import { sql, type Kysely } from 'kysely';
import { DAILY_SOURCES } from './daily-sources.ts';
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

interface DailySum {
  /** The unit or the day the rows are summed by. */
  key: string;
  version: number;
  flagged: boolean;
  measure: ScopeMeasure;
  item: string;
  detail: string;
  count: number;
}

/**
 * The daily tables' counts of the slice in the measures of the scope totals (daily-sources.ts), summed by
 * day or by unit. Flagged and unflagged rows both come back: the report decides which it counts.
 */
async function sumDaily(
  db: Kysely<Database>,
  slice: ReportSlice,
  measures: readonly ScopeMeasure[],
  by: 'local_day' | 'unit_id',
): Promise<DailySum[]> {
  if (slice.unitIds.length === 0) return [];
  const sums: DailySum[] = [];
  const conditions = [
    sql`d.unit_id in (${sql.join([...slice.unitIds])})`,
    sql`d.local_day >= ${slice.from}`,
    sql`d.local_day <= ${slice.to}`,
    sql`d.questionnaire_id = ${slice.questionnaireId}`,
  ];
  if (slice.version !== null) conditions.push(sql`d.questionnaire_version = ${slice.version}`);
  if (slice.serviceFieldId !== null) conditions.push(sql`d.service_field_id = ${slice.serviceFieldId}`);
  for (const source of DAILY_SOURCES) {
    if (!measures.includes(source.measure)) continue;
    const columns = sql.raw(
      `d.${by} as grouped_by, d.questionnaire_version as version, ${source.flagged} as flagged, ${source.item} as item, ${source.detail} as detail`,
    );
    const rows = await sql<{
      grouped_by: string;
      version: number;
      flagged: number;
      item: string;
      detail: string;
      count: number;
    }>`select ${columns}, sum(d.count) as count from ${sql.table(source.table)} d where ${sql.join(conditions, sql` and `)} group by 1, 2, 3, 4, 5`.execute(
      db,
    );
    for (const row of rows.rows) {
      const count = Number(row.count);
      if (count !== 0)
        sums.push({
          key: row.grouped_by,
          version: Number(row.version),
          flagged: Number(row.flagged) === 1,
          measure: source.measure,
          item: row.item,
          detail: row.detail,
          count,
        });
    }
  }
  return sums;
}

/**
 * The rows of a report's scope read from the daily tables themselves, in the shape of the scope totals:
 * for a scope no total holds (a unit on its own, or without its sub-units with any unit merged into it).
 * Day rows over the whole range.
 */
export async function readDailyTotals(
  db: Kysely<Database>,
  slice: ReportSlice,
  scopeId: string,
  measures: readonly ScopeMeasure[],
): Promise<ScopeTotal[]> {
  return (await sumDaily(db, slice, measures, 'local_day')).map(({ key, ...sum }) => ({ ...sum, scopeId, period: key }));
}

/** Criterion answers and responses summed per unit over the slice: the ranking rows of sub-units that stand alone. */
export async function sumDailyByUnit(db: Kysely<Database>, slice: ReportSlice): Promise<Omit<ScopeTotal, 'period' | 'version'>[]> {
  return (await sumDaily(db, slice, ['tally', 'responses'], 'unit_id')).map(({ key, version: _version, ...sum }) => ({ ...sum, scopeId: key }));
}

export interface CommentRow {
  responseId: string;
  submittedAt: string;
  localDay: string;
  answers: string;
  unitId: string;
  serviceFieldId: string | null;
  counterId: string | null;
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
  theme?: CommentThemeId,
): Promise<CommentRow[]> {
  if (slice.unitIds.length === 0 || textQuestionIds.length === 0) return [];
  let query = db
    .selectFrom('responses')
    .select(['id', 'corrected_submitted_at', 'local_day', 'answers', 'unit_id', 'service_field_id', 'counter_id'])
    .where('unit_id', 'in', [...slice.unitIds])
    .where('local_day', '=', day)
    .where('questionnaire_id', '=', slice.questionnaireId)
    .where('complete', '=', 1)
    .where((eb) => eb.or(textQuestionIds.map((id) => eb('answers', 'like', `%${JSON.stringify(id)}:%`))));
  if (slice.version !== null) query = query.where('questionnaire_version', '=', slice.version);
  if (slice.serviceFieldId !== null) query = query.where('service_field_id', '=', slice.serviceFieldId);
  if (slice.procedureId) query = query.where('procedure_id', '=', slice.procedureId);
  if (!slice.includeFlagged) query = query.where('flags', '=', '');
  if (theme) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('comment_classifications')
          .select('comment_classifications.response_id')
          .whereRef('comment_classifications.response_id', '=', 'responses.id')
          .where('comment_classifications.themes', 'like', `%,${theme},%`),
      ),
    );
  }
  const rows = await query.orderBy('corrected_submitted_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    responseId: row.id,
    submittedAt: row.corrected_submitted_at,
    localDay: row.local_day,
    answers: row.answers,
    unitId: row.unit_id,
    serviceFieldId: row.service_field_id,
    counterId: row.counter_id,
  }));
}
