import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The channel a response came by (issue 21): 'kiosk' at a counter's tablet, 'dossier-link' from the
 * citizen's own phone through a signed dossier link. Every response stored before this migration came from
 * a kiosk, so the column's default says so, and so does every count: the channel becomes a dimension of the
 * counts table, part of its key after the counter, so reports can be filtered and split by it.
 * Each unit's dossier-link ratings are recorded under one device row of kind 'dossier-link' (no token, never
 * enrolled), so the per-device sequence ledger that keeps kiosk answers exactly-once keeps them too; lists of
 * tablets read kind 'tablet' only.
 * `units.dossier_link_mode` says which of the unit's questionnaires a dossier link asks ('full' or
 * 'quick'); null inherits from the parent unit, and the full survey when no ancestor sets it.
 * What this migration needs is written here: it imports nothing of the application.
 */

const KEY_BEFORE = [
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
];
const KEY_WITH_CHANNEL = [...KEY_BEFORE.slice(0, 8), 'channel', ...KEY_BEFORE.slice(8)];
const INTEGER_COLUMNS = new Set(['questionnaire_version', 'flagged', 'count']);

/** SQLite cannot change a primary key: the table is made again with the new key, its rows copied. */
async function remakeCountsTable(db: Kysely<unknown>, key: readonly string[], select: string, groupBy: string | null): Promise<void> {
  const columns = [...key, 'count'];
  const definitions = columns.map((column) => `${column} ${INTEGER_COLUMNS.has(column) ? 'integer' : 'text'} not null`);
  await sql.raw(`create table counts_next (${definitions.join(', ')}, constraint counts_pk primary key (${key.join(', ')})) without rowid`).execute(db);
  await sql.raw(`insert into counts_next (${columns.join(', ')}) select ${select} from counts${groupBy ? ` group by ${groupBy}` : ''}`).execute(db);
  await sql.raw('drop table counts').execute(db);
  await sql.raw('alter table counts_next rename to counts').execute(db);
}

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('responses')
    .addColumn('channel', 'text', (col) => col.notNull().defaultTo('kiosk'))
    .execute();
  await db.schema
    .alterTable('devices')
    .addColumn('kind', 'text', (col) => col.notNull().defaultTo('tablet'))
    .execute();
  await db.schema.alterTable('units').addColumn('dossier_link_mode', 'text').execute();
  if (isPostgres(db)) {
    await sql`alter table counts add column channel text not null default 'kiosk'`.execute(db);
    await sql`alter table counts drop constraint counts_pk`.execute(db);
    await sql.raw(`alter table counts add constraint counts_pk primary key (${KEY_WITH_CHANNEL.join(', ')})`).execute(db);
  } else {
    await remakeCountsTable(db, KEY_WITH_CHANNEL, KEY_WITH_CHANNEL.map((column) => (column === 'channel' ? "'kiosk'" : column)).join(', ') + ', count', null);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  // The channels' counts of one key are summed back into one row.
  if (isPostgres(db)) {
    await sql.raw(`create temporary table counts_summed as select ${KEY_BEFORE.join(', ')}, sum(count) as count from counts group by ${KEY_BEFORE.join(', ')}`).execute(db);
    await sql`delete from counts`.execute(db);
    await sql`alter table counts drop constraint counts_pk`.execute(db);
    await sql`alter table counts drop column channel`.execute(db);
    await sql.raw(`insert into counts (${KEY_BEFORE.join(', ')}, count) select ${KEY_BEFORE.join(', ')}, count from counts_summed`).execute(db);
    await sql`drop table counts_summed`.execute(db);
    await sql.raw(`alter table counts add constraint counts_pk primary key (${KEY_BEFORE.join(', ')})`).execute(db);
  } else {
    await remakeCountsTable(db, KEY_BEFORE, `${KEY_BEFORE.join(', ')}, sum(count)`, KEY_BEFORE.join(', '));
  }
  await db.schema.alterTable('units').dropColumn('dossier_link_mode').execute();
  await db.schema.alterTable('devices').dropColumn('kind').execute();
  await db.schema.alterTable('responses').dropColumn('channel').execute();
}
