import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../src/server/db/database.ts';
import type { CountGranularity, CountMeasure, Database } from '../../src/server/db/schema.ts';

/**
 * The seven count tables that migration 0019 folded into one (schema.ts, CountsTable), as tests written
 * against them read them: the tables themselves in a database migrated only up to an older schema, or,
 * in a current one, views that show the counts in the old shapes. The views are the inverse of the
 * migration's copies, so a test keeps asserting the same numbers as before.
 */

interface DailyDimensions {
  local_day: string;
  unit_id: string;
  counter_id: string;
  service_field_id: string;
  questionnaire_id: string;
  questionnaire_version: number;
}

interface TotalRow {
  questionnaire_id: string;
  questionnaire_version: number;
  flagged: 0 | 1;
  measure: CountMeasure;
  item: string;
  detail: string;
  count: number;
}

export interface LegacyCountTables {
  daily_tallies: DailyDimensions & { criterion_id: string; level: number; flagged: 0 | 1; count: number };
  daily_response_counts: DailyDimensions & { complete: 0 | 1; flagged: 0 | 1; count: number };
  daily_choice_tallies: DailyDimensions & { question_id: string; option_id: string; flagged: 0 | 1; count: number };
  daily_flag_counts: DailyDimensions & { flag: string; count: number };
  daily_mark_counts: DailyDimensions & { mark: string; flagged: 0 | 1; count: number };
  scope_totals: TotalRow & { scope_unit_id: string; service_field_id: string; granularity: CountGranularity; period: string };
  procedure_totals: TotalRow & { unit_id: string; local_day: string; procedure_id: string };
}

export type LegacyDatabase = Database & LegacyCountTables;

/** A database migrated only up to a schema that still has the old tables. */
export function olderSchema(db: Kysely<Database>): Kysely<LegacyDatabase> {
  return db as unknown as Kysely<LegacyDatabase>;
}

const DAILY = `period as local_day, unit_id, counter_id, service_field_id, questionnaire_id, questionnaire_version`;
const DAILY_KEY = `period, unit_id, counter_id, service_field_id, questionnaire_id, questionnaire_version`;
const UNIT_DAYS = `from counts where place = 'unit' and procedure_id = '*'`;

// The old tables had no channel (migration 0021 added it to the key): each view sums a key's channels.
const VIEWS: Record<keyof LegacyCountTables, string> = {
  daily_tallies: `select ${DAILY}, item as criterion_id, cast(detail as integer) as level, flagged, sum(count) as count
    ${UNIT_DAYS} and measure = 'tally' group by ${DAILY_KEY}, item, detail, flagged`,
  daily_response_counts: `select ${DAILY}, cast(item as integer) as complete, flagged, sum(count) as count
    ${UNIT_DAYS} and measure = 'responses' group by ${DAILY_KEY}, item, flagged`,
  daily_choice_tallies: `select ${DAILY}, item as question_id, detail as option_id, flagged, sum(count) as count
    ${UNIT_DAYS} and measure = 'choice' group by ${DAILY_KEY}, item, detail, flagged`,
  daily_flag_counts: `select ${DAILY}, item as flag, sum(count) as count ${UNIT_DAYS} and measure = 'flag' group by ${DAILY_KEY}, item`,
  daily_mark_counts: `select ${DAILY}, item as mark, flagged, sum(count) as count ${UNIT_DAYS} and measure = 'mark' group by ${DAILY_KEY}, item, flagged`,
  scope_totals: `select unit_id as scope_unit_id, questionnaire_id, service_field_id, granularity, period, questionnaire_version, flagged, measure, item, detail,
    sum(count) as count from counts where place = 'scope'
    group by unit_id, questionnaire_id, service_field_id, granularity, period, questionnaire_version, flagged, measure, item, detail`,
  procedure_totals: `select unit_id, period as local_day, questionnaire_id, questionnaire_version, procedure_id, flagged, measure, item, detail, sum(count) as count
    from counts where place = 'unit' and procedure_id <> '*'
    group by unit_id, period, questionnaire_id, questionnaire_version, procedure_id, flagged, measure, item, detail`,
};

/** A current database with the old tables as views over its counts. */
export async function withLegacyCountViews(db: Kysely<Database>): Promise<Kysely<LegacyDatabase>> {
  const create = dialectOf(db) === 'postgres' ? 'create or replace view' : 'create view if not exists';
  for (const [name, select] of Object.entries(VIEWS)) await sql.raw(`${create} ${name} as ${select}`).execute(db);
  return olderSchema(db);
}
