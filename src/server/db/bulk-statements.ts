import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Multi-row INSERT statements for the sync hot path, written as SQL text rather than through the query
 * builder: a batch of 500 answers carries tens of thousands of values, and building a query tree for
 * each of them cost more CPU than the database spent storing them.
 * - SQLite: multi-row VALUES with `?` placeholders, cached per shape and prepared once (statement-cache.ts).
 * - PostgreSQL: the whole batch as one JSON parameter, turned into rows of the table's own type by
 *   json_populate_recordset. Thousands of bound parameters cost more to encode, send, parse and plan than
 *   the rows cost to store (a 14-column count row was 14 parameters); one text parameter is one copy, and
 *   the table itself gives each column its type.
 */

/** Bounded: a few tables times the chunk sizes of chunkSizes, and a stray shape must not grow it for ever. */
const STATEMENT_CACHE_LIMIT = 256;
/** Rows per SQLite statement for count upserts: a power of two (see chunkSizes), well under its 32,766 bound parameters. */
const COUNT_ROWS_PER_STATEMENT = 1024;
/** Below this, a SQLite remainder is sent as one statement of its exact size (one of few shapes). */
const SMALLEST_POWER_CHUNK = 16;
const statementCache = new Map<string, string>();

function placeholdersFor(rows: number, columns: number): string {
  const group = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => group).join(', ');
}

function quoted(name: string): string {
  return `"${name}"`;
}

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function statement(db: Kysely<Database>, key: string, build: () => string): string {
  const cacheKey = `${isPostgres(db) ? 'pg' : 'sqlite'}|${key}`;
  let text = statementCache.get(cacheKey);
  if (!text) {
    text = build();
    if (statementCache.size >= STATEMENT_CACHE_LIMIT) statementCache.clear();
    statementCache.set(cacheKey, text);
  }
  return text;
}

/**
 * How many rows go in each SQLite statement: full chunks, then the rest as powers of two down to 16 and
 * one statement under 16, so the row counts come from a small set and the prepared statements are reused
 * (statement-cache.ts) instead of compiled for every batch.
 */
export function chunkSizes(total: number, largest: number): number[] {
  const sizes: number[] = [];
  let left = total;
  while (left >= largest) {
    sizes.push(largest);
    left -= largest;
  }
  for (let size = largest; size >= SMALLEST_POWER_CHUNK; size = Math.floor(size / 2)) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  if (left > 0) sizes.push(left);
  return sizes;
}

function* chunksOf<Row>(rows: readonly Row[], largest: number): Generator<readonly Row[]> {
  let start = 0;
  for (const size of chunkSizes(rows.length, largest)) {
    yield rows.slice(start, start + size);
    start += size;
  }
}

function valuesOf<Row>(rows: readonly Row[], columns: readonly (keyof Row & string)[]): unknown[] {
  const values: unknown[] = [];
  for (const row of rows) for (const column of columns) values.push(row[column] ?? null);
  return values;
}

/** PostgreSQL: `(columns) SELECT columns FROM` the rows of the one JSON parameter, typed as the table's columns. */
function columnsFromJson(table: string, columns: readonly string[]): string {
  const list = columns.map(quoted).join(', ');
  return `(${list}) select ${list} from json_populate_recordset(null::${quoted(table)}, $1::json)`;
}

/**
 * The rows in key order, so concurrent PostgreSQL batches of different devices lock the rows they share
 * in the same order and cannot deadlock (SQLite has one writer at a time and needs no order). The key is
 * computed once per row, not once per comparison.
 */
function inLockOrder<Row>(rows: readonly Row[], keyColumns: readonly (keyof Row & string)[]): readonly Row[] {
  return rows
    .map((row) => ({ row, key: keyColumns.map((column) => String(row[column])).join('\u0000') }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ row }) => row);
}

/**
 * INSERT … ON CONFLICT (key) DO UPDATE SET count = count + excluded.count: one statement on PostgreSQL,
 * statements of at most COUNT_ROWS_PER_STATEMENT rows on SQLite. Rows must be aggregated already (one per key).
 */
export async function addCounts<Row extends { count: number }>(
  db: Kysely<Database>,
  table: string,
  keyColumns: readonly (keyof Row & string)[],
  rows: readonly Row[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...keyColumns, 'count' as keyof Row & string];
  const onConflict = `on conflict (${keyColumns.map(quoted).join(', ')}) do update set "count" = ${quoted(table)}."count" + "excluded"."count"`;
  if (isPostgres(db)) {
    const text = statement(db, `${table}|add`, () => `insert into ${quoted(table)} ${columnsFromJson(table, columns)} ${onConflict}`);
    await db.executeQuery(CompiledQuery.raw(text, [JSON.stringify(inLockOrder(rows, keyColumns))]));
    return;
  }
  for (const chunk of chunksOf(rows, COUNT_ROWS_PER_STATEMENT)) {
    const text = statement(
      db,
      `${table}|add|${chunk.length}`,
      () => `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values ${placeholdersFor(chunk.length, columns.length)} ${onConflict}`,
    );
    await db.executeQuery(CompiledQuery.raw(text, valuesOf(chunk, columns)));
  }
}

/**
 * INSERT … ON CONFLICT (id) DO NOTHING RETURNING id: the ids actually inserted. One statement on
 * PostgreSQL, statements of at most `largest` rows on SQLite.
 */
export async function insertNewRows<Row>(
  db: Kysely<Database>,
  table: string,
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
  largest: number,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const onConflict = 'on conflict ("id") do nothing returning "id"';
  if (isPostgres(db)) {
    const text = statement(db, `${table}|insert`, () => `insert into ${quoted(table)} ${columnsFromJson(table, columns)} ${onConflict}`);
    const result = await db.executeQuery<{ id: string }>(CompiledQuery.raw(text, [JSON.stringify(rows)]));
    return result.rows.map((row) => row.id);
  }
  const inserted: string[] = [];
  for (const chunk of chunksOf(rows, largest)) {
    const text = statement(
      db,
      `${table}|insert|${chunk.length}`,
      () => `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values ${placeholdersFor(chunk.length, columns.length)} ${onConflict}`,
    );
    const result = await db.executeQuery<{ id: string }>(CompiledQuery.raw(text, valuesOf(chunk, columns)));
    for (const row of result.rows) inserted.push(row.id);
  }
  return inserted;
}
