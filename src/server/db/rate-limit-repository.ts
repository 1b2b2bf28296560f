import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Fixed-window request counters shared by every server process on one database (migration 0010). */

export interface WindowCount {
  /** Requests counted in the current window, this one included. */
  hits: number;
  windowStartedMs: number;
}

/**
 * Counts one request in `bucket`'s window, starting a new window when the stored one has ended. One
 * statement: PostgreSQL serialises concurrent upserts of one row, SQLite has one writer, so simultaneous
 * requests from several processes each get a distinct count.
 */
export async function countRequest(db: Kysely<Database>, bucket: string, nowMs: number, windowMs: number): Promise<WindowCount> {
  const windowEnded = sql<boolean>`rate_limit_buckets.window_started_ms + ${windowMs} <= ${nowMs}`;
  const row = await db
    .insertInto('rate_limit_buckets')
    .values({ bucket, window_started_ms: nowMs, hits: 1 })
    .onConflict((conflict) =>
      conflict.column('bucket').doUpdateSet({
        hits: sql`case when ${windowEnded} then 1 else rate_limit_buckets.hits + 1 end`,
        window_started_ms: sql`case when ${windowEnded} then ${nowMs} else rate_limit_buckets.window_started_ms end`,
      }),
    )
    .returning(['hits', 'window_started_ms'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), windowStartedMs: Number(row.window_started_ms) };
}

/** The current window of `bucket` without counting a request (an ended or missing window counts 0). */
export async function readRequestCount(db: Kysely<Database>, bucket: string, nowMs: number, windowMs: number): Promise<WindowCount> {
  const row = await db.selectFrom('rate_limit_buckets').select(['hits', 'window_started_ms']).where('bucket', '=', bucket).executeTakeFirst();
  if (!row || Number(row.window_started_ms) + windowMs <= nowMs) return { hits: 0, windowStartedMs: nowMs };
  return { hits: Number(row.hits), windowStartedMs: Number(row.window_started_ms) };
}

/** Deletes the buckets whose window started before `beforeMs`: they would be restarted at their next request anyway. */
export async function forgetRateLimitWindowsBefore(db: Kysely<Database>, beforeMs: number): Promise<void> {
  await db.deleteFrom('rate_limit_buckets').where('window_started_ms', '<', beforeMs).execute();
}
