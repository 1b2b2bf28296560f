import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { PeriodCover } from '../../domain/calendar.ts';
import { dialectOf } from './database.ts';
import { addCounts } from './bulk-statements.ts';
import { DAILY_SOURCES } from './daily-sources.ts';
import type { Database, ScopeGranularity, ScopeMeasure, ScopeTotalRow } from './schema.ts';

/**
 * The scope totals (schema.ts, ScopeTotalsTable) and the membership table that says which scopes a
 * unit's responses count in. The sync transaction adds to them with the daily tables; a change to the
 * unit tree moves members' history between scopes from the daily tables; reports read them.
 */

export const ALL_SERVICE_FIELDS = '*';

const SCOPE_TOTALS_KEY = [
  'scope_unit_id',
  'questionnaire_id',
  'service_field_id',
  'granularity',
  'period',
  'questionnaire_version',
  'flagged',
  'measure',
  'item',
  'detail',
] as const satisfies readonly (keyof ScopeTotalRow)[];

/**
 * The totalled scopes (those holding more than their own unit: a unit on its own is read from the daily
 * tables) each unit's responses count in. On PostgreSQL the rows are share-locked: see replaceScopeMembers.
 */
export async function totalledScopesOfUnits(db: Kysely<Database>, unitIds: readonly string[]): Promise<Map<string, string[]>> {
  const scopes = new Map<string, string[]>();
  if (unitIds.length === 0) return scopes;
  let query = db
    .selectFrom('unit_scope_members as m')
    .select(['m.member_unit_id', 'm.scope_unit_id'])
    .where('m.member_unit_id', 'in', [...unitIds])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('unit_scope_members as other')
          .select('other.member_unit_id')
          .whereRef('other.scope_unit_id', '=', 'm.scope_unit_id')
          .whereRef('other.member_unit_id', '<>', 'other.scope_unit_id'),
      ),
    )
    .orderBy('m.member_unit_id')
    .orderBy('m.scope_unit_id');
  if (dialectOf(db) === 'postgres') query = query.forShare('m');
  for (const row of await query.execute()) {
    const list = scopes.get(row.member_unit_id);
    if (list) list.push(row.scope_unit_id);
    else scopes.set(row.member_unit_id, [row.scope_unit_id]);
  }
  return scopes;
}

/** Adds aggregated rows (one per key). */
export async function addToScopeTotals(db: Kysely<Database>, rows: readonly ScopeTotalRow[]): Promise<void> {
  await addCounts<ScopeTotalRow>(db, 'scope_totals', SCOPE_TOTALS_KEY, rows);
}

/**
 * A new unit counts in its own scope and in every scope its parent counts in. It has no responses yet,
 * so no totals move, except that the parent's scope now holds more than the parent: it becomes totalled,
 * from the parent's own history.
 */
export async function addNewUnitToScopes(db: Kysely<Database>, unitId: string, parentId: string | null): Promise<void> {
  const parentScopes =
    parentId === null
      ? []
      : (await db.selectFrom('unit_scope_members').select('scope_unit_id').where('member_unit_id', '=', parentId).execute()).map(
          (row) => row.scope_unit_id,
        );
  const parentWasAlone =
    parentId !== null &&
    (await db.selectFrom('unit_scope_members').select('member_unit_id').where('scope_unit_id', '=', parentId).limit(2).execute()).length === 1;
  const rows = [unitId, ...parentScopes].map((scopeId) => ({ member_unit_id: unitId, scope_unit_id: scopeId }));
  await db
    .insertInto('unit_scope_members')
    .values(rows)
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  if (parentWasAlone) await copyDailyIntoScopes(db, 1, { scopeUnitId: parentId, memberUnitId: parentId });
}

export interface ScopeMembership {
  scopeUnitId: string;
  memberUnitId: string;
}

/**
 * Takes the membership lock of replaceScopeMembers for the rest of the transaction (PostgreSQL; a SQLite
 * write transaction is exclusive already). A change of the unit tree takes it before it changes or reads
 * the tree: two moves at once then run one after the other, and the second computes its membership from a
 * tree that holds the first (read committed shows each statement what committed before it).
 */
export async function lockScopeMembership(db: Kysely<Database>): Promise<void> {
  if (dialectOf(db) === 'postgres') await sql`lock table unit_scope_members in exclusive mode`.execute(db);
}

