import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { countUnits } from '../db/units-repository.ts';
import { seedDemo, type DemoSummary } from '../demo-seed.ts';

/**
 * The demo is seeded into an empty database once, even when several server processes start together on
 * one PostgreSQL database: they take the same advisory lock, and the one that gets it first seeds; the
 * others find units inside the lock and leave them. (One SQLite file is served by one process.)
 */
const DEMO_SEED_LOCK = 0x5153_6565; // any constant shared by every process of this application

export async function seedDemoIfEmpty(db: Kysely<Database>, now: Date = new Date()): Promise<DemoSummary | null> {
  const checkThenSeed = async () => ((await countUnits(db)) === 0 ? seedDemo(db, now) : null);
  if (dialectOf(db) !== 'postgres') return checkThenSeed();
  // A session lock on a connection of its own: the seed itself runs its transactions on the pool.
  return db.connection().execute(async (lockHolder) => {
    await sql`select pg_advisory_lock(${sql.lit(DEMO_SEED_LOCK)})`.execute(lockHolder);
    try {
      return await checkThenSeed();
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(DEMO_SEED_LOCK)})`.execute(lockHolder);
    }
  });
}
