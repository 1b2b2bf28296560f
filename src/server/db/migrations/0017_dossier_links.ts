import type { Kysely } from 'kysely';

/**
 * Dossier links (issue 21; docs/dossier-links.md); schema.ts → dossier-links-schema.ts.
 * - `dossier_signing_keys`: per-unit HMAC keys, the secret sealed with AES-256-GCM under LINK_KEYS_SECRET
 *   (a vendor mints offline with it, so the server must be able to read it back: it cannot be hashed).
 *   A rotated key keeps `last_issue_day` (links issued up to then still verify); a revoked one verifies nothing.
 * - `integration_keys`: one-stop vendors' API keys, only their SHA-256 stored, scoped to units (JSON ids).
 * - `dossier_links`: links minted through the integration API, one per dossier (unit, code as printed).
 * - `dossier_ratings`: one rating per dossier; the primary key makes a second one impossible, whichever
 *   process or tab submits it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dossier_signing_keys')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('unit_id', 'text', (col) => col.notNull())
    .addColumn('secret_sealed', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('rotated_at', 'text')
    .addColumn('last_issue_day', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('dossier_signing_keys_unit_idx').on('dossier_signing_keys').columns(['unit_id', 'created_at']).execute();

  await db.schema
    .createTable('integration_keys')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('vendor', 'text', (col) => col.notNull())
    .addColumn('secret_hash', 'text', (col) => col.notNull().unique())
    .addColumn('unit_ids', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('dossier_links')
    .addColumn('unit_id', 'text', (col) => col.notNull())
    .addColumn('dossier_code', 'text', (col) => col.notNull())
    .addColumn('procedure_code', 'text', (col) => col.notNull())
    .addColumn('key_id', 'text', (col) => col.notNull())
    .addColumn('issued_on', 'text', (col) => col.notNull())
    .addColumn('expires_on', 'text', (col) => col.notNull())
    .addColumn('integration_key_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('dossier_links_pk', ['unit_id', 'dossier_code'])
    .execute();

  await db.schema
    .createTable('dossier_ratings')
    .addColumn('unit_id', 'text', (col) => col.notNull())
    .addColumn('dossier_code', 'text', (col) => col.notNull())
    .addColumn('procedure_code', 'text', (col) => col.notNull())
    .addColumn('key_id', 'text', (col) => col.notNull())
    .addColumn('response_id', 'text', (col) => col.notNull().unique())
    .addColumn('rated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('dossier_ratings_pk', ['unit_id', 'dossier_code'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dossier_ratings').execute();
  await db.schema.dropTable('dossier_links').execute();
  await db.schema.dropTable('integration_keys').execute();
  await db.schema.dropTable('dossier_signing_keys').execute();
}
