import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The tables whose rows are revoked by stamping `revoked_at`, for good. */
type RevocableTable = 'devices' | 'dossier_signing_keys' | 'integration_keys';

/** Stamps a row revoked unless it already is; true when this call revoked it (false: already revoked or absent). */
export async function revokeOnce(db: Kysely<Database>, table: RevocableTable, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable(table)
    .set({ revoked_at: at.toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
