import type { Kysely } from 'kysely';
import { addToCounts } from '../db/counts-repository.ts';
import { totalledScopesOfUnits } from '../db/scope-members-repository.ts';
import type { Database } from '../db/schema.ts';
import { procedureCountsOf, scopeCountsOf } from './scope-counts.ts';
import { unitCountsOf, type StoredResponse } from './unit-counts.ts';

/**
 * Adds what responses count (or, with sign −1, takes it back) to every count a report reads, in one
 * statement: their units' day rows, the same by procedure, and the rows of every totalled scope their units
 * count in. Called inside the caller's transaction: the sync's, a theme correction's, the classification of
 * stored comments.
 */
export async function addToAggregates(trx: Kysely<Database>, stored: readonly StoredResponse[]): Promise<void> {
  if (stored.length === 0) return;
  const unitCounts = unitCountsOf(stored);
  const scopes = await totalledScopesOfUnits(trx, [...new Set(stored.map(({ row }) => row.unit_id))]);
  await addToCounts(trx, [...unitCounts, ...procedureCountsOf(stored), ...scopeCountsOf(unitCounts, scopes)]);
}
