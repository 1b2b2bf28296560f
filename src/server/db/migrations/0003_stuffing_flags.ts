import type { Kysely } from 'kysely';

/**
 * Ballot-stuffing flags: thresholds per unit (inherited down the tree, defaults in the domain) and a
 * daily count of flagged responses per reason, so a report can say how many answers it excluded and why
 * without reading raw responses. Responses stored before this change carry no flags ('' already), so
 * nothing needs upgrading: their daily rows are all `flagged = 0`, which is what they are.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('flag_thresholds')
    .addColumn('unit_id', 'text', (col) => col.primaryKey().references('units.id'))
    .addColumn('thresholds', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('daily_flag_counts')
    .addColumn('local_day', 'text', (col) => col.notNull())
    .addColumn('unit_id', 'text', (col) => col.notNull())
    .addColumn('counter_id', 'text', (col) => col.notNull())
    .addColumn('service_field_id', 'text', (col) => col.notNull())
    .addColumn('questionnaire_id', 'text', (col) => col.notNull())
    .addColumn('questionnaire_version', 'integer', (col) => col.notNull())
    .addColumn('flag', 'text', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('daily_flag_counts_pk', [
      'unit_id',
      'local_day',
      'questionnaire_id',
      'questionnaire_version',
      'counter_id',
      'service_field_id',
      'flag',
    ])
    .execute();

  // The stuffing checks read a device's latest responses by sequence; the unique key already serves that.
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['daily_flag_counts', 'flag_thresholds']) await db.schema.dropTable(table).execute();
}
