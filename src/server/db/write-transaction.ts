import { sql, type Kysely } from 'kysely';
import { dialectOf } from './database.ts';
import type { Database } from './schema.ts';

/**
 * Runs `work` in one transaction that is going to write.
 * SQLite: BEGIN IMMEDIATE takes the write lock up front. A deferred transaction that reads first and
 * writes later can fail with SQLITE_BUSY when another process (the admin CLI) wrote in between, and the
 * busy timeout does not help in that case. Within this process Kysely's single SQLite connection already
 * serialises transactions.
 * PostgreSQL: an ordinary READ COMMITTED transaction; callers lock the rows they serialise on.
 */
export async function inWriteTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'postgres') return db.transaction().execute(work);
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await work(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      // SQLite rolls back by itself after some errors (disk full, I/O); then ROLLBACK fails with "no
      // transaction is active", and the original error is the one worth reporting.
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}
