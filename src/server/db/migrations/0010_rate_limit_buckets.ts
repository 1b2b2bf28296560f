import type { Kysely } from 'kysely';

/**
 * Rate-limit counters in the database rather than in each process's memory: with several server
 * processes behind a proxy that alternates between them, a per-process counter lets a client make
 * N times the allowed requests. One row per bucket (route family and client key) holds the start of
 * its current fixed window and the requests counted in it; schema.ts, RateLimitBucketsTable.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit_buckets')
    .addColumn('bucket', 'text', (col) => col.primaryKey())
    .addColumn('window_started_ms', 'bigint', (col) => col.notNull())
    .addColumn('hits', 'integer', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_buckets_window_idx').on('rate_limit_buckets').column('window_started_ms').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit_buckets').execute();
}
