import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * One table of counts replaces the seven that held them: the five daily tables (tallies, response counts,
 * choices, flags, marks), the scope totals and the procedure totals. Every row is a count of one measure
 * (item, detail) under its dimensions:
 * - place 'unit': a unit's own answers by day, counter and service field (procedure '*'), or by day and
 *   procedure (counter and service field '*');
 * - place 'scope': a totalled scope (a unit with what lies below it) by day, month or year, every service
 *   field together ('*') or, for months, per service field (counter and procedure '*').
 * '' is "none" (an answer given at no counter), '*' is "all of them together".
 * What this migration needs is written here, in SQL: it imports nothing of the application.
 */

const COUNT_COLUMNS =
  'place, unit_id, questionnaire_id, granularity, period, service_field_id, procedure_id, counter_id, questionnaire_version, flagged, measure, item, detail, count';

/** Each old table's rows in the new shape, as the SELECT list over its row `d`. */
const COPIES: readonly { table: string; select: string }[] = [
  {
    table: 'daily_tallies',
    select: `'unit', d.unit_id, d.questionnaire_id, 'day', d.local_day, d.service_field_id, '*', d.counter_id, d.questionnaire_version, d.flagged, 'tally', d.criterion_id, cast(d.level as text), d.count`,
  },
  {
    table: 'daily_response_counts',
    select: `'unit', d.unit_id, d.questionnaire_id, 'day', d.local_day, d.service_field_id, '*', d.counter_id, d.questionnaire_version, d.flagged, 'responses', cast(d.complete as text), '', d.count`,
  },
  {
    table: 'daily_choice_tallies',
    select: `'unit', d.unit_id, d.questionnaire_id, 'day', d.local_day, d.service_field_id, '*', d.counter_id, d.questionnaire_version, d.flagged, 'choice', d.question_id, d.option_id, d.count`,
  },
  {
    table: 'daily_flag_counts',
    select: `'unit', d.unit_id, d.questionnaire_id, 'day', d.local_day, d.service_field_id, '*', d.counter_id, d.questionnaire_version, 1, 'flag', d.flag, '', d.count`,
  },
  {
    table: 'daily_mark_counts',
    select: `'unit', d.unit_id, d.questionnaire_id, 'day', d.local_day, d.service_field_id, '*', d.counter_id, d.questionnaire_version, d.flagged, 'mark', d.mark, '', d.count`,
  },
  {
    table: 'procedure_totals',
    select: `'unit', d.unit_id, d.questionnaire_id, 'day', d.local_day, '*', d.procedure_id, '*', d.questionnaire_version, d.flagged, d.measure, d.item, d.detail, d.count`,
  },
  {
    table: 'scope_totals',
    select: `'scope', d.scope_unit_id, d.questionnaire_id, d.granularity, d.period, d.service_field_id, '*', '*', d.questionnaire_version, d.flagged, d.measure, d.item, d.detail, d.count`,
  },
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const withoutRowid = !(db.getExecutor().adapter instanceof PostgresAdapter);
  // Key order: a report reads one place's questionnaire over a range of periods of one granularity.
  await db.schema
    .createTable('counts')
    .addColumn('place', 'text', (col) => col.notNull())
    .addColumn('unit_id', 'text', (col) => col.notNull())
    .addColumn('questionnaire_id', 'text', (col) => col.notNull())
    .addColumn('granularity', 'text', (col) => col.notNull())
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('service_field_id', 'text', (col) => col.notNull())
    .addColumn('procedure_id', 'text', (col) => col.notNull())
    .addColumn('counter_id', 'text', (col) => col.notNull())
    .addColumn('questionnaire_version', 'integer', (col) => col.notNull())
    .addColumn('flagged', 'integer', (col) => col.notNull())
    .addColumn('measure', 'text', (col) => col.notNull())
    .addColumn('item', 'text', (col) => col.notNull())
    .addColumn('detail', 'text', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('counts_pk', [
      'place',
      'unit_id',
      'questionnaire_id',
      'granularity',
      'period',
      'service_field_id',
      'procedure_id',
      'counter_id',
      'questionnaire_version',
      'flagged',
      'measure',
      'item',
      'detail',
    ])
    .$call((builder) => (withoutRowid ? builder.modifyEnd(sql`without rowid`) : builder))
    .execute();
  for (const { table, select } of COPIES) {
    await sql`insert into counts (${sql.raw(COUNT_COLUMNS)}) select ${sql.raw(select)} from ${sql.table(table)} d where d.count <> 0`.execute(db);
    await db.schema.dropTable(table).execute();
  }
}

const DAILY_COLUMNS = ['local_day', 'unit_id', 'counter_id', 'service_field_id', 'questionnaire_id', 'questionnaire_version:integer'];
const DAILY_KEY = ['unit_id', 'local_day', 'questionnaire_id', 'questionnaire_version', 'counter_id', 'service_field_id'];
const DAILY_SELECT = 'period, unit_id, counter_id, service_field_id, questionnaire_id, questionnaire_version';
const UNIT_DAYS = "place = 'unit' and procedure_id = '*'";
const TOTAL_COLUMNS = ['questionnaire_version:integer', 'flagged:integer', 'measure', 'item', 'detail'];

/** The seven tables as they were before this migration (0001–0006), and what of the counts each held. */
const OLD_TABLES: readonly { table: string; columns: string[]; key: string[]; withoutRowid?: boolean; select: string; where: string }[] = [
  {
    table: 'daily_tallies',
    columns: [...DAILY_COLUMNS, 'criterion_id', 'level:integer', 'flagged:integer'],
    key: [...DAILY_KEY, 'criterion_id', 'level', 'flagged'],
    select: `${DAILY_SELECT}, item, cast(detail as integer), flagged`,
    where: `${UNIT_DAYS} and measure = 'tally'`,
  },
  {
    table: 'daily_response_counts',
    columns: [...DAILY_COLUMNS, 'complete:integer', 'flagged:integer'],
    key: [...DAILY_KEY, 'complete', 'flagged'],
    select: `${DAILY_SELECT}, cast(item as integer), flagged`,
    where: `${UNIT_DAYS} and measure = 'responses'`,
  },
  {
    table: 'daily_choice_tallies',
    columns: [...DAILY_COLUMNS, 'question_id', 'option_id', 'flagged:integer'],
    key: [...DAILY_KEY, 'question_id', 'option_id', 'flagged'],
    select: `${DAILY_SELECT}, item, detail, flagged`,
    where: `${UNIT_DAYS} and measure = 'choice'`,
  },
  {
    table: 'daily_flag_counts',
    columns: [...DAILY_COLUMNS, 'flag'],
    key: [...DAILY_KEY, 'flag'],
    select: `${DAILY_SELECT}, item`,
    where: `${UNIT_DAYS} and measure = 'flag'`,
  },
  {
    table: 'daily_mark_counts',
    columns: [...DAILY_COLUMNS, 'flagged:integer', 'mark'],
    key: [...DAILY_KEY, 'flagged', 'mark'],
    select: `${DAILY_SELECT}, flagged, item`,
    where: `${UNIT_DAYS} and measure = 'mark'`,
  },
  {
    table: 'scope_totals',
    columns: ['scope_unit_id', 'questionnaire_id', 'service_field_id', 'granularity', 'period', ...TOTAL_COLUMNS],
    key: ['scope_unit_id', 'questionnaire_id', 'service_field_id', 'granularity', 'period', 'questionnaire_version', 'flagged', 'measure', 'item', 'detail'],
    withoutRowid: true,
    select: 'unit_id, questionnaire_id, service_field_id, granularity, period, questionnaire_version, flagged, measure, item, detail',
    where: "place = 'scope'",
  },
  {
    table: 'procedure_totals',
    columns: ['unit_id', 'local_day', 'questionnaire_id', 'procedure_id', ...TOTAL_COLUMNS],
    key: ['unit_id', 'questionnaire_id', 'procedure_id', 'local_day', 'questionnaire_version', 'flagged', 'measure', 'item', 'detail'],
    withoutRowid: true,
    select: 'unit_id, period, questionnaire_id, procedure_id, questionnaire_version, flagged, measure, item, detail',
    where: "place = 'unit' and procedure_id <> '*'",
  },
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const sqlite = !(db.getExecutor().adapter instanceof PostgresAdapter);
  for (const { table, columns, key, withoutRowid, select, where } of OLD_TABLES) {
    const definitions = [...columns, 'count:integer'].map((column) => {
      const [name, type = 'text'] = column.split(':');
      return `${name} ${type} not null`;
    });
    const names = [...columns, 'count'].map((column) => column.split(':')[0]).join(', ');
    await sql
      .raw(`create table ${table} (${definitions.join(', ')}, constraint ${table}_pk primary key (${key.join(', ')}))${sqlite && withoutRowid ? ' without rowid' : ''}`)
      .execute(db);
    await sql.raw(`insert into ${table} (${names}) select ${select}, count from counts where ${where}`).execute(db);
  }
  await db.schema.dropTable('counts').execute();
}
