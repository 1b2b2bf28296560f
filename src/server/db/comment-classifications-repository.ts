import type { Kysely, Selectable } from 'kysely';
import { decodeThemeSet, encodeThemeSet, type CommentThemeId } from '../../domain/comment-themes.ts';
import type { AggregatedRow } from '../sync/unit-counts.ts';
import { dialectOf } from './database.ts';
import type { CommentClassificationsTable, Database, ResponsesTable } from './schema.ts';

/** The stored themes of responses' comments (migration 0014): written at sync, corrected by managers, counted by reports. */

export interface StoredThemes {
  themes: CommentThemeId[];
  source: CommentClassificationsTable['source'];
}

/** Rows per statement: 5 values each stays far below SQLite's and PostgreSQL's parameter limits. */
const ROWS_PER_STATEMENT = 500;

/** Stores the classifier's themes of responses that have none yet (a response classified before keeps its row). */
export async function insertClassifierThemes(
  db: Kysely<Database>,
  rows: readonly { responseId: string; themes: readonly CommentThemeId[] }[],
  classifierVersion: number,
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    await db
      .insertInto('comment_classifications')
      .values(
        chunk.map((row) => ({
          response_id: row.responseId,
          themes: encodeThemeSet(row.themes),
          source: 'classifier' as const,
          classifier_version: classifierVersion,
          corrected_by: null,
          corrected_at: null,
        })),
      )
      .onConflict((conflict) => conflict.column('response_id').doNothing())
      .execute();
  }
}

export async function themesOfResponses(db: Kysely<Database>, responseIds: readonly string[]): Promise<Map<string, StoredThemes>> {
  const found = new Map<string, StoredThemes>();
  if (responseIds.length === 0) return found;
  const rows = await db
    .selectFrom('comment_classifications')
    .select(['response_id', 'themes', 'source'])
    .where('response_id', 'in', [...responseIds])
    .execute();
  for (const row of rows) found.set(row.response_id, { themes: decodeThemeSet(row.themes), source: row.source });
  return found;
}

/** A person's themes for a response's comments: kept over any later classifier run. */
export async function correctThemes(
  db: Kysely<Database>,
  correction: { responseId: string; themes: readonly CommentThemeId[]; actor: string; at: Date; classifierVersion: number },
): Promise<void> {
  await db
    .insertInto('comment_classifications')
    .values({
      response_id: correction.responseId,
      themes: encodeThemeSet(correction.themes),
      source: 'manager',
      classifier_version: correction.classifierVersion,
      corrected_by: correction.actor,
      corrected_at: correction.at.toISOString(),
    })
    .onConflict((conflict) =>
      conflict.column('response_id').doUpdateSet({
        themes: encodeThemeSet(correction.themes),
        source: 'manager',
        classifier_version: correction.classifierVersion,
        corrected_by: correction.actor,
        corrected_at: correction.at.toISOString(),
      }),
    )
    .execute();
}

/** The responses whose themes a person corrected, with their answers and the person's themes. */
export async function correctedResponses(
  db: Kysely<Database>,
): Promise<{ questionnaireId: string; questionnaireVersion: number; answers: string; corrected: CommentThemeId[] }[]> {
  const rows = await db
    .selectFrom('comment_classifications')
    .innerJoin('responses', 'responses.id', 'comment_classifications.response_id')
    .select(['responses.questionnaire_id', 'responses.questionnaire_version', 'responses.answers', 'comment_classifications.themes'])
    .where('comment_classifications.source', '=', 'manager')
    .orderBy('responses.id')
    .execute();
  return rows.map((row) => ({
    questionnaireId: row.questionnaire_id,
    questionnaireVersion: Number(row.questionnaire_version),
    answers: row.answers,
    corrected: decodeThemeSet(row.themes),
  }));
}

/** The columns of a stored response that place its counts in the aggregates, with its id and answers. */
export type ResponseToRetheme = AggregatedRow & Pick<Selectable<ResponsesTable>, 'id' | 'answers'>;

/**
 * Stored responses by id, locked on PostgreSQL until the transaction ends: the sync's re-flagging (which
 * moves a response's counts) and a change of its themes then happen one after the other, never interleaved.
 */
export async function lockResponsesToRetheme(trx: Kysely<Database>, ids: readonly string[]): Promise<ResponseToRetheme[]> {
  if (ids.length === 0) return [];
  let query = trx
    .selectFrom('responses')
    .select([
      'id',
      'local_day',
      'unit_id',
      'counter_id',
      'service_field_id',
      'questionnaire_id',
      'questionnaire_version',
      'complete',
      'flags',
      'device_sequence',
      'dossier_code',
      'procedure_id',
      'channel',
      'answers',
    ])
    .where('id', 'in', [...ids])
    .orderBy('id');
  if (dialectOf(trx) === 'postgres') query = query.forUpdate();
  const rows = await query.execute();
  return rows.map((row) => ({
    ...row,
    questionnaire_version: Number(row.questionnaire_version),
    device_sequence: Number(row.device_sequence),
    complete: Number(row.complete) as 0 | 1,
  }));
}

/**
 * Ids of responses after `afterId` (in id order) that may hold a comment and have no stored themes. The
 * LIKE keeps responses without any free-text key out ("_" in an id matches any character: a wider filter;
 * the caller reads the answers exactly).
 */
export async function unclassifiedResponseIdsAfter(
  db: Kysely<Database>,
  textQuestionIds: readonly string[],
  afterId: string,
  limit: number,
): Promise<string[]> {
  if (textQuestionIds.length === 0) return [];
  const rows = await db
    .selectFrom('responses')
    .leftJoin('comment_classifications', 'comment_classifications.response_id', 'responses.id')
    .select('responses.id')
    .where('responses.id', '>', afterId)
    .where('comment_classifications.response_id', 'is', null)
    .where((eb) => eb.or(textQuestionIds.map((id) => eb('responses.answers', 'like', `%${JSON.stringify(id)}:%`))))
    .orderBy('responses.id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Ids of responses after `afterId` whose stored themes an older classifier set (never a person's). */
export async function outdatedClassificationIdsAfter(db: Kysely<Database>, version: number, afterId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('comment_classifications')
    .select('response_id')
    .where('source', '=', 'classifier')
    .where('classifier_version', '<', version)
    .where('response_id', '>', afterId)
    .orderBy('response_id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.response_id);
}

/** The classifier's new themes for a response an older classifier had classified. */
export async function updateClassifierThemes(
  db: Kysely<Database>,
  responseId: string,
  themes: readonly CommentThemeId[],
  classifierVersion: number,
): Promise<void> {
  await db
    .updateTable('comment_classifications')
    .set({ themes: encodeThemeSet(themes), classifier_version: classifierVersion })
    .where('response_id', '=', responseId)
    .where('source', '=', 'classifier')
    .execute();
}

/** The unit a stored response counts in, or undefined when there is no such response. */
export async function unitOfResponse(db: Kysely<Database>, responseId: string): Promise<string | undefined> {
  const row = await db.selectFrom('responses').select('unit_id').where('id', '=', responseId).executeTakeFirst();
  return row?.unit_id;
}