/**
 * Brings the membership table to `wanted` (computed from the unit tree after a move or a merge) and moves
 * each member's history out of the scopes it left and into the scopes it joined, from the daily tables.
 * PostgreSQL: the table lock waits for sync transactions that read the old membership (they share-lock
 * it) and holds new ones back until this commits, so no batch is added to a scope by the old tree after
 * its history was moved.
 */
export async function replaceScopeMembers(db: Kysely<Database>, wanted: readonly ScopeMembership[]): Promise<{ joined: number; left: number }> {
  await lockScopeMembership(db);
  const keyOf = (scopeUnitId: string, memberUnitId: string) => `${scopeUnitId}\n${memberUnitId}`;
  const current = (await db.selectFrom('unit_scope_members').select(['scope_unit_id', 'member_unit_id']).execute()).map((row) => ({
    scopeUnitId: row.scope_unit_id,
    memberUnitId: row.member_unit_id,
  }));
  const currentKeys = new Set(current.map((row) => keyOf(row.scopeUnitId, row.memberUnitId)));
  const wantedKeys = new Set(wanted.map((row) => keyOf(row.scopeUnitId, row.memberUnitId)));
  const left = current.filter((row) => !wantedKeys.has(keyOf(row.scopeUnitId, row.memberUnitId)));
  const joined = wanted.filter((row) => !currentKeys.has(keyOf(row.scopeUnitId, row.memberUnitId)));
  const totalledBefore = totalledScopes(current);
  const totalledAfter = totalledScopes(wanted);

  // Out of the scopes that stay totalled, member by member; a scope that stops being totalled is emptied.
  for (const row of left) {
    if (totalledBefore.has(row.scopeUnitId) && totalledAfter.has(row.scopeUnitId)) await copyDailyIntoScopes(db, -1, row);
    await db.deleteFrom('unit_scope_members').where('scope_unit_id', '=', row.scopeUnitId).where('member_unit_id', '=', row.memberUnitId).execute();
  }
  const emptied = [...totalledBefore].filter((scopeId) => !totalledAfter.has(scopeId));
  for (let start = 0; start < emptied.length; start += 500) {
    await db
      .deleteFrom('scope_totals')
      .where('scope_unit_id', 'in', emptied.slice(start, start + 500))
      .execute();
  }
  if (joined.length > 0) {
    await db
      .insertInto('unit_scope_members')
      .values(joined.map((row) => ({ scope_unit_id: row.scopeUnitId, member_unit_id: row.memberUnitId })))
      .execute();
  }
  // Into the scopes that were totalled, member by member; a newly totalled scope is built from all of them.
  for (const row of joined) if (totalledBefore.has(row.scopeUnitId)) await copyDailyIntoScopes(db, 1, row);
  for (const row of wanted) {
    if (totalledAfter.has(row.scopeUnitId) && !totalledBefore.has(row.scopeUnitId)) await copyDailyIntoScopes(db, 1, row);
  }
  const touched = [...new Set([...left.map((row) => row.scopeUnitId), ...joined.map((row) => row.scopeUnitId)])];
  for (let start = 0; start < touched.length; start += 500) {
    await db
      .deleteFrom('scope_totals')
      .where('scope_unit_id', 'in', touched.slice(start, start + 500))
      .where('count', '=', 0)
      .execute();
  }
  return { joined: joined.length, left: left.length };
}

/** Scopes that hold a unit other than their own: only these have totals. */
function totalledScopes(memberships: readonly ScopeMembership[]): Set<string> {
  return new Set(memberships.filter((row) => row.memberUnitId !== row.scopeUnitId).map((row) => row.scopeUnitId));
}

/**
 * Recomputes every scope total from the daily tables and the membership table (migration, bulk loads).
 * The daily tables are read once for the month rows per service field and once for the day rows; the
 * month rows of all service fields and the year rows are summed from the month rows per service field.
 */
export async function rebuildScopeTotals(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('scope_totals').execute();
  await copyDailyIntoScopes(db, 1, null, [MONTH_PER_SERVICE_FIELD, DAY]);
  await rollUpScopeTotals(db, 'month-of-fields');
  await rollUpScopeTotals(db, 'years');
}

