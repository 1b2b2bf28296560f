import type { Kysely } from 'kysely';
import { rollUpScopeTotals } from '../scope-totals-repository.ts';
import type { Database } from '../schema.ts';

/**
 * Year rows in the scope totals (all service fields together): the ranking of a province's communes
 * over a year reads one row per commune and measure instead of twelve. Summed from the month rows, which
 * hold everything stored so far; replaces any year rows, so it is right whatever 0004 built.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await rollUpScopeTotals(db as Kysely<Database>, 'years');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('scope_totals').where('granularity', '=', 'year').execute();
}
