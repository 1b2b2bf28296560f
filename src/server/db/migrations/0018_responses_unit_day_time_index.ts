import type { Kysely } from 'kysely';

/**
 * The alert engine's burst rule runs after every sync batch and asks for a unit's answers of the last
 * minutes (alert-figures-repository.ts, recentResponsesAtCounters). With the index on (unit, day) alone,
 * each ask read every answer of the unit's day to compare its time, so a busy day made every batch
 * slower. Adding the corrected submit time to that index makes the ask a range read of those minutes;
 * exports and drill-downs, which read a unit's days, use the same index by its first two columns.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('responses_unit_day_time_idx').on('responses').columns(['unit_id', 'local_day', 'corrected_submitted_at']).execute();
  await db.schema.dropIndex('responses_unit_day_idx').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('responses_unit_day_idx').on('responses').columns(['unit_id', 'local_day']).execute();
  await db.schema.dropIndex('responses_unit_day_time_idx').execute();
}
