import type { Kysely } from 'kysely';

/**
 * The first schema. Migrations are numbered and never edited after they ship; a change is a new file.
 * Only types both dialects understand (text, integer, bigint, double precision), so one set serves
 * SQLite and PostgreSQL. Migrations take Kysely<any> on purpose: they describe the schema as it was then,
 * not as the current table types say.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('parent_id', 'text', (col) => col.references('units.id'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('time_zone', 'text', (col) => col.notNull().defaultTo('Asia/Ho_Chi_Minh'))
    .addColumn('merged_into_id', 'text', (col) => col.references('units.id'))
    .addColumn('full_questionnaire_id', 'text')
    .addColumn('quick_questionnaire_id', 'text')
    .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('units_parent_idx').on('units').column('parent_id').execute();

  await db.schema
    .createTable('counters')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('unit_id', 'text', (col) => col.notNull().references('units.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('counters_unit_idx').on('counters').column('unit_id').execute();

  await db.schema
    .createTable('service_fields')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('unit_service_fields')
    .addColumn('unit_id', 'text', (col) => col.notNull().references('units.id'))
    .addColumn('service_field_id', 'text', (col) => col.notNull().references('service_fields.id'))
    .addPrimaryKeyConstraint('unit_service_fields_pk', ['unit_id', 'service_field_id'])
    .execute();

  await db.schema
    .createTable('questionnaires')
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('mode', 'text', (col) => col.notNull())
    .addColumn('definition', 'text', (col) => col.notNull())
    .addColumn('published_at', 'text')
    .addPrimaryKeyConstraint('questionnaires_pk', ['id', 'version'])
    .execute();

  await db.schema
    .createTable('targets')
    .addColumn('unit_id', 'text', (col) => col.notNull().references('units.id'))
    .addColumn('questionnaire_id', 'text', (col) => col.notNull())
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('percent', 'double precision', (col) => col.notNull())
    .addPrimaryKeyConstraint('targets_pk', ['unit_id', 'questionnaire_id', 'year'])
    .execute();

  await db.schema
    .createTable('kiosk_settings')
    .addColumn('unit_id', 'text', (col) => col.primaryKey().references('units.id'))
    .addColumn('settings', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('unit_id', 'text', (col) => col.notNull().references('units.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('enrolled_at', 'text', (col) => col.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_seen_at', 'text')
    .addColumn('last_batch_at', 'text')
    .addColumn('last_batch_size', 'integer')
    .addColumn('pending_reported', 'integer')
    .addColumn('last_clock_skew_ms', 'bigint')
    .execute();
  await db.schema.createIndex('devices_unit_idx').on('devices').column('unit_id').execute();

  await db.schema
    .createTable('device_ledgers')
    .addColumn('device_id', 'text', (col) => col.primaryKey().references('devices.id'))
    .addColumn('highest_issued', 'integer', (col) => col.notNull())
    .addColumn('received_count', 'integer', (col) => col.notNull())
    .addColumn('missing', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('enrolment_codes')
    .addColumn('code_hash', 'text', (col) => col.primaryKey())
    .addColumn('unit_id', 'text', (col) => col.notNull().references('units.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .addColumn('device_id', 'text')
    .execute();

  await db.schema
    .createTable('responses')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('questionnaire_id', 'text', (col) => col.notNull())
    .addColumn('questionnaire_version', 'integer', (col) => col.notNull())
    .addColumn('device_id', 'text', (col) => col.notNull().references('devices.id'))
    .addColumn('device_sequence', 'integer', (col) => col.notNull())
    .addColumn('unit_id', 'text', (col) => col.notNull().references('units.id'))
    .addColumn('counter_id', 'text')
    .addColumn('service_field_id', 'text')
    .addColumn('locale', 'text', (col) => col.notNull())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('submitted_at', 'text', (col) => col.notNull())
    .addColumn('complete', 'integer', (col) => col.notNull())
    .addColumn('answers', 'text', (col) => col.notNull())
    .addColumn('screen_durations_ms', 'text', (col) => col.notNull())
    .addColumn('dossier_code', 'text')
    .addColumn('received_at', 'text', (col) => col.notNull())
    .addColumn('clock_skew_ms', 'bigint', (col) => col.notNull())
    .addColumn('corrected_submitted_at', 'text', (col) => col.notNull())
    .addColumn('local_day', 'text', (col) => col.notNull())
    .addColumn('flags', 'text', (col) => col.notNull().defaultTo(''))
    .addUniqueConstraint('responses_device_sequence_key', ['device_id', 'device_sequence'])
    .execute();
  // Exports and drill-downs read raw responses of one unit over a period; reports read the daily tables.
  await db.schema.createIndex('responses_unit_day_idx').on('responses').columns(['unit_id', 'local_day']).execute();

  // Primary keys lead with (unit, day) so a report over a unit and a day range is an index range scan.
  await db.schema
    .createTable('daily_tallies')
    .addColumn('local_day', 'text', (col) => col.notNull())
    .addColumn('unit_id', 'text', (col) => col.notNull())
    .addColumn('counter_id', 'text', (col) => col.notNull())
    .addColumn('service_field_id', 'text', (col) => col.notNull())
    .addColumn('questionnaire_id', 'text', (col) => col.notNull())
    .addColumn('questionnaire_version', 'integer', (col) => col.notNull())
    .addColumn('criterion_id', 'text', (col) => col.notNull())
    .addColumn('level', 'integer', (col) => col.notNull())
    .addColumn('flagged', 'integer', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('daily_tallies_pk', [
      'unit_id',
      'local_day',
      'questionnaire_id',
      'questionnaire_version',
      'counter_id',
      'service_field_id',
      'criterion_id',
      'level',
      'flagged',
    ])
    .execute();

  await db.schema
    .createTable('daily_response_counts')
    .addColumn('local_day', 'text', (col) => col.notNull())
    .addColumn('unit_id', 'text', (col) => col.notNull())
    .addColumn('counter_id', 'text', (col) => col.notNull())
    .addColumn('service_field_id', 'text', (col) => col.notNull())
    .addColumn('questionnaire_id', 'text', (col) => col.notNull())
    .addColumn('questionnaire_version', 'integer', (col) => col.notNull())
    .addColumn('complete', 'integer', (col) => col.notNull())
    .addColumn('flagged', 'integer', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('daily_response_counts_pk', [
      'unit_id',
      'local_day',
      'questionnaire_id',
      'questionnaire_version',
      'counter_id',
      'service_field_id',
      'complete',
      'flagged',
    ])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('detail', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'daily_response_counts',
    'daily_tallies',
    'responses',
    'enrolment_codes',
    'device_ledgers',
    'devices',
    'kiosk_settings',
    'targets',
    'questionnaires',
    'unit_service_fields',
    'service_fields',
    'counters',
    'units',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
