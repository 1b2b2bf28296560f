import type { ResponseChannel } from '../../domain/response-channel.ts';
import type { CommentThemeId } from '../../domain/comment-themes.ts';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from './schema.ts';

/**
 * What a report reads besides the counts (counts-repository.ts): the raw responses that carry comments.
 * The SQL of a report is committed in queries/report-summary.*.sql (test/server/report-sql.test.ts
 * regenerates it).
 */

export interface ReportSlice {
  unitIds: readonly string[];
  from: string;
  to: string;
  questionnaireId: string;
  /** null: every version (the quick index, whose criterion id is stable across versions). */
  version: number | null;
  serviceFieldId: string | null;
  /** Only responses about this procedure. */
  procedureId?: string | null;
  /** false: only rows of responses without a stuffing flag (`flagged = 0`). */
  includeFlagged: boolean;
  /** Only responses of this channel; null or absent: every channel. */
  channel?: ResponseChannel | null;
}

/** A report's service-field, procedure and stuffing-flag filters on a read of raw responses. */
function filteredBySlice<Output>(
  query: SelectQueryBuilder<Database, 'responses', Output>,
  slice: Pick<ReportSlice, 'serviceFieldId' | 'procedureId' | 'includeFlagged' | 'channel'>,
): SelectQueryBuilder<Database, 'responses', Output> {
  let filtered = query;
  if (slice.channel) filtered = filtered.where('channel', '=', slice.channel);
  if (slice.serviceFieldId !== null) filtered = filtered.where('service_field_id', '=', slice.serviceFieldId);
  if (slice.procedureId) filtered = filtered.where('procedure_id', '=', slice.procedureId);
  if (!slice.includeFlagged) filtered = filtered.where('flags', '=', '');
  return filtered;
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
  query = filteredBySlice(query, slice);
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

export interface RatedDossierRow {
  id: string;
  unit_id: string;
  dossier_code: string | null;
  procedure_id: string | null;
  /** The procedure code the dossier link named (a code the unit's procedure list may not hold). */
  link_procedure_code: string | null;
  channel: ResponseChannel;
  corrected_submitted_at: string;
  questionnaire_id: string;
  questionnaire_version: number;
  answers: string;
}

/**
 * Complete responses that carry a dossier code, of the units over local days from..to, for the
 * per-dossier export: through the (unit_id, local_day) index, oldest first.
 */
export async function ratedDossierResponses(
  db: Kysely<Database>,
  slice: Pick<ReportSlice, 'unitIds' | 'from' | 'to' | 'serviceFieldId' | 'procedureId' | 'includeFlagged' | 'channel'>,
): Promise<RatedDossierRow[]> {
  if (slice.unitIds.length === 0) return [];
  const query = db
    .selectFrom('responses')
    .select([
      'id',
      'unit_id',
      'dossier_code',
      'procedure_id',
      'channel',
      'corrected_submitted_at',
      'questionnaire_id',
      'questionnaire_version',
      'answers',
    ])
    .select((eb) =>
      eb
        .selectFrom('dossier_ratings')
        .select('dossier_ratings.procedure_code')
        .whereRef('dossier_ratings.response_id', '=', 'responses.id')
        .as('link_procedure_code'),
    )
    .where('unit_id', 'in', [...slice.unitIds])
    .where('local_day', '>=', slice.from)
    .where('local_day', '<=', slice.to)
    .where('complete', '=', 1)
    .where('dossier_code', 'is not', null);
  return filteredBySlice(query, slice).orderBy('corrected_submitted_at').orderBy('id').execute();
}
