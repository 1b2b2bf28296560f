import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Multi-row INSERT statements for the sync hot path, written as SQL text rather than through the query
 * builder: a batch of 500 answers carries tens of thousands of values, and building a query tree for
 * each of them cost more CPU than the database spent storing them. The text is the same for both
 * dialects but for the placeholders, and is cached per shape.
 */

/** Bounded: a few tables times the chunk sizes of sqliteChunkSizes, and a stray shape must not grow it for ever. */
const STATEMENT_CACHE_LIMIT = 256;
/**
 * Rows per statement for count upserts: a power of two (see chunkSizes), well under SQLite's 32,766 and
 * PostgreSQL's 65,535 bound parameters for the widest table.
 */
const COUNT_ROWS_PER_STATEMENT = 1024;
/** Below this, a SQLite remainder is sent as one statement of its exact size (one of few shapes). */
const SMALLEST_POWER_CHUNK = 16;
const statementCache = new Map<string, string>();

function placeholdersFor(postgres: boolean, rows: number, columns: number): string {
  const groups: string[] = [];
  let next = 1;
  for (let row = 0; row < rows; row += 1) {
    const cells: string[] = [];
    for (let column = 0; column < columns; column += 1) cells.push(postgres ? `$${next++}` : '?');
    groups.push(`(${cells.join(', ')})`);
  }
  return groups.join(', ');
}

function quoted(name: string): string {
  return `"${name}"`;
}

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function statement(db: Kysely<Database>, key: string, build: (postgres: boolean) => string): string {
  const postgres = isPostgres(db);
  const cacheKey = `${postgres ? 'pg' : 'sqlite'}|${key}`;
  let text = statementCache.get(cacheKey);
  if (!text) {
    text = build(postgres);
    if (statementCache.size >= STATEMENT_CACHE_LIMIT) statementCache.clear();
    statementCache.set(cacheKey, text);
  }
  return text;
}

/**
 * How many rows go in each statement. PostgreSQL: full chunks and the rest, fewest round trips.
 * SQLite: full chunks, then the rest as powers of two down to 16 and one statement under 16, so the row
 * counts come from a small set and the prepared statements are reused (statement-cache.ts) instead of
 * compiled for every batch.
 */
export function chunkSizes(postgres: boolean, total: number, largest: number): number[] {
  const sizes: number[] = [];
  let left = total;
  while (left >= largest) {
    sizes.push(largest);
    left -= largest;
  }
  if (postgres) {
    if (left > 0) sizes.push(left);
    return sizes;
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

function* chunksOf<Row>(db: Kysely<Database>, rows: readonly Row[], largest: number): Generator<readonly Row[]> {
  let start = 0;
  for (const size of chunkSizes(isPostgres(db), rows.length, largest)) {
    yield rows.slice(start, start + size);
    start += size;
  }
}

function valuesOf<Row>(rows: readonly Row[], columns: readonly (keyof Row & string)[]): unknown[] {
  const values: unknown[] = [];
  for (const row of rows) for (const column of columns) values.push(row[column] ?? null);
  return values;
}

/**
 * The rows in key order. On PostgreSQL, concurrent batches of different devices then lock the rows they
 * share in the same order and cannot deadlock; SQLite has one writer at a time, so it is spared the sort.
 * The key is computed once per row, not once per comparison.
 */
function inLockOrder<Row>(db: Kysely<Database>, rows: readonly Row[], keyColumns: readonly (keyof Row & string)[]): readonly Row[] {
  if (!isPostgres(db)) return rows;
  return rows
    .map((row) => ({ row, key: keyColumns.map((column) => String(row[column])).join('\u0000') }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ row }) => row);
}

/**
 * INSERT … ON CONFLICT (key) DO UPDATE SET count = count + excluded.count, in statements of at most
 * COUNT_ROWS_PER_STATEMENT rows. Rows must be aggregated already (one per key).
 */
export async function addCounts<Row extends { count: number }>(
  db: Kysely<Database>,
  table: string,
  keyColumns: readonly (keyof Row & string)[],
  rows: readonly Row[],
): Promise<void> {
  const columns = [...keyColumns, 'count' as keyof Row & string];
  for (const chunk of chunksOf(db, inLockOrder(db, rows, keyColumns), COUNT_ROWS_PER_STATEMENT)) {
    const text = statement(
      db,
      `${table}|add|${chunk.length}`,
      (postgres) =>
        `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values ${placeholdersFor(postgres, chunk.length, columns.length)} ` +
        `on conflict (${keyColumns.map(quoted).join(', ')}) do update set "count" = ${quoted(table)}."count" + "excluded"."count"`,
    );
    await db.executeQuery(CompiledQuery.raw(text, valuesOf(chunk, columns)));
  }
}

/** INSERT … ON CONFLICT (id) DO NOTHING RETURNING id, in statements of at most `largest` rows: the ids actually inserted. */
export async function insertNewRows<Row>(
  db: Kysely<Database>,
  table: string,
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
  largest: number,
): Promise<string[]> {
  const inserted: string[] = [];
  for (const chunk of chunksOf(db, rows, largest)) {
    const text = statement(
      db,
      `${table}|insert|${chunk.length}`,
      (postgres) =>
        `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values ${placeholdersFor(postgres, chunk.length, columns.length)} ` +
        `on conflict ("id") do nothing returning "id"`,
    );
    const result = await db.executeQuery<{ id: string }>(CompiledQuery.raw(text, valuesOf(chunk, columns)));
    for (const row of result.rows) inserted.push(row.id);
  }
  return inserted;
}