/**
 * Rows summed from other scope totals: month rows of all service fields from the month rows per service
 * field, or year rows from the month rows of all service fields. Replaces what was there.
 */
export async function rollUpScopeTotals(db: Kysely<Database>, what: 'month-of-fields' | 'years'): Promise<void> {
  const target = what === 'years' ? { granularity: 'year', period: 'substr(period, 1, 4)' } : { granularity: 'month', period: 'period' };
  const source = what === 'years' ? sql`service_field_id = ${sql.lit(ALL_SERVICE_FIELDS)}` : sql`service_field_id <> ${sql.lit(ALL_SERVICE_FIELDS)}`;
  await db
    .deleteFrom('scope_totals')
    .where('granularity', '=', target.granularity as ScopeGranularity)
    .where('service_field_id', '=', ALL_SERVICE_FIELDS)
    .execute();
  await sql`
    insert into scope_totals (${sql.raw(SCOPE_TOTALS_KEY.join(', '))}, count)
    select scope_unit_id, questionnaire_id, ${sql.lit(ALL_SERVICE_FIELDS)}, ${sql.lit(target.granularity)}, ${sql.raw(target.period)},
           questionnaire_version, flagged, measure, item, detail, sum(count)
    from scope_totals
    where granularity = 'month' and ${source}
    group by scope_unit_id, questionnaire_id, ${sql.raw(target.period)}, questionnaire_version, flagged, measure, item, detail
    having sum(count) <> 0
  `.execute(db);
}

/** Where a daily row is totalled (the rule scopeTotalsOf applies at sync), as SQL over the daily row `d`. */
interface ScopePlace {
  granularity: ScopeGranularity;
  period: string;
  serviceField: string;
}

const MONTH_PER_SERVICE_FIELD: ScopePlace = { granularity: 'month', period: 'substr(d.local_day, 1, 7)', serviceField: 'd.service_field_id' };
const MONTH: ScopePlace = { granularity: 'month', period: 'substr(d.local_day, 1, 7)', serviceField: `'${ALL_SERVICE_FIELDS}'` };
const DAY: ScopePlace = { granularity: 'day', period: 'd.local_day', serviceField: `'${ALL_SERVICE_FIELDS}'` };
const YEAR: ScopePlace = { granularity: 'year', period: 'substr(d.local_day, 1, 4)', serviceField: `'${ALL_SERVICE_FIELDS}'` };

/**
 * INSERT … SELECT from each daily table into the totalled scopes its units count in (or one member into
 * one scope), at the given places: by month per service field, and for all service fields together by
 * month, day and year (day rows per service field would multiply the table for the rare filtered short
 * range, which the daily tables serve). `sign` -1 takes a member's history out of a scope it left.
 */
async function copyDailyIntoScopes(
  db: Kysely<Database>,
  sign: 1 | -1,
  only: ScopeMembership | null,
  places: readonly ScopePlace[] = [MONTH_PER_SERVICE_FIELD, MONTH, DAY, YEAR],
): Promise<void> {
  const filter: RawBuilder<unknown> =
    only === null
      ? sql`m.scope_unit_id in (select other.scope_unit_id from unit_scope_members other where other.member_unit_id <> other.scope_unit_id)`
      : sql`m.scope_unit_id = ${only.scopeUnitId} and m.member_unit_id = ${only.memberUnitId}`;
  for (const source of DAILY_SOURCES) {
    for (const place of places) {
      await sql`
        insert into scope_totals (${sql.raw(SCOPE_TOTALS_KEY.join(', '))}, count)
        select m.scope_unit_id, d.questionnaire_id, ${sql.raw(place.serviceField)}, ${sql.raw(`'${place.granularity}'`)}, ${sql.raw(place.period)},
               d.questionnaire_version, ${sql.raw(source.flagged)}, ${sql.raw(`'${source.measure}'`)}, ${sql.raw(source.item)},
               ${sql.raw(source.detail)}, ${sql.raw(String(sign))} * sum(d.count)
        from ${sql.table(source.table)} d join unit_scope_members m on m.member_unit_id = d.unit_id
        where ${filter}
        group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
        on conflict (${sql.raw(SCOPE_TOTALS_KEY.join(', '))}) do update set count = scope_totals.count + excluded.count
      `.execute(db);
    }
  }
}

