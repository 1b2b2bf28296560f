import type { Kysely } from 'kysely';
import { addToDailyFlagCounts } from '../db/flags-repository.ts';
import { addToProcedureTotals } from '../db/procedure-totals-repository.ts';
import { addToDailyChoiceTallies, addToDailyMarkCounts, addToDailyResponseCounts, addToDailyTallies } from '../db/responses-repository.ts';
import { addToScopeTotals, totalledScopesOfUnits } from '../db/scope-totals-repository.ts';
import type { Database } from '../db/schema.ts';
import { dailyAggregatesOf, type StoredResponse } from './daily-aggregates.ts';
import { procedureTotalsOf, scopeTotalsOf } from './scope-totals.ts';

/**
 * Adds what responses count (or, with sign −1, takes it back) to every aggregate a report reads: the
 * daily tables, the scope totals of every totalled scope their units count in, and the procedure totals.
 * Called inside the caller's transaction: the sync's, a theme correction's, the classification of stored comments.
 */
export async function addToAggregates(trx: Kysely<Database>, stored: readonly StoredResponse[]): Promise<void> {
  if (stored.length === 0) return;
  const aggregates = dailyAggregatesOf(stored);
  await addToDailyTallies(trx, aggregates.tallies);
  await addToDailyResponseCounts(trx, aggregates.responseCounts);
  await addToDailyChoiceTallies(trx, aggregates.choices);
  await addToDailyFlagCounts(trx, aggregates.flagCounts);
  await addToDailyMarkCounts(trx, aggregates.markCounts);
  const scopes = await totalledScopesOfUnits(trx, [...new Set(stored.map(({ row }) => row.unit_id))]);
  await addToScopeTotals(trx, scopeTotalsOf(aggregates, scopes));
  await addToProcedureTotals(trx, procedureTotalsOf(stored));
}
