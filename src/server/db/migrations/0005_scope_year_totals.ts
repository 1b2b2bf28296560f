import { sql, type Kysely } from 'kysely';

/**
 * Year rows in the scope totals (all service fields together): the ranking of a province's communes
 * over a year reads one row per commune and measure instead of twelve. Summed from the month rows, which
 * hold everything stored so far; replaces any year rows, so it is right whatever 0004 built.
 * Self-contained: the SQL is written here, not borrowed from the repository that keeps the totals today.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('scope_totals').where('granularity', '=', 'year').where('service_field_id', '=', '*').execute();
  await sql`
    insert into scope_totals (scope_unit_id, questionnaire_id, service_field_id, granularity, period, questionnaire_version, flagged, measure, item, detail, count)
    select scope_unit_id, questionnaire_id, '*', 'year', substr(period, 1, 4), questionnaire_version, flagged, measure, item, detail, sum(count)
    from scope_totals
    where granularity = 'month' and service_field_id = '*'
    group by scope_unit_id, questionnaire_id, substr(period, 1, 4), questionnaire_version, flagged, measure, item, detail
    having sum(count) <> 0
  `.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('scope_totals').where('granularity', '=', 'year').execute();
}
