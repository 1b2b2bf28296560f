import type { Kysely } from 'kysely';

/**
 * The themes of each stored response's comments (issue 22), kept so that a manager's correction is kept
 * and the classifier's work is not redone at every read. One row per response that has a comment:
 * `themes` is the set as ",fees,staff," (empty set ","); `source` says whether the classifier (of
 * `classifier_version`) or a person set it. The report counts themes from the aggregates ('theme:<id>'
 * marks in daily_mark_counts and the totals), which move in the same transaction as these rows. Rows are
 * written by the sync transaction from now on; the responses stored before are classified by the server
 * after it starts (server/comments/classify-stored-comments.ts), not here: the classifier changes between
 * releases, and a migration must do tomorrow what it did today.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('comment_classifications')
    .addColumn('response_id', 'text', (col) => col.primaryKey().references('responses.id'))
    .addColumn('themes', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('classifier_version', 'integer', (col) => col.notNull())
    .addColumn('corrected_by', 'text')
    .addColumn('corrected_at', 'text')
    .execute();
  await db.schema.createIndex('comment_classifications_source_idx').on('comment_classifications').columns(['source', 'classifier_version']).execute();
  // Which version of a data job the server has finished (here: themes of the comments stored before), so
  // that it runs once per version rather than at every start.
  await db.schema
    .createTable('finished_data_jobs')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('finished_at', 'text', (col) => col.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('finished_data_jobs').execute();
  await db.schema.dropTable('comment_classifications').execute();
}