export interface ScopeTotalsQuery {
  scopeIds: readonly string[];
  questionnaireId: string;
  serviceFieldId: string | null;
  /** null: every version. */
  version: number | null;
  cover: PeriodCover;
  measures: readonly ScopeMeasure[];
}

export interface ScopeTotal {
  scopeId: string;
  /** A year 'YYYY', a month 'YYYY-MM' or a day 'YYYY-MM-DD', as the cover asked for it. */
  period: string;
  version: number;
  flagged: boolean;
  measure: ScopeMeasure;
  item: string;
  detail: string;
  count: number;
}

type CountedRow = Pick<ScopeTotalRow, 'questionnaire_version' | 'flagged' | 'measure' | 'item' | 'detail' | 'count'>;

/** A stored count row as reports read it, under the scope and period it is reported in (drivers differ in number types). */
export function scopeTotalOf(scopeId: string, period: string, row: CountedRow): ScopeTotal {
  return {
    scopeId,
    period,
    version: Number(row.questionnaire_version),
    flagged: Number(row.flagged) === 1,
    measure: row.measure,
    item: row.item,
    detail: row.detail,
    count: Number(row.count),
  };
}

/**
 * One (granularity, period range) per part of the cover: each is a plain range of the key, which a single
 * query with OR-ed ranges would not be (SQLite then reads every period of each scope).
 */
function partsOf(cover: PeriodCover): { granularity: ScopeGranularity; from: string; to: string }[] {
  return [
    ...(cover.years ? [{ granularity: 'year' as const, ...cover.years }] : []),
    ...cover.months.map((range) => ({ granularity: 'month' as const, ...range })),
    ...cover.days.map((range) => ({ granularity: 'day' as const, ...range })),
  ];
}

function totalsOf(db: Kysely<Database>, query: ScopeTotalsQuery, part: ReturnType<typeof partsOf>[number]) {
  let select = db
    .selectFrom('scope_totals')
    .where('scope_unit_id', 'in', [...query.scopeIds])
    .where('questionnaire_id', '=', query.questionnaireId)
    .where('service_field_id', '=', query.serviceFieldId ?? ALL_SERVICE_FIELDS)
    .where('granularity', '=', part.granularity)
    .where('period', '>=', part.from)
    .where('period', '<=', part.to)
    .where('measure', 'in', [...query.measures]);
  if (query.version !== null) select = select.where('questionnaire_version', '=', query.version);
  return select;
}

/** The rows of the scopes over the cover, one per period (the trend, the versions, the comment days). */
export async function readScopeTotals(db: Kysely<Database>, query: ScopeTotalsQuery): Promise<ScopeTotal[]> {
  if (query.scopeIds.length === 0) return [];
  const rows = [];
  for (const part of partsOf(query.cover)) {
    rows.push(
      ...(await totalsOf(db, query, part)
        .select(['scope_unit_id', 'period', 'questionnaire_version', 'flagged', 'measure', 'item', 'detail', 'count'])
        .execute()),
    );
  }
  return rows.map((row) => scopeTotalOf(row.scope_unit_id, row.period, row));
}

/** The same rows summed over the cover per scope (the ranking of sub-units reads only these sums). */
export async function sumScopeTotals(db: Kysely<Database>, query: ScopeTotalsQuery): Promise<Omit<ScopeTotal, 'period' | 'version'>[]> {
  if (query.scopeIds.length === 0) return [];
  const sums = new Map<string, Omit<ScopeTotal, 'period' | 'version'>>();
  for (const part of partsOf(query.cover)) {
    const rows = await totalsOf(db, query, part)
      .select((eb) => ['scope_unit_id', 'flagged', 'measure', 'item', 'detail', eb.fn.sum<number>('count').as('count')])
      .groupBy(['scope_unit_id', 'flagged', 'measure', 'item', 'detail'])
      .execute();
    for (const row of rows) {
      const key = `${row.scope_unit_id}\n${row.flagged}\n${row.measure}\n${row.item}\n${row.detail}`;
      const sum = sums.get(key);
      if (sum) sum.count += Number(row.count);
      else {
        sums.set(key, {
          scopeId: row.scope_unit_id,
          flagged: Number(row.flagged) === 1,
          measure: row.measure,
          item: row.item,
          detail: row.detail,
          count: Number(row.count),
        });
      }
    }
  }
  return [...sums.values()];
}
