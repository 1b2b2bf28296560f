import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Multi-row INSERT statements for the sync hot path, written as SQL text rather than through the query
 * builder: a batch of 500 answers carries tens of thousands of values, and building a query tree for
 * each of them cost more CPU than the database spent storing them. The text is the same for both
 * dialects but for the placeholders, and is cached per shape.
 */

/** Bounded: batches come in a few shapes, and a stray shape must not grow the cache for ever. */
const STATEMENT_CACHE_LIMIT = 64;
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

function valuesOf<Row>(rows: readonly Row[], columns: readonly (keyof Row & string)[]): unknown[] {
  const values: unknown[] = [];
  for (const row of rows) for (const column of columns) values.push(row[column] ?? null);
  return values;
}

/** INSERT … ON CONFLICT (key) DO UPDATE SET count = count + excluded.count, for one chunk of rows. */
export async function addCounts<Row extends { count: number }>(
  db: Kysely<Database>,
  table: string,
  keyColumns: readonly (keyof Row & string)[],
  rows: readonly Row[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...keyColumns, 'count' as keyof Row & string];
  const text = statement(db, `${table}|add|${rows.length}`, (postgres) =>
    `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values ${placeholdersFor(postgres, rows.length, columns.length)} ` +
      `on conflict (${keyColumns.map(quoted).join(', ')}) do update set "count" = ${quoted(table)}."count" + "excluded"."count"`,
  );
  await db.executeQuery(CompiledQuery.raw(text, valuesOf(rows, columns)));
}

/** INSERT … ON CONFLICT (id) DO NOTHING RETURNING id: the ids actually inserted by this statement. */
export async function insertNewRows<Row>(
  db: Kysely<Database>,
  table: string,
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const text = statement(db, `${table}|insert|${rows.length}`, (postgres) =>
    `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values ${placeholdersFor(postgres, rows.length, columns.length)} ` +
      `on conflict ("id") do nothing returning "id"`,
  );
  const result = await db.executeQuery<{ id: string }>(CompiledQuery.raw(text, valuesOf(rows, columns)));
  return result.rows.map((row) => row.id);
}
