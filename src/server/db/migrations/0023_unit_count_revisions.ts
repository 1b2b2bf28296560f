import type { Kysely } from 'kysely';

/**
 * A revision per unit of its own counts (issue 20): raised by one in the transaction that adds to the
 * unit's rows of place 'unit' (db/counts-repository.ts, addToCounts). The alert engine keeps each unit's
 * sums over a rolling window between evaluations and re-reads a unit only when its revision moved, so
 * evaluating every rule for a province's thousand units does not re-sum millions of day rows each time.
 * A unit with no row has revision 0; rows written before this table existed need none, as every process
 * starts with nothing kept.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('unit_count_revisions')
    .addColumn('unit_id', 'text', (col) => col.primaryKey())
    .addColumn('revision', 'integer', (col) => col.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit_count_revisions').execute();
}
