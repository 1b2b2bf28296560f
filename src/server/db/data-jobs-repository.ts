import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** What the server's one-off data jobs read and record (migration 0014). */

/** The version of `name` the server last finished; 0 for never. */
export async function finishedJobVersion(db: Kysely<Database>, name: string): Promise<number> {
  const row = await db.selectFrom('finished_data_jobs').select('version').where('name', '=', name).executeTakeFirst();
  return row ? Number(row.version) : 0;
}

export async function markJobFinished(db: Kysely<Database>, name: string, version: number, at: Date): Promise<void> {
  await db
    .insertInto('finished_data_jobs')
    .values({ name, version, finished_at: at.toISOString() })
    .onConflict((conflict) => conflict.column('name').doUpdateSet({ version, finished_at: at.toISOString() }))
    .execute();
}
