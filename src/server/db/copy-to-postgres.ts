import { sql, type Kysely } from 'kysely';
import { dialectOf, sqliteConnectionOf } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

/**
 * Copies a SQLite deployment into an empty PostgreSQL database with the same schema: every table, every
 * row, in one PostgreSQL transaction (all or nothing), read from one SQLite snapshot. Both get this
 * release's migrations first, so an older SQLite file moves too. Used by `admin migrate-to-postgres`.
 */

export class CopyRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefused';
  }
}

/** PostgreSQL allows 65,535 parameters per statement; stay well below it. */
const MAX_PARAMETERS_PER_INSERT = 30_000;
const ROWS_PER_ROUND = 5_000;
const MIGRATION_TABLES = /^kysely_migration/;
/**
 * Tables a migration fills with defaults (0015: the default alert rules). A new database holds only those
 * defaults; the copy replaces them with the source's own rows, edited or not.
 */
const TABLES_WITH_MIGRATION_DEFAULTS = ['alert_rules'];

type Row = Record<string, unknown>;

export async function copySqliteToPostgres(source: Kysely<Database>, target: Kysely<Database>): Promise<Record<string, number>> {
  const connection = sqliteConnectionOf(source);
  if (!connection || dialectOf(target) !== 'postgres') throw new CopyRefused('the copy goes from a SQLite file to a PostgreSQL database.');
  await migrateToLatest(source);
  await migrateToLatest(target);

  const sourceTables = (
    connection.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[]
  )
    .map((row) => row.name)
    .filter((name) => !MIGRATION_TABLES.test(name));
  const targetTables = (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(target)).rows
    .map((row) => row.name)
    .filter((name) => !MIGRATION_TABLES.test(name));
  const missing = sourceTables.filter((name) => !targetTables.includes(name));
  if (missing.length > 0) throw new CopyRefused(`the PostgreSQL schema lacks ${missing.join(', ')}: both must be this release's.`);

  for (const table of targetTables.filter((name) => !TABLES_WITH_MIGRATION_DEFAULTS.includes(name))) {
    const { rows } = await sql<{ found: number }>`select 1 as found from ${sql.table(table)} limit 1`.execute(target);
    if (rows.length > 0) throw new CopyRefused(`the PostgreSQL database is not empty (${table} has rows): the copy goes into a new database only.`);
  }

  const foreignKeys = await foreignKeysOf(target);
  const order = parentsFirst(sourceTables, foreignKeys);
  const copied: Record<string, number> = {};
  connection.exec('BEGIN');
  try {
    await target.transaction().execute(async (trx) => {
      for (const table of TABLES_WITH_MIGRATION_DEFAULTS) await sql`delete from ${sql.table(table)}`.execute(trx);
      for (const table of order) {
        const select = connection.prepare(`select * from "${table.replaceAll('"', '""')}"`);
        const selfReference = foreignKeys.find((key) => key.child === table && key.parent === table);
        if (selfReference) {
          // Such tables are small (the unit tree): ordered in memory.
          const rows = select.all() as Row[];
          await insertAll(trx, table, parentRowsFirst(rows, selfReference.childColumn, selfReference.parentColumn));
          copied[table] = rows.length;
          continue;
        }
        // Streamed, so ten million answers never sit in memory at once.
        let buffer: Row[] = [];
        let count = 0;
        for (const row of select.iterate() as IterableIterator<Row>) {
          buffer.push(row);
          count += 1;
          if (buffer.length >= ROWS_PER_ROUND) {
            await insertAll(trx, table, buffer);
            buffer = [];
          }
        }
        await insertAll(trx, table, buffer);
        copied[table] = count;
      }
    });
  } finally {
    connection.exec('COMMIT');
  }
  return copied;
}

interface ForeignKey {
  child: string;
  childColumn: string;
  parent: string;
  parentColumn: string;
}

async function foreignKeysOf(db: Kysely<Database>): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    select child.relname as child, child_column.attname as "childColumn", parent.relname as parent, parent_column.attname as "parentColumn"
    from pg_constraint constraint_row
    join pg_class child on child.oid = constraint_row.conrelid
    join pg_class parent on parent.oid = constraint_row.confrelid
    join pg_namespace namespace on namespace.oid = child.relnamespace and namespace.nspname = current_schema()
    join pg_attribute child_column on child_column.attrelid = child.oid and child_column.attnum = constraint_row.conkey[1]
    join pg_attribute parent_column on parent_column.attrelid = parent.oid and parent_column.attnum = constraint_row.confkey[1]
    where constraint_row.contype = 'f'`.execute(db);
  return rows;
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
function parentsFirst(tables: string[], foreignKeys: ForeignKey[]): string[] {
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const key of foreignKeys) if (key.child === table && key.parent !== table) visit(key.parent);
    visiting.delete(table);
    ordered.push(table);
  };
  [...tables].sort().forEach(visit);
  return ordered.filter((table) => tables.includes(table));
}

/** A table that refers to itself (a unit's parent unit): each row after the row it points to. */
function parentRowsFirst(rows: Row[], childColumn: string, parentColumn: string): Row[] {
  const placed = new Set<unknown>();
  const result: Row[] = [];
  let pending = rows;
  while (pending.length > 0) {
    const next = pending.filter((row) => row[childColumn] !== null && !placed.has(row[childColumn]));
    const ready = pending.filter((row) => !next.includes(row));
    if (ready.length === 0) throw new CopyRefused(`rows of a table refer to rows that do not exist (${childColumn}).`);
    for (const row of ready) {
      result.push(row);
      placed.add(row[parentColumn]);
    }
    pending = next;
  }
  return result;
}

async function insertAll(db: Kysely<Database>, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const perInsert = Math.max(1, Math.floor(MAX_PARAMETERS_PER_INSERT / columns.length));
  for (let start = 0; start < rows.length; start += perInsert) {
    const chunk = rows.slice(start, start + perInsert);
    const values = chunk.map((row) => sql`(${sql.join(columns.map((column) => sql`${row[column] ?? null}`))})`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.id(column)))}) values ${sql.join(values)}`.execute(db);
  }
}
