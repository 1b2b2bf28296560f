import type { Kysely } from 'kysely';

/**
 * A unit's agency code (mã định danh điện tử of Decision 20/2020/QĐ-TTg), set by an administrator: the
 * per-dossier export gives it to the province's one-stop system, which counts the 766 index by it.
 * Null until set.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('agency_code', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').dropColumn('agency_code').execute();
}
