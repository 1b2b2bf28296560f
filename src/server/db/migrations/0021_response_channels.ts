import type { Kysely } from 'kysely';

/**
 * The channel a response came by (issue 21): 'kiosk' at a counter's tablet, 'dossier-link' from the
 * citizen's own phone through a signed dossier link. Every response stored before this migration came from
 * a kiosk, so the column's default says so.
 * Each unit's dossier-link ratings are recorded under one device row of kind 'dossier-link' (no token, never
 * enrolled), so the per-device sequence ledger that keeps kiosk answers exactly-once keeps them too; lists of
 * tablets read kind 'tablet' only.
 * `units.dossier_link_mode` says which of the unit's questionnaires a dossier link asks ('full' or
 * 'quick'); null inherits from the parent unit, and the full survey when no ancestor sets it.
 */
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
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').dropColumn('dossier_link_mode').execute();
  await db.schema.alterTable('devices').dropColumn('kind').execute();
  await db.schema.alterTable('responses').dropColumn('channel').execute();
}
