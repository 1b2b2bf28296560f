import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Administrative procedures (thủ tục hành chính) per service field, the procedure a response is about
 * (null for everything stored before: no kiosk asked), and the per-procedure totals a report filtered by
 * procedure reads (schema.ts, ProcedureTotalsTable). Nothing to back-fill: no response has a procedure yet.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('procedures')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('service_field_id', 'text', (col) => col.notNull().references('service_fields.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('procedures_service_field_idx').on('procedures').columns(['service_field_id', 'position']).execute();
  await db.schema.alterTable('responses').addColumn('procedure_id', 'text').execute();

  // Key order: a filtered report reads one unit's days of one questionnaire and procedure.
  const withoutRowid = !(db.getExecutor().adapter instanceof PostgresAdapter);
  await db.schema
    .createTable('procedure_totals')
    .addColumn('unit_id', 'text', (col) => col.notNull())
    .addColumn('local_day', 'text', (col) => col.notNull())
    .addColumn('questionnaire_id', 'text', (col) => col.notNull())
    .addColumn('questionnaire_version', 'integer', (col) => col.notNull())
    .addColumn('procedure_id', 'text', (col) => col.notNull())
    .addColumn('flagged', 'integer', (col) => col.notNull())
    .addColumn('measure', 'text', (col) => col.notNull())
    .addColumn('item', 'text', (col) => col.notNull())
    .addColumn('detail', 'text', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('procedure_totals_pk', [
      'unit_id',
      'questionnaire_id',
      'procedure_id',
      'local_day',
      'questionnaire_version',
      'flagged',
      'measure',
      'item',
      'detail',
    ])
    .$call((builder) => (withoutRowid ? builder.modifyEnd(sql`without rowid`) : builder))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('procedure_totals').execute();
  await db.schema.alterTable('responses').dropColumn('procedure_id').execute();
  await db.schema.dropTable('procedures').execute();
}
